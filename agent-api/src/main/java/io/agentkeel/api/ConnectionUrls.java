package io.agentkeel.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a store may say about its connection URL: never the password the URL holds. For the stores
 * of AgentKeel's modules and for third-party ones, whose errors and log lines quote a JDBC URL or a
 * Redis or AMQP URI, or a driver's message that quotes one.
 */
public final class ConnectionUrls {
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

  /**
   * The password of a {@code user:password@} part: up to the last {@code @} before the URL ends (at
   * a blank or a quote), since a password written unencoded may hold {@code / ? # @}; but not past
   * a port ({@code host:5432/db?user=admin@server} holds no password). With no user before the
   * colon there is no host either ({@code redis://:1234/x@host}): what follows is a password.
   */
  private static final Pattern USERINFO_PASSWORD =
      Pattern.compile("(://(?:[^:/@?#\\s'\"]+:(?![0-9]*(?:[/?#\\s'\"]|$))|:))[^\\s'\"]*@");

  private ConnectionUrls() {}

  /**
   * A text with every password of a URL in it shown as {@code ***}: a {@code password=} parameter
   * in any case (up to the next {@code &} or {@code ;}, or the end of the text), and the password
   * of a {@code user:password@} part, even one that holds {@code / ? # @} unencoded.
   *
   * @param text a URL, or a message that may quote one; may be null
   * @return the text, masked; null for null
   */
  public static String withoutPassword(String text) {
    if (text == null) {
      return null;
    }
    return USERINFO_PASSWORD
        .matcher(PASSWORD_PARAMETER.matcher(text).replaceAll("$1***"))
        .replaceAll("$1***@");
  }

  /**
   * Opens a JDBC connection. A driver that cannot read the URL quotes it whole in its error
   * ("Unable to parse URL ..."), password and all; that error is replaced by one whose message
   * masks it, with the same SQL state and stack trace but without the driver's error as its cause,
   * which would print the password with the stack trace.
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
}
