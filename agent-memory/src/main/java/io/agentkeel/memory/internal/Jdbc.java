package io.agentkeel.memory.internal;

import io.agentkeel.api.DatabaseErrors;
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
   * Where the driver's message may quote the values refused (a data exception or an integrity
   * constraint violation), it is left out, here and in the cause: see {@link DatabaseErrors}.
   *
   * @param what what was being done
   * @param e the failure
   * @return the error to throw
   */
  public static IllegalStateException failure(String what, SQLException e) {
    if (DatabaseErrors.mayQuoteValues(e)) {
      return new IllegalStateException(
          "memory database: cannot "
              + what
              + ": the database refused a value (SQL state "
              + e.getSQLState()
              + ", error code "
              + e.getErrorCode()
              + ")",
          DatabaseErrors.withoutValues(e));
    }
    return new IllegalStateException(
        "memory database: cannot "
            + what
            + ": "
            + e.getMessage()
            + " (SQL state "
            + e.getSQLState()
            + ")",
        e);
  }
}
