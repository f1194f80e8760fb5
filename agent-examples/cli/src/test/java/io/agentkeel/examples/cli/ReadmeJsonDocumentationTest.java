package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README documents every {@code --json} output with a real example; this runs each command and
 * checks that its keys are exactly the documented ones (arrays merged; the contents of a tool's
 * {@code schema}, a call's {@code arguments} and the report's maps keyed by tool, workflow or
 * outcome are data, not documented keys).
 */
class ReadmeJsonDocumentationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern DOC =
      Pattern.compile("<!-- json-doc: (\\w+) -->\\s*```json\\n(.*?)\\n```", Pattern.DOTALL);

  /** Objects whose keys are data (a tool's schema, a call's arguments, names of tools, ...). */
  private static final Set<String> OPAQUE =
      Set.of("schema", "arguments", "calls", "thresholds", "resumed");

  private static final Map<String, String> documented = new LinkedHashMap<>();

  @TempDir Path dataDir;

  @BeforeAll
  static void readTheReadme() throws Exception {
    Path readme = Path.of("../../README.md");
    Matcher m = DOC.matcher(Files.readString(readme, StandardCharsets.UTF_8));
    while (m.find()) {
      documented.put(m.group(1), m.group(2));
    }
    assertThat(documented)
        .containsOnlyKeys("run", "tools", "lint", "review", "scan", "report", "access", "tasks");
  }

  private CliRun cli(String stdin, String... args) {
    InputStream original = System.in;
    try {
      if (stdin != null) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      }
      CliRun run = CliRun.of(dataDir, Map.of(), List.of(args));
      assertThat(run.err()).as("standard error of %s", List.of(args)).doesNotContain("Exception");
      return run;
    } finally {
      System.setIn(original);
    }
  }

  private static Set<String> shape(JsonNode node) {
    Set<String> paths = new TreeSet<>();
    collect(node, "", paths);
    return paths;
  }

  private static void collect(JsonNode node, String path, Set<String> paths) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String child = path + "/" + field.getKey();
        paths.add(child);
        if (!OPAQUE.contains(field.getKey())) {
          collect(field.getValue(), child, paths);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, path + "[]", paths));
    }
  }

  private static void assertSameKeys(String doc, String actual) {
    Set<String> real = shape(JSON.readTree(actual));
    Set<String> readme = shape(JSON.readTree(documented.get(doc)));
    Set<String> undocumented = new TreeSet<>(real);
    undocumented.removeAll(readme);
    Set<String> gone = new TreeSet<>(readme);
    gone.removeAll(real);
    assertThat(undocumented)
        .as("keys of '%s' output missing from README's json-doc (update README.md)", doc)
        .isEmpty();
    assertThat(gone)
        .as("keys in README's json-doc '%s' that the output no longer has (update README.md)", doc)
        .isEmpty();
  }

  @Test
  void tasksJson() {
    io.agentkeel.testkit.LocalServers.require("RabbitMQ", 5672);
    try (io.agentkeel.durable.JdbcTaskJournal journal =
        io.agentkeel.durable.JdbcTaskJournal.embedded(dataDir)) {
      journal.appendForced(
          new io.agentkeel.api.JournalEntry(
              "t-42", 0, io.agentkeel.api.JournalEntry.Kind.STARTED, "", "{}"));
    }
    String queue = io.agentkeel.testkit.LocalServers.uniquePrefix("akreadme") + "q";
    io.agentkeel.cluster.RabbitTaskQueue declared =
        io.agentkeel.cluster.RabbitTaskQueue.builder().queue(queue).build();
    CliRun tasks =
        cli(
            null,
            "--set",
            "cluster.queue.uri=amqp://guest:guest@127.0.0.1:5672",
            "--set",
            "cluster.queue.name=" + queue,
            "tasks",
            "--json");
    assertThat(tasks.exit()).isZero();
    declared.deleteQueues();
    declared.close();
    assertThat(JSON.readTree(tasks.out()).get("in_flight")).hasSize(1);
    assertSameKeys("tasks", tasks.out());
  }

  @Test
  void runJson() {
    CliRun run = cli(null, "run", "orders", "Where is my order O-10001?", "--json");
    assertThat(run.exit()).isZero();
    assertSameKeys("run", run.out());
  }

  @Test
  void toolsJson() {
    CliRun tools = cli(null, "tools", "--json");
    assertThat(tools.exit()).isZero();
    assertSameKeys("tools", tools.out());
  }

  @Test
  void lintJson() throws Exception {
    Path plugins = Files.createDirectory(dataDir.resolve("sloppy"));
    try (JarOutputStream jar =
        new JarOutputStream(Files.newOutputStream(plugins.resolve("sloppy.jar")))) {
      jar.putNextEntry(new JarEntry("META-INF/services/io.agentkeel.tools.spi.ToolProvider"));
      jar.write(SloppyToolsProvider.class.getName().getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    CliRun lint = cli(null, "tools", "lint", "--json", "--plugins", plugins.toString());
    assertThat(lint.exit()).isEqualTo(AgentKeelCli.NOT_COMPLETED);
    assertThat(lint.out()).contains("report_everything");
    assertSameKeys("lint", lint.out());

    CliRun clean = cli(null, "tools", "lint", "--json");
    assertThat(clean.exit()).isZero();
    assertThat(JSON.readTree(clean.out())).isEmpty();
  }

  @Test
  void reviewJson() {
    CliRun suspended =
        cli(
            null,
            "run",
            "orders",
            "Please cancel order O-10002, I ordered it by mistake.",
            "--json");
    assertThat(suspended.exit()).isEqualTo(AgentKeelCli.NOT_COMPLETED);
    CliRun list = cli(null, "review", "list", "--json");
    assertSameKeys("review", list.out());
    String id = JSON.readTree(list.out()).get(0).get("id").asString();
    CliRun show = cli(null, "review", "show", id, "--json");
    assertThat(shape(JSON.readTree(show.out())))
        .isEqualTo(shape(JSON.readTree(documented.get("review")).get(0)));
  }

  @Test
  void scanJsonLines() {
    CliRun scan = cli("what is my order status\n{\"text\":\"hello\"}\n", "scan");
    assertThat(scan.exit()).isZero();
    for (String line : scan.out().lines().toList()) {
      assertSameKeys("scan", line);
    }
  }

  @Test
  void reportAndAccessReviewJson() {
    CliRun run = cli(null, "run", "orders", "Where is my order O-10001?", "--json");
    assertThat(run.exit()).isZero();
    String task = JSON.readTree(run.out()).get("task_id").asString();
    assertThat(cli(null, "feedback", task, "up").exit()).isZero();

    CliRun report = cli(null, "report", "--json");
    assertThat(report.exit()).isZero();
    assertSameKeys("report", report.out());
    assertThat(JSON.readTree(report.out()).at("/tools/calls/get_order/success").asLong())
        .isEqualTo(1);

    CliRun access = cli(null, "audit", "access", "--json");
    assertThat(access.exit()).isZero();
    assertSameKeys("access", access.out());
  }
}
