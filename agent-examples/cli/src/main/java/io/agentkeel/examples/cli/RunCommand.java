package io.agentkeel.examples.cli;

import dev.langchain4j.model.chat.ChatModel;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.Task;
import io.agentkeel.examples.agents.ExampleAgents;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentkeel run AGENT INPUT}: one task, its outcome, answer, confidence and trace. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one task on an example agent and prints its outcome, answer, confidence and decision"
          + " trace.",
      "Exit status 0 when the task completed, 1 when it did not (a review it waits on is named),"
          + " 2 on bad usage."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "AGENT", description = "orders or documents")
  String agent;

  @Parameters(index = "1", paramLabel = "INPUT", description = "what the user asks")
  String input;

  @Mixin Support.ModelOptions model = new Support.ModelOptions();

  @Mixin Support.PluginOptions plugins = new Support.PluginOptions();

  @Option(names = "--json", description = "Print the result as one JSON object (see README).")
  boolean json;

  @Option(
      names = "--session",
      paramLabel = "ID",
      description = "A session id, so that follow-up questions see earlier turns.")
  String session;

  @Option(
      names = "--scopes",
      split = ",",
      paramLabel = "SCOPE",
      description = "The scopes granted to the task (default: the agent's own).")
  List<String> scopes;

  @Option(
      names = "--attribute",
      paramLabel = "NAME=VALUE",
      description = "A task attribute, e.g. document_id=D-1002.")
  Map<String, String> attributes = Map.of();

  @Override
  public Integer call() {
    AgentKeelCli root = Support.root(spec);
    String name = ExampleAgents.checkName(agent);
    if (input.isBlank()) {
      throw new AgentKeelCli.UsageException("INPUT is empty; say what the agent should do");
    }
    Path dataDir = root.dataDir();
    Task.Builder task =
        Task.builder()
            .input(input)
            .workflow(name)
            .principal(
                ExampleAgents.principal(
                    scopes != null ? scopes : ExampleAgents.defaultScopes(name)))
            .attribute(ReviewCommand.MODEL_ATTRIBUTE, model.kind());
    attributes.forEach(task::attribute);
    if (session != null) {
      task.sessionId(session);
    }
    PrintWriter err = spec.commandLine().getErr();
    if (!json) {
      err.println("running " + name + " with the " + model.label() + " model...");
      err.flush();
    }
    long start = System.nanoTime();
    ChatModel chatModel = model.create(root.environment());
    ReviewQueue reviews = Support.reviewQueue(root);
    try (Agent built =
        ExampleAgents.build(
            name,
            model.label(),
            chatModel,
            reviews,
            plugins.loader(dataDir),
            1,
            root.configuration())) {
      long wired = System.nanoTime();
      AgentResult result = built.execute(task.build());
      if (root.environment().containsKey("AGENTKEEL_TIMING")) {
        err.printf(
            "timing: JVM start to command %d ms, agent wired in %d ms, task ran in %d ms%n",
            java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                - (System.nanoTime() - start) / 1_000_000,
            (wired - start) / 1_000_000,
            (System.nanoTime() - wired) / 1_000_000);
      }
      print(spec.commandLine().getOut(), name, result, json);
      model
          .unavailableHint(result, root.environment())
          .ifPresent(hint -> err.println("agentkeel: " + hint));
      return result.completed() ? AgentKeelCli.OK : AgentKeelCli.NOT_COMPLETED;
    } finally {
      Support.close(reviews);
    }
  }

  /** Prints a result as text or JSON; shared with the review commands that resume a task. */
  static void print(PrintWriter out, String agent, AgentResult result, boolean json) {
    if (json) {
      out.println(Support.JSON.writeValueAsString(Support.resultJson(agent, result)));
      return;
    }
    // The outcome's reason, the answer and the confidence's summary come from the model.
    out.println("outcome:    " + Support.printable(result.outcome().describe()));
    out.println(
        "answer:     "
            + result.answer().map(a -> Support.printableLines(a, " ".repeat(12))).orElse("(none)"));
    out.println(
        "confidence: "
            + result
                .confidence()
                .map(c -> "%.2f (%s)".formatted(c.value(), Support.printable(c.summary())))
                .orElse("(none)"));
    out.println("task:       " + result.taskId());
    Support.reviewOf(result.outcome())
        .ifPresent(review -> {
          out.println("review:     " + review.id() + " (" + review.kind() + ")");
          out.println(
              "            decide with: agentkeel review approve|edit|reject " + review.id());
        });
    out.println("trace:");
    for (AgentEvent event : result.trace()) {
      out.println("  " + event.at() + "  " + Support.eventLine(event));
    }
  }
}
