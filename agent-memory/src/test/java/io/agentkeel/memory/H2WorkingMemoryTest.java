package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.WorkingMemory;
import io.agentkeel.memory.internal.SchemaInstaller;
import io.agentkeel.testkit.store.WorkingMemoryContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2WorkingMemoryTest extends WorkingMemoryContract {

  @TempDir static Path dataDir;
  static MemoryDatabase database;
  static JdbcWorkingMemory store;

  @BeforeAll
  static void open() {
    database = MemoryDatabase.embedded(dataDir);
    store = new JdbcWorkingMemory(database, Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  protected WorkingMemory store() {
    return store;
  }

  @Test
  void theSchemaCarriesItsVersionAndComesFromThePublishedDdl() throws Exception {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version FROM agentkeel_schema_version WHERE component = 'memory'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(MemoryDatabase.SCHEMA_VERSION);
    }
    assertThat(SchemaInstaller.statements(MemoryDatabase.Engine.POSTGRESQL, "x_"))
        .anySatisfy(
            sql -> assertThat(sql).startsWith("CREATE TABLE IF NOT EXISTS x_working_memory"));
    assertThat(SchemaInstaller.statements(MemoryDatabase.Engine.H2, "x_")).hasSize(6);
  }

  /**
   * An H2 file made before WorkingMemory and ReviewQueue promised ids of up to 512 characters keeps
   * them too once opened: its tables were made with 255-character columns, which CREATE TABLE IF
   * NOT EXISTS left as they were, so a task id of 300 characters failed with 'value too long' on
   * the store that promises it.
   */
  @Test
  void anH2FileMadeWithNarrowerColumnsKeepsThePromisedIds() throws Exception {
    Path before = dataDir.resolve("narrow");
    try (MemoryDatabase made = MemoryDatabase.embedded(before);
        Connection connection = made.connection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE agentkeel_working_memory");
      statement.execute(
          "CREATE TABLE agentkeel_working_memory (task_id VARCHAR(255) NOT NULL,"
              + " item_key VARCHAR(255) NOT NULL, owner_tenant VARCHAR(255) NOT NULL,"
              + " owner_principal VARCHAR(255) NOT NULL,"
              + " item_value CHARACTER LARGE OBJECT NOT NULL, version BIGINT NOT NULL,"
              + " updated_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (task_id, item_key))");
      statement.execute("DROP TABLE agentkeel_review_queue");
      statement.execute(
          "CREATE TABLE agentkeel_review_queue (id VARCHAR(255) PRIMARY KEY,"
              + " task_id VARCHAR(255) NOT NULL, owner_tenant VARCHAR(255) NOT NULL,"
              + " owner_principal VARCHAR(255) NOT NULL, priority INT NOT NULL,"
              + " created_at TIMESTAMP WITH TIME ZONE NOT NULL,"
              + " request CHARACTER LARGE OBJECT NOT NULL)");
    }

    try (MemoryDatabase reopened = MemoryDatabase.embedded(before)) {
      WorkingMemory memory = new JdbcWorkingMemory(reopened, Clock.systemUTC());
      String task = "t".repeat(WorkingMemory.MAX_TASK_ID_LENGTH);
      String key = "k".repeat(WorkingMemory.MAX_NAME_LENGTH);
      MemoryOwner owner =
          new MemoryOwner(
              "a".repeat(WorkingMemory.MAX_NAME_LENGTH), "p".repeat(WorkingMemory.MAX_NAME_LENGTH));

      assertThat(memory.put(owner, task, key, "v", 0)).isEqualTo(1);
      assertThat(memory.get(task, key)).isPresent();
      try (Connection connection = reopened.connection();
          Statement statement = connection.createStatement();
          ResultSet narrow =
              statement.executeQuery(
                  "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME IN"
                      + " ('AGENTKEEL_WORKING_MEMORY', 'AGENTKEEL_REVIEW_QUEUE')"
                      + " AND CHARACTER_MAXIMUM_LENGTH = 255")) {
        narrow.next();
        assertThat(narrow.getInt(1)).as("columns of 255 characters left").isZero();
      }
    }
  }

  @Test
  void aNewerSchemaIsRefusedWithAClearMessage() throws Exception {
    Path other = dataDir.resolve("newer");
    String url = "jdbc:h2:file:" + other.toAbsolutePath() + "/db";
    try (MemoryDatabase db = MemoryDatabase.open(url, "sa", "", "agentkeel_");
        Connection connection = db.connection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE agentkeel_schema_version SET version = 99");
    }
    assertThatThrownBy(() -> MemoryDatabase.open(url, "sa", "", "agentkeel_"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 99")
        .hasMessageContaining("upgrade AgentKeel");
  }

  @Test
  void badSettingsAreRejectedNamingTheFix() {
    assertThatThrownBy(
            () -> MemoryDatabase.open("jdbc:mysql://x/y?password=secret", "u", "p", "a_"))
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> MemoryDatabase.open("jdbc:h2:mem:x", "sa", "", "Bad-Prefix"))
        .hasMessageContaining("table prefix");
    assertThatThrownBy(() -> store.put(new MemoryOwner("t", "p"), "task", "k", "v", -2))
        .hasMessageContaining("expectedVersion");
  }

  /**
   * A password written into the JDBC URL once reached the start-up error through the driver's own
   * message ("Unable to parse URL ..."), which the error quoted and kept as its cause.
   */
  @Test
  void aPasswordInTheUrlIsNeverInTheError() {
    for (String url :
        new String[] {
          "jdbc:postgresql://127.0.0.1:notaport/test?user=postgres&password=hunter2-secret",
          "jdbc:postgresql://127.0.0.1:1/test?password=hunter2-secret&connectTimeout=1"
        }) {
      Throwable error =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> MemoryDatabase.open(url, "postgres", "", "agentkeel_"));
      assertThat(error).isInstanceOf(IllegalStateException.class);
      for (Throwable t = error; t != null; t = t.getCause()) {
        assertThat(t.toString()).as("error for %s", url).doesNotContain("hunter2");
      }
    }
  }

  @Test
  void theWorkingSettingsShowNoPasswordInAnyCase() {
    for (String url :
        new String[] {
          "jdbc:h2:file:/data/agentkeel;PASSWORD=hunter2-secret;AUTO_SERVER=TRUE",
          "jdbc:postgresql://db/agentkeel?Password=hunter2-secret&ssl=true",
          "jdbc:postgresql://db/agentkeel?password=hunter2-secret"
        }) {
      assertThat(new MemorySettings.Working(url, "sa", "hunter2-secret", "agentkeel_", true))
          .asString()
          .doesNotContain("hunter2")
          .contains("=***");
    }
  }
}
