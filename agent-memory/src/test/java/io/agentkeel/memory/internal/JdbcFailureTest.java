package io.agentkeel.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class JdbcFailureTest {

  @Test
  void aValueTheDatabaseRefusesIsNotQuotedInTheErrorNorInItsStackTrace() throws SQLException {
    SQLException refused;
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:jdbc-failure");
        Statement create = connection.createStatement()) {
      create.execute("CREATE TABLE notes (id VARCHAR(8) PRIMARY KEY, text VARCHAR(10) NOT NULL)");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO notes VALUES (?, ?)")) {
        insert.setString(1, "n-1");
        insert.setString(2, "alice@example.com, card 4111 1111 1111 1111");
        insert.executeUpdate();
      }
      throw new AssertionError("H2 stored a value longer than its column");
    } catch (SQLException e) {
      refused = e;
    }
    // H2 quotes the value it refused; this is what the store used to pass on.
    assertThat(refused.getMessage()).contains("alice@example.com");

    IllegalStateException error = Jdbc.failure("remember note 'n-1'", refused);

    assertThat(error)
        .hasMessageStartingWith("memory database: cannot remember note 'n-1': ")
        .hasMessageContaining("SQL state 22001");
    StringWriter printed = new StringWriter();
    error.printStackTrace(new PrintWriter(printed));
    assertThat(printed.toString())
        .doesNotContain("alice@example.com")
        .doesNotContain("4111")
        .contains("22001")
        .contains("org.h2.");
  }

  @Test
  void aFailureThatQuotesNoValueKeepsTheDriversMessage() {
    SQLException missing = new SQLException("Table \"NOTES\" not found", "42S02", 42102);

    IllegalStateException error = Jdbc.failure("recall notes", missing);

    assertThat(error)
        .hasMessage(
            "memory database: cannot recall notes: Table \"NOTES\" not found (SQL state 42S02)")
        .hasCause(missing);
  }
}
