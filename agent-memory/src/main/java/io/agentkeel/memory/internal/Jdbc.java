package io.agentkeel.memory.internal;

import io.agentkeel.memory.MemoryDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Small JDBC helpers shared by the memory stores. */
public final class Jdbc {

  private Jdbc() {}

  /**
   * Runs one update statement with string parameters.
   *
   * @param database the database
   * @param what what is being done, for the error message
   * @param sql the statement
   * @param parameters its parameters, in order
   * @return the number of rows changed
   * @throws IllegalStateException if the statement fails
   */
  public static int update(MemoryDatabase database, String what, String sql, String... parameters) {
    try (Connection connection = database.connection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * An unchecked error for a failed database operation, naming the operation and the SQL state.
   *
   * <p>A data exception or an integrity constraint violation (SQL state classes 22 and 23) is
   * reported without the driver's message, here and in the cause: those messages quote the values
   * refused (PostgreSQL's "Failing row contains (...)", H2's "Value too long for column ...:
   * 'value'"), and what the stores hold is customers' text, which must not reach a log line. The
   * cause then keeps the driver's SQL state, error code and stack trace.
   *
   * @param what what was being done
   * @param e the failure
   * @return the error to throw
   */
  public static IllegalStateException failure(String what, SQLException e) {
    String state = e.getSQLState();
    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
      SQLException withoutValues =
          new SQLException(
              e.getClass().getName() + " (message left out: it may quote the values refused)",
              state,
              e.getErrorCode());
      withoutValues.setStackTrace(e.getStackTrace());
      return new IllegalStateException(
          "memory database: cannot "
              + what
              + ": the database refused a value (SQL state "
              + state
              + ", error code "
              + e.getErrorCode()
              + ")",
          withoutValues);
    }
    return new IllegalStateException(
        "memory database: cannot " + what + ": " + e.getMessage() + " (SQL state " + state + ")",
        e);
  }
}
