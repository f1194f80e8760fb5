package io.agentkeel.memory.internal;

import io.agentkeel.api.ConnectionUrls;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A small pool of JDBC connections: idle ones are reused, and a borrowed connection goes back on
 * {@code close()}. Enough for the memory stores' short statements; applications with a pool of
 * their own may later pass a DataSource.
 */
public final class ConnectionPool implements AutoCloseable {

  private static final int MAX_IDLE = 8;

  private final String url;
  private final String user;
  private final String password;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(MAX_IDLE);
  private final Connection keeper;
  private volatile boolean closed;

  /**
   * Creates the pool.
   *
   * @param url the JDBC URL
   * @param user the user
   * @param password the password
   * @param keepOpen whether to hold one connection open for the pool's life (an embedded database
   *     closes when its last connection does)
   */
  public ConnectionPool(String url, String user, String password, boolean keepOpen) {
    this.url = url;
    this.user = user;
    this.password = password;
    try {
      this.keeper = keepOpen ? ConnectionUrls.connect(url, user, password) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot open the memory database ("
              + e.getMessage()
              + "); check the URL and that no other process holds an embedded database file",
          e);
    }
  }

  /**
   * Borrows a connection in auto-commit mode.
   *
   * @return a connection whose {@code close()} gives it back
   * @throws SQLException if none can be opened
   */
  public Connection borrow() throws SQLException {
    if (closed) {
      throw new SQLException("the memory database is closed");
    }
    Connection connection = idle.poll();
    while (connection != null && connection.isClosed()) {
      connection = idle.poll();
    }
    if (connection == null) {
      connection = ConnectionUrls.connect(url, user, password);
    }
    connection.setAutoCommit(true);
    return wrap(connection);
  }

  private Connection wrap(Connection real) {
    InvocationHandler handler =
        new InvocationHandler() {
          private boolean returned;

          @Override
          public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args)
              throws Throwable {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
              if (!returned) {
                returned = true;
                giveBack(real);
              }
              return null;
            }
            if (method.getName().equals("isClosed") && method.getParameterCount() == 0) {
              return returned || real.isClosed();
            }
            try {
              return method.invoke(real, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            ConnectionPool.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private void giveBack(Connection real) throws SQLException {
    if (closed || real.isClosed()) {
      real.close();
      return;
    }
    if (!real.getAutoCommit()) {
      real.rollback();
      real.setAutoCommit(true);
    }
    if (!idle.offer(real)) {
      real.close();
      return;
    }
    // close() may have emptied the idle connections since the check above: take this one back
    if (closed && idle.remove(real)) {
      real.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection connection;
    while ((connection = idle.poll()) != null) {
      closeQuietly(connection);
    }
    if (keeper != null) {
      closeQuietly(keeper);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing at shutdown: nothing left to do with the error.
    }
  }
}
