package io.agentkeel.memory.internal;

import io.agentkeel.memory.MemoryDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;

/** Small JDBC helpers shared by the memory stores. */
public final class Jdbc {

  private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

  private Jdbc() {}

  /**
   * A text with every {@code password=...} of a JDBC URL in it masked, for messages that name a
   * URL.
   *
   * @param text a URL, or a message that may quote one
   * @return the text, each password shown as {@code ***}
   */
  public static String withoutPassword(String text) {
    return text == null ? null : PASSWORD.matcher(text).replaceAll("$1***");
  }

  /**
   * Opens a connection. A driver that cannot read the URL quotes it whole in its error ("Unable to
   * parse URL ..."), password and all; that error is replaced by one whose message masks it.
   *
   * @param url the JDBC URL
   * @param user the user
   * @param password the password
   * @return the connection
   * @throws SQLException if it cannot be opened; its message never holds a password of the URL
   */
  public static Connection connect(String url, String user, String password) throws SQLException {
    try {
      return DriverManager.getConnection(url, user, password);
    } catch (SQLException e) {
      String message = withoutPassword(e.getMessage());
      if (Objects.equals(message, e.getMessage())) {
        throw e;
      }
      SQLException masked = new SQLException(message, e.getSQLState(), e.getErrorCode());
      masked.setStackTrace(e.getStackTrace());
      throw masked;
    }
  }

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
   * @param what what was being done
   * @param e the failure
   * @return the error to throw
   */
  public static IllegalStateException failure(String what, SQLException e) {
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
