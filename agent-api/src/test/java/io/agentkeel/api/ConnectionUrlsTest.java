package io.agentkeel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionUrlsTest {

  private static final String SECRET = "Tr0ub4dor3";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://db:5432/agents?user=app&password=" + SECRET + "&ssl=true",
        "jdbc:sqlserver://db:1433;user=sa;Password=" + SECRET + ";encrypt=true",
        "jdbc:mysql://db/agents?user=app&PASSWORD=" + SECRET,
        "jdbc:mysql://app:" + SECRET + "@db:3306/agents",
        "redis://:" + SECRET + "@127.0.0.1:6379/0",
        "rediss://default:" + SECRET + "@cache.example:6380",
        "amqp://guest:" + SECRET + "@broker:5672/%2f",
        "Unable to parse URL jdbc:postgresql://127.0.0.1:54x32/test?password=" + SECRET
      })
  void everyFormOfPasswordIsMaskedWhereverTheUrlStands(String text) {
    String shown = ConnectionUrls.withoutPassword(text);

    assertThat(shown).doesNotContain(SECRET).contains("***");
  }

  /**
   * A password written unencoded may hold what ends a URL's authority: '/', '?', '#' or '@'. The
   * masking stopped at the first of them, so 'redis://:se#cret@host' was shown whole (the Redis URI
   * errors of the memory and security modules quote it so) and 'redis://:se@cret@host' showed
   * '***@cret@host'.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://:Tr0ub#4dor3@127.0.0.1:6379/0",
        "redis://:Tr0ub?4dor3@127.0.0.1:6379/0",
        "redis://default:Tr0ub/4dor3@127.0.0.1:6379/0",
        "redis://:Tr0ub@4dor3@127.0.0.1:6379/0",
        "redis://:1234/Tr0ub4dor3@127.0.0.1:6379/0",
        "session memory cannot read the Redis URI 'redis://:Tr0ub#4dor3@127.0.0.1:6379/0 x'",
        "amqp://guest:Tr0ub/4d#or3@broker:5672/%2f"
      })
  void aPasswordHoldingWhatEndsAnAuthorityIsMaskedWhole(String text) {
    String shown = ConnectionUrls.withoutPassword(text);

    assertThat(shown)
        .doesNotContain("Tr0ub")
        .doesNotContain("4dor3")
        .doesNotContain("4d#or3")
        .contains("***@");
  }

  @Test
  void aHostAndPortBeforeAnAtSignAreNotTakenForAPassword() {
    String url = "jdbc:postgresql://srv.example:5432/agents?user=admin@srv&ssl=true";

    assertThat(ConnectionUrls.withoutPassword(url)).isEqualTo(url);
    assertThat(ConnectionUrls.withoutPassword("redis://cache:6379/0 and ops@example.com"))
        .isEqualTo("redis://cache:6379/0 and ops@example.com");
    assertThat(ConnectionUrls.withoutPassword("redis://user:1234@cache:6379"))
        .isEqualTo("redis://user:***@cache:6379");
  }

  @Test
  void whatHoldsNoPasswordIsShownAsItIs() {
    String url = "jdbc:postgresql://db.example:5432/agents?user=app&ssl=true";

    assertThat(ConnectionUrls.withoutPassword(url)).isEqualTo(url);
    assertThat(ConnectionUrls.withoutPassword("redis://127.0.0.1:6379"))
        .isEqualTo("redis://127.0.0.1:6379");
    assertThat(ConnectionUrls.withoutPassword(null)).isNull();
  }

  @Test
  void aUrlNoDriverTakesFailsWithoutItsPassword() {
    SQLException failure =
        catchThrowableOfType(
            SQLException.class,
            () ->
                ConnectionUrls.connect(
                    "jdbc:nosuchdb://u:" + SECRET + "@h/x?password=" + SECRET, "u", ""));

    // DriverManager quotes the URL it found no driver for.
    assertThat(failure.getMessage()).doesNotContain(SECRET).contains("***");
    assertThat(failure.getCause()).isNull();
  }
}
