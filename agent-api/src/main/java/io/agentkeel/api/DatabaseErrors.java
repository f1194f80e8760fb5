package io.agentkeel.api;

import java.sql.SQLException;

/**
 * What a store may pass on of a database's refusal: never the values refused. A driver's message
 * for a data exception or an integrity constraint violation (SQL state classes 22 and 23) quotes
 * them, PostgreSQL's "Failing row contains (...)" or H2's "Value too long for column ...: '...'",
 * and what the stores hold is customers' text, which must not reach a log line. For the stores of
 * AgentKeel's modules and for third-party ones, as {@link ConnectionUrls} is for their URLs.
 */
public final class DatabaseErrors {

  private DatabaseErrors() {}

  /**
   * Whether a failure's message may quote the values the database refused: a data exception or an
   * integrity constraint violation.
   *
   * @param e the failure
   * @return whether its SQL state is of class 22 or 23
   */
  public static boolean mayQuoteValues(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  /**
   * The failure itself, or, where its message may quote the values refused, a stand-in that keeps
   * the driver's class name, SQL state, error code and stack trace but neither its message nor its
   * causes and chained exceptions (which may quote them too).
   *
   * @param e the failure
   * @return what may be kept as the cause of a store's error
   */
  public static SQLException withoutValues(SQLException e) {
    if (!mayQuoteValues(e)) {
      return e;
    }
    SQLException standIn =
        new SQLException(
            e.getClass().getName()
                + ", SQL state "
                + e.getSQLState()
                + ", error code "
                + e.getErrorCode()
                + " (message left out: it may quote the values refused)",
            e.getSQLState(),
            e.getErrorCode());
    standIn.setStackTrace(e.getStackTrace());
    return standIn;
  }
}
