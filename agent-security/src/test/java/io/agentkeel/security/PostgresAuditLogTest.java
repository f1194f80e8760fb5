package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.security.AuditVerification.Kind;
import io.agentkeel.tools.spi.SideEffect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL audit log: the chain, and each kind of tampering, against the real server. */
class PostgresAuditLogTest {
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private String table;
  private PostgresAuditLog log;

  @BeforeEach
  void open() {
    Services.require("PostgreSQL", "127.0.0.1", 5432);
    table = "audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    log =
        new PostgresAuditLog(
            URL,
            "postgres",
            "",
            table,
            new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER),
            AuditFailurePolicy.defaults());
    log.append(AuditEvents.started("t1", "alice", 0));
    log.append(
        AuditEvents.intended(
            "t1", "refund", SideEffect.DESTRUCTIVE, "{\"card\":\"4111 1111 1111 1111\"}"));
    for (int i = 1; i <= 3; i++) {
      log.append(AuditEvents.called("t1", "search", i));
    }
  }

  @AfterEach
  void drop() throws Exception {
    if (log != null) {
      log.close();
      sql("DROP TABLE IF EXISTS " + table + ", " + table + "_head");
    }
  }

  private static void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Test
  void anUntouchedLogVerifiesAndHoldsNoRawCard() {
    assertThat(log.verify().intact()).isTrue();
    assertThat(log.entries()).hasSize(5);
    assertThat(log.entries().get(1).payload()).contains("<CARD_1>").doesNotContain("4111");
  }

  @Test
  void alteredDeletedReorderedAndTruncatedAreEachReported() throws Exception {
    sql("UPDATE " + table + " SET payload = 'x' WHERE seq = 3");
    assertThat(log.verify().problem().orElseThrow().kind()).isEqualTo(Kind.ALTERED);
    sql(
        "UPDATE "
            + table
            + " SET payload = (SELECT payload FROM "
            + table
            + " WHERE seq = 4)"
            + " WHERE seq = 3"); // still wrong: different text
    sql("DELETE FROM " + table + " WHERE seq = 3");
    var deleted = log.verify().problem().orElseThrow();
    assertThat(deleted.kind()).isEqualTo(Kind.DELETED);
    assertThat(deleted.seq()).isEqualTo(3);
  }

  @Test
  void reorderedRowsAreReported() throws Exception {
    // swap the contents of rows 2 and 4, as if the log had been rewritten out of order
    sql("UPDATE " + table + " SET seq = -seq WHERE seq IN (2, 4)");
    sql("UPDATE " + table + " SET seq = 4 WHERE seq = -2");
    sql("UPDATE " + table + " SET seq = 2 WHERE seq = -4");
    var p = log.verify().problem().orElseThrow();
    assertThat(p.kind()).isEqualTo(Kind.REORDERED);
    assertThat(p.seq()).isEqualTo(2);
  }

  @Test
  void rowsCutOffTheEndAreReported() throws Exception {
    sql("DELETE FROM " + table + " WHERE seq >= 4");
    var p = log.verify().problem().orElseThrow();
    assertThat(p.kind()).isEqualTo(Kind.TRUNCATED);
    assertThat(p.seq()).isEqualTo(4);
  }

  /**
   * PostgreSQL's text type refuses U+0000, so a NUL in a tool's arguments once made the intent
   * unstorable: a write tool ran with no entry (counted as lost) and a destructive one was refused,
   * for any caller who put a NUL in the text.
   */
  @Test
  void anEventHoldingANulIsStoredNotLost() {
    log.append(AuditEvents.intended("t1", "update", SideEffect.WRITE, "{\"note\":\"a\u0000b\"}"));
    log.append(
        AuditEvents.intended("t1", "delete", SideEffect.DESTRUCTIVE, "{\"note\":\"c\u0000d\"}"));

    assertThat(log.lost()).isZero();
    assertThat(log.entries()).hasSize(7);
    assertThat(log.entries().get(5).payload()).contains("a\uFFFDb");
    assertThat(log.verify().intact()).isTrue();
  }

  /**
   * An append the database refuses on a live connection (here a constraint added by hand; in
   * practice a revoked grant, a full disk, a statement timeout) once dropped that connection
   * without closing it, so every lost event left one more server connection open until PostgreSQL's
   * limit was reached.
   */
  @Test
  void aRefusedAppendLeavesNoConnectionOpen() throws Exception {
    String app = "audit-leak-" + table;
    PostgresAuditLog leaky =
        new PostgresAuditLog(
            URL + "?ApplicationName=" + app,
            "postgres",
            "",
            table,
            new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER),
            AuditFailurePolicy.defaults());
    try {
      sql("ALTER TABLE " + table + " ADD CONSTRAINT refuse_all CHECK (seq < 0) NOT VALID");
      for (int i = 0; i < 5; i++) {
        leaky.append(AuditEvents.called("t1", "search", 10 + i));
      }
      assertThat(leaky.lost()).isEqualTo(5);
      // a closed connection's server process exits soon after, not at once: wait for it
      long open = connections(app);
      for (int i = 0; i < 500 && open > 1; i++) {
        Thread.sleep(10);
        open = connections(app);
      }
      assertThat(open).as("server connections of the audit log").isLessThanOrEqualTo(1);
    } finally {
      leaky.close();
    }
  }

  private static long connections(String app) throws Exception {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "");
        Statement s = c.createStatement();
        java.sql.ResultSet r =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + app + "'")) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * A password written into the JDBC URL once reached the start-up error twice: in the URL the
   * message named, and in the driver's own message ("Unable to parse URL ...") kept as its cause.
   */
  @Test
  void aPasswordInTheUrlIsNeverInTheError() {
    for (String url :
        new String[] {
          "jdbc:postgresql://127.0.0.1:notaport/test?user=postgres&password=hunter2-secret",
          "jdbc:postgresql://127.0.0.1:1/test?password=hunter2-secret&connectTimeout=1"
        }) {
      Throwable error =
          org.assertj.core.api.Assertions.catchThrowable(() ->
              new PostgresAuditLog(
                  url,
                  "postgres",
                  "",
                  table,
                  new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER),
                  AuditFailurePolicy.defaults()));
      assertThat(error).isInstanceOf(IllegalStateException.class);
      for (Throwable t = error; t != null; t = t.getCause()) {
        assertThat(t.toString()).as("error for %s", url).doesNotContain("hunter2");
      }
      assertThat(error.getMessage()).contains("password=***");
    }
  }

  /**
   * An event that reached a closed log (a task still finishing as the agent closed) opened a new
   * connection that nothing would close again; it is let go by the failure policy instead, as the
   * file log does.
   */
  @Test
  void anAppendAfterCloseOpensNoConnection() throws Exception {
    String app = "audit-closed-" + table;
    PostgresAuditLog closing =
        new PostgresAuditLog(
            URL + "?ApplicationName=" + app,
            "postgres",
            "",
            table,
            new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER),
            AuditFailurePolicy.defaults());
    closing.close();
    closing.append(AuditEvents.called("t1", "search", 20));
    assertThat(closing.lost()).isEqualTo(1);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(() ->
                closing.append(AuditEvents.intended("t1", "drop", SideEffect.DESTRUCTIVE, "{}"))))
        .isInstanceOf(AuditUnavailableException.class);
    assertThat(closing.entries()).hasSize(5); // still readable, on a connection of its own
    assertThat(closing.verify().intact()).isTrue();
    long open = connections(app);
    for (int i = 0; i < 500 && open > 0; i++) {
      Thread.sleep(10);
      open = connections(app);
    }
    assertThat(open).as("server connections of the closed audit log").isZero();
    assertThat(log.entries()).hasSize(5);
  }
}
