package io.agentkeel.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * No error of a journal that cannot open shows a password its URL holds, in its message or its
 * stack trace: PostgreSQL's driver quotes a URL it cannot read whole ("Unable to parse URL ..."),
 * and the journal quoted the driver and kept its error as the cause; an unsupported URL was masked
 * only where it said {@code password=} in lower case.
 */
class JournalUrlPasswordTest {

  private static final String SECRET = "Tr0ub4dor3";

  @Test
  void aPostgresUrlTheDriverCannotReadShowsNoPassword() {
    // A mistyped port: the driver cannot parse the URL, and needs no server to say so.
    Throwable failure =
        catchThrowable(() ->
            JdbcTaskJournal.open(
                "jdbc:postgresql://127.0.0.1:54x32/test?user=postgres&password=" + SECRET,
                "postgres",
                "",
                "agentkeel_"));

    assertThat(failure).isInstanceOf(IllegalStateException.class);
    assertThat(everything(failure)).doesNotContain(SECRET).contains("password=***");
  }

  @Test
  void anUnsupportedUrlShowsNoPasswordInAnyCaseOrForm() {
    for (String url :
        new String[] {
          "jdbc:sqlserver://db:1433;user=sa;Password=" + SECRET,
          "jdbc:mysql://db/agents?user=app&PASSWORD=" + SECRET,
          "jdbc:mysql://app:" + SECRET + "@db:3306/agents"
        }) {
      Throwable failure = catchThrowable(() -> JdbcTaskJournal.open(url, "sa", "", "agentkeel_"));

      assertThat(failure)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("names no supported engine");
      assertThat(everything(failure)).as(url).doesNotContain(SECRET);
    }
  }

  private static String everything(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }
}
