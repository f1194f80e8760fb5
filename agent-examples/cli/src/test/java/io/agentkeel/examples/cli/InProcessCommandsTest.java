package io.agentkeel.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The commands run in this JVM, for the paths the process tests do not take. */
class InProcessCommandsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dataDir;

  private CliRun cli(String... args) {
    return CliRun.of(dataDir, Map.of(), List.of(args));
  }

  private static List<String> tools(JsonNode result) {
    List<String> called = new ArrayList<>();
    result
        .get("trace")
        .forEach(e -> {
          if (e.get("event").asString().equals("ToolCalled")) {
            called.add(e.get("tool").asString());
          }
        });
    return called;
  }

  @Test
  void rejectingADestructiveCallResumesTheTaskWithoutRunningIt() {
    CliRun suspended =
        cli("run", "orders", "Please cancel order O-10002, I ordered it by mistake.", "--json");
    String review = JSON.readTree(suspended.out()).get("review_id").asString();

    CliRun rejected =
        cli("review", "reject", review, "--reason", "the customer called back", "--json");
    JsonNode result = JSON.readTree(rejected.out());
    assertThat(tools(result)).doesNotContain("cancel_order");
    assertThat(result.get("task_id").asString())
        .isEqualTo(JSON.readTree(suspended.out()).get("task_id").asString());
    assertThat(rejected.exit())
        .isEqualTo(result.get("outcome").asString().equals("completed") ? 0 : 1);
    assertThat(cli("review", "list", "--json").out().strip()).isEqualTo("[ ]");
  }

  @Test
  void editingABorderlineAnswerGivesThePersonsAnswer() {
    CliRun borderline =
        cli(
            "run",
            "documents",
            "Review expense claim D-1002.",
            "--attribute",
            "document_id=D-1002",
            "--json");
    assertThat(borderline.exit()).isEqualTo(AgentKeelCli.NOT_COMPLETED);
    JsonNode waiting = JSON.readTree(borderline.out());
    assertThat(waiting.get("outcome").asString()).isEqualTo("in_review");

    CliRun shown = cli("review", "show", waiting.get("review_id").asString(), "--json");
    assertThat(JSON.readTree(shown.out()).get("kind").asString()).isEqualTo("answer");
    assertThat(JSON.readTree(shown.out()).get("confidence").asDouble()).isEqualTo(0.7);

    CliRun edited =
        cli(
            "review",
            "edit",
            waiting.get("review_id").asString(),
            "--revision",
            "Pay D-1002 once Ben sends the receipt.",
            "--json");
    assertThat(edited.exit()).as(edited.err()).isZero();
    JsonNode result = JSON.readTree(edited.out());
    assertThat(result.get("outcome").asString()).isEqualTo("completed");
    assertThat(result.get("answer").asString()).isEqualTo("Pay D-1002 once Ben sends the receipt.");
  }

  @Test
  void theDemoShowsEveryRouteOnEmbeddedDefaultsAndWritesTheReports() throws IOException {
    // The shipping plugin is on this test's class path already (a provided dependency): its copy
    // beside the classes, in target/plugins, would be a second copy, which start-up refuses.
    // CliProcessTest runs the demo from that directory, as a user does.
    Path noPlugins = Files.createDirectories(dataDir.resolve("no-plugins"));
    CliRun demo =
        cli(
            "demo",
            "--plugins",
            noPlugins.toString(),
            "--html",
            dataDir.resolve("report.html").toString());
    assertThat(demo.exit()).as(demo.out() + demo.err()).isZero();
    assertThat(demo.out())
        .contains("modules: core, memory, observability, security")
        .contains("✓ shown  auto-complete")
        .contains("✓ shown  memory recalled in a session")
        .contains("✓ shown  destructive tool awaiting confirmation, then approved")
        .contains("✓ shown  plugin tool used")
        .contains("✓ shown  injection blocked")
        .contains("✓ shown  PII redacted")
        .contains("✓ shown  memory recalled across sessions")
        .contains("✓ shown  review")
        .contains("✓ shown  escalation")
        .contains("✓ shown  rate limit hit")
        .doesNotContain("NOT shown")
        .contains("pay it back to card <CARD_1> and mail the receipt to <EMAIL_1>")
        .contains("From remember_fact: Remembered.")
        .contains("is intact")
        .contains("Task completion without human intervention")
        .contains("the customer rated it: thumbs up")
        .contains("6. User satisfaction: 100.0% (1 up, 0 down)")
        .contains("[offline demo model]");
    assertThat(demo.err()).contains("[demo ");
    assertThat(dataDir.resolve("report.html")).content().contains("<html");
    assertThat(dataDir.resolve("decisions.jsonl")).isNotEmptyFile();
    assertThat(cli("review", "list", "--json").out()).contains("D-1002").contains("D-1003");
  }

  @Test
  void feedbackLandsInTheReportAndTheAuditLogVerifiesAndReviewsAccess() {
    CliRun run = cli("run", "orders", "Where is my order O-10001?", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    String task = JSON.readTree(run.out()).get("task_id").asString();

    CliRun feedback = cli("feedback", task, "up", "--comment", "quick, thanks");
    assertThat(feedback.exit()).as(feedback.err()).isZero();
    assertThat(feedback.out()).contains("recorded up for task " + task);

    CliRun report = cli("report", "--json");
    assertThat(report.exit()).as(report.err()).isZero();
    JsonNode json = JSON.readTree(report.out());
    assertThat(json.toString()).contains("get_order");
    assertThat(json.at("/feedback/up").asLong()).isEqualTo(1);

    CliRun verify = cli("audit", "verify");
    assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("is intact");

    CliRun access = cli("audit", "access", "--json");
    assertThat(access.exit()).isZero();
    assertThat(JSON.readTree(access.out()).at("/rows/0/principal").asString())
        .isEqualTo("cli-user");
    assertThat(access.out()).contains("get_order");
    assertThat(cli("review").exit()).isEqualTo(AgentKeelCli.USAGE);
  }
}
