package io.agentkeel.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {

  @Test
  void aRefusalOfValuesKeepsItsStateCodeAndFramesButNoMessageCauseOrChain() {
    SQLException refused =
        new SQLException(
            "null value in column \"kind\" violates not-null constraint\n"
                + "  Detail: Failing row contains (t1, 0, null, alice@example.com).",
            "23502",
            0,
            new RuntimeException("alice@example.com"));
    refused.setNextException(new SQLException("Failing row contains (alice@example.com)"));

    SQLException kept = DatabaseErrors.withoutValues(refused);

    assertThat(DatabaseErrors.mayQuoteValues(refused)).isTrue();
    assertThat(kept.getSQLState()).isEqualTo("23502");
    assertThat(kept.getMessage())
        .startsWith("java.sql.SQLException, SQL state 23502")
        .doesNotContain("alice");
    assertThat((Object) kept.getCause()).isNull();
    assertThat((Object) kept.getNextException()).isNull();
    assertThat(kept.getStackTrace()).isEqualTo(refused.getStackTrace());
  }

  @Test
  void aFailureOfAnotherClassIsKeptAsItIs() {
    for (String state : new String[] {"08006", "42P01", "53100", "40001", null}) {
      SQLException failure = new SQLException("connection refused", state);
      assertThat(DatabaseErrors.mayQuoteValues(failure)).isFalse();
      assertThat((Object) DatabaseErrors.withoutValues(failure)).isSameAs(failure);
    }
  }
}
