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

  /**
   * Core writes tool arguments with Jackson, which escapes a control character as {@code \\u001B}
   * with upper-case hex digits; the filter looked only for the lower-case form.
   */
  @Test
  void aSecretWithAControlCharacterIsReplacedAsJacksonWritesIt() {
    String password = "pa\u001bss-wo\u001frd";
    SecretValuesFilter withControl =
        new SecretValuesFilter(
            Credentials.load(
                new MapConfiguration(Map.of("security.secrets.dev.db-password", "env:DB_PASSWORD")),
                name -> name.equals("DB_PASSWORD") ? password : null));
    String arguments =
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .writeValueAsString(Map.of("value", password));

    assertThat(withControl.filter(arguments, OutputChannel.EVENT, Runs.of("a")))
        .as(arguments)
        .isEqualTo("{\"value\":\"<SECRET:db-password>\"}");
  }

  /**
   * Arguments as a model provider sends them (Python's json.dumps, by default) write every
   * character past ASCII as a {@code \\u} escape: a secret holding one was kept in that form.
   */
  @Test
  void aSecretWithALetterPastAsciiIsReplacedWhereJsonEscapesIt() {
    SecretValuesFilter accented =
        new SecretValuesFilter(
            Credentials.load(
                new MapConfiguration(Map.of("security.secrets.dev.db-password", "env:DB_PASSWORD")),
                name -> name.equals("DB_PASSWORD") ? "P\u00e4sswort-2024" : null));
    for (String escaped : new String[] {"P\\u00e4sswort-2024", "P\\u00E4sswort-2024"}) {
      assertThat(accented.filter("{\"v\":\"" + escaped + "\"}", OutputChannel.EVENT, Runs.of("a")))
          .as(escaped)
          .isEqualTo("{\"v\":\"<SECRET:db-password>\"}");
    }
  }

  @Test
  void aSecretFromAVariableSetWithATrailingLineBreakIsStillRecognised() {
    // Before: 'export DB_PASSWORD=$(cat file)' style values kept their line break in the secret,
    // so the bare password in an answer was not replaced.
    SecretValuesFilter fromVariable =
        new SecretValuesFilter(
            Credentials.load(
                new MapConfiguration(Map.of("security.secrets.dev.db-password", "env:DB_PASSWORD")),
                name -> name.equals("DB_PASSWORD") ? "hunter2-long\n" : null));

    assertThat(fromVariable.filter("it is hunter2-long.", OutputChannel.ANSWER, Runs.of("a")))
        .isEqualTo("it is <SECRET:db-password>.");
  }

  @Test
  void settingsShowNoPasswordOfTheirUris() {
    SecuritySettings d = SecuritySettings.defaults();
    SecuritySettings settings =
        new SecuritySettings(
            d.injection(),
            d.maxInputLength(),
            d.userInputThreshold(),
            d.dataThreshold(),
            d.piiStyle(),
            d.piiMinScore(),
            d.phoneRegions(),
            d.pseudonymiseWorkflows(),
            d.keepAnswerPseudonymised(),
            d.rateLimits(),
            "redis",
            "redis://default:s3cr3t-redis@cache:6379/0",
            d.redisKeyPrefix(),
            d.rateLimitFailure(),
            "postgres",
            d.auditFile(),
            d.auditFsync(),
            "jdbc:postgresql://db/audit?user=a&password=s3cr3t-pg&ssl=true",
            d.auditUser(),
            d.auditPasswordSecret(),
            d.auditTable(),
            d.auditRefuse(),
            d.auditRefuseOthers());

    // Before: the record's own text printed both URIs whole.
    assertThat(settings.toString())
        .doesNotContain("s3cr3t")
        .contains("redisUri=redis://default:***@cache:6379/0")
        .contains("auditJdbcUrl=jdbc:postgresql://db/audit?user=a&password=***&ssl=true")
        .contains("injection=true");
  }
}
