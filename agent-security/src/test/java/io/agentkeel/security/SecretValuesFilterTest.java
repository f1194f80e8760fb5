package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.OutputChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretValuesFilterTest {
  static final String PASSWORD = "Tr0ub4dor\"&3\\x/y";

  private final SecretValuesFilter filter =
      new SecretValuesFilter(
          Credentials.load(
              new MapConfiguration(Map.of("security.secrets.dev.db-password", "env:DB_PASSWORD")),
              name -> name.equals("DB_PASSWORD") ? PASSWORD : null));

  @Test
  void aSecretIsReplacedAsItIsWritten() {
    assertThat(filter.filter("the password is " + PASSWORD, OutputChannel.ANSWER, Runs.of("a")))
        .isEqualTo("the password is <SECRET:db-password>");
  }

  /**
   * A tool call's arguments reach events and the audit log as JSON, where a quote or a backslash in
   * a secret is escaped: the value was kept there, one unescaping away from the secret.
   */
  @Test
  void aSecretIsReplacedAsJsonWritesIt() {
    for (String escaped : new String[] {"Tr0ub4dor\\\"&3\\\\x/y", "Tr0ub4dor\\\"&3\\\\x\\/y"}) {
      String arguments = "{\"label\":\"db\",\"value\":\"" + escaped + "\"}";
      assertThat(filter.filter(arguments, OutputChannel.EVENT, Runs.of("a")))
          .as(arguments)
          .isEqualTo("{\"label\":\"db\",\"value\":\"<SECRET:db-password>\"}");
    }
  }
}
