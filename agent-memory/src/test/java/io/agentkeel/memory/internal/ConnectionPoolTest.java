package io.agentkeel.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool on a driver whose connections tell what was done to them. */
class ConnectionPoolTest {

  /** Connections the driver opened, with whether each was closed. */
  private final List<boolean[]> opened = new ArrayList<>();

  /** Runs when the pool asks a connection whether it is in auto-commit mode, once. */
  private Runnable onGetAutoCommit = () -> {};

  private final Driver driver =
      new Driver() {
        @Override
        public Connection connect(String url, Properties info) {
          if (!acceptsURL(url)) {
            return null;
          }
          boolean[] closed = {false};
          opened.add(closed);
          return (Connection)
              Proxy.newProxyInstance(
                  ConnectionPoolTest.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (proxy, method, args) ->
                      switch (method.getName()) {
                        case "close" -> {
                          closed[0] = true;
                          yield null;
                        }
                        case "isClosed" -> closed[0];
                        case "getAutoCommit" -> {
                          Runnable hook = onGetAutoCommit;
                          onGetAutoCommit = () -> {};
                          hook.run();
                          yield true;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> null;
                      });
        }

        @Override
        public boolean acceptsURL(String url) {
          return url.startsWith("jdbc:agentkeel-pool-test:");
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
          return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
          return 1;
        }

        @Override
        public int getMinorVersion() {
          return 0;
        }

        @Override
        public boolean jdbcCompliant() {
          return false;
        }

        @Override
        public Logger getParentLogger() {
          return Logger.getGlobal();
        }
      };

  @BeforeEach
  void register() throws SQLException {
    DriverManager.registerDriver(driver);
  }

  @AfterEach
  void deregister() throws SQLException {
    DriverManager.deregisterDriver(driver);
  }

  /**
   * A connection given back while the pool closes was once put among the idle ones after close had
   * emptied them, and stayed open for good (an embedded database kept its file open with it).
   */
  @Test
  void aConnectionGivenBackWhileThePoolClosesIsClosed() throws SQLException {
    ConnectionPool pool = new ConnectionPool("jdbc:agentkeel-pool-test:x", "", "", false);
    Connection borrowed = pool.borrow();
    assertThat(opened).hasSize(1);
    // the pool closes between the give-back's check that it is open and its return to the idle
    onGetAutoCommit = pool::close;
    borrowed.close();
    assertThat(opened.get(0)[0]).as("the connection given back is closed").isTrue();
  }

  @Test
  void aConnectionGivenBackToAnOpenPoolIsReused() throws SQLException {
    ConnectionPool pool = new ConnectionPool("jdbc:agentkeel-pool-test:x", "", "", false);
    pool.borrow().close();
    pool.borrow().close();
    assertThat(opened).hasSize(1);
    assertThat(opened.get(0)[0]).isFalse();
    pool.close();
    assertThat(opened.get(0)[0]).isTrue();
  }
}
