package io.agentkeel.examples.cli;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.InvalidRevisionException;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.examples.agents.ExampleAgents;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentkeel review}: the persistent review queue. */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description =
        "Works on the persistent review queue: a decision taken here resumes the task suspended"
            + " by another run.",
    subcommands = {
      ReviewCommand.ListReviews.class,
      ReviewCommand.Show.class,
      ReviewCommand.Approve.class,
      ReviewCommand.Edit.class,
      ReviewCommand.Reject.class
    })
final class ReviewCommand implements Runnable {

  /** The task attribute that remembers which model kind ran the task. */
  static final String MODEL_ATTRIBUTE = "agentkeel.model";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "name a review command: list, show, approve, edit or reject");
  }

  static Map<String, Object> json(ReviewRequest r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", r.id());
    json.put("task_id", r.task().id());
    json.put("agent", r.task().workflow());
    json.put("input", r.task().input());
    json.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
    json.put("priority", r.priority().name().toLowerCase(Locale.ROOT));
    json.put("reason", r.reason());
    json.put("proposed_answer", r.proposedAnswer().orElse(null));
    json.put("confidence", r.confidence().map(Confidence::value).orElse(null));
    json.put(
        "pending_call",
        r.pendingCall()
            .map(call -> {
              Map<String, Object> c = new LinkedHashMap<>();
              c.put("tool", call.tool());
              c.put("arguments", Support.JSON.readTree(call.argumentsJson()));
              c.put("scopes", call.scopes());
              return c;
            })
            .orElse(null));
    json.put("created_at", r.createdAt().toString());
    return json;
  }

  static String line(ReviewRequest r) {
    return Support.printable(
        "%s  %-16s %-6s %-9s %s: %s"
            .formatted(
                r.id(),
                r.kind().name().toLowerCase(Locale.ROOT),
                r.priority().name().toLowerCase(Locale.ROOT),
                r.task().workflow(),
                r.reason(),
                r.pendingCall()
                    .map(c -> c.tool() + " " + c.argumentsJson())
                    .orElse(r.proposedAnswer().orElse(""))));
  }

  /** {@code review list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists waiting reviews.")
  static final class ListReviews implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array (see README).")
    boolean json;

    @Override
    public Integer call() {
      ReviewQueue queue = Support.reviewQueue(Support.root(spec));
      List<ReviewRequest> pending;
      try {
        pending = queue.pending();
      } finally {
        Support.close(queue);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        List<Map<String, Object>> all = new ArrayList<>();
        pending.forEach(r -> all.add(json(r)));
        out.println(Support.JSON.writeValueAsString(all));
      } else {
        pending.forEach(r -> out.println(line(r)));
        out.println(pending.size() + " waiting");
      }
      return AgentKeelCli.OK;
    }
  }

  /** {@code review show ID}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one review.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "the review's id, from 'review list'")
    String id;

    @Option(names = "--json", description = "Print a JSON object (see README).")
    boolean json;

    @Override
    public Integer call() {
      ReviewQueue queue = Support.reviewQueue(Support.root(spec));
      ReviewRequest r;
      try {
        r = queue.find(id).orElseThrow(() -> notWaiting(id));
      } finally {
        Support.close(queue);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Support.JSON.writeValueAsString(json(r)));
      } else {
        // The input and the proposed answer come from whoever asked and the model: a line break or
        // a terminal's escape sequence in them is shown escaped, so it cannot forge a field.
        json(r)
            .forEach((k, v) ->
                out.println("%-16s %s".formatted(k + ":", v == null ? "" : Support.printable(v))));
      }
      return AgentKeelCli.OK;
    }
  }

  static AgentKeelCli.UsageException notWaiting(String id) {
    return new AgentKeelCli.UsageException(
        "no review '"
            + id
            + "' is waiting (decided already, or never made); see 'agentkeel review list'");
  }

  /** What approve, edit and reject share: find the task's agent and resume it. */
  abstract static class Decide implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "the review's id, from 'review list'")
    String id;

    @Option(
        names = "--reviewer",
        defaultValue = "${sys:user.name}",
        description = "Who decides (default: your user name).")
    String reviewer;

    @Mixin Support.ModelOptions model = new Support.ModelOptions();

    @Mixin Support.PluginOptions plugins = new Support.PluginOptions();

    @Option(
        names = "--json",
        description = "Print the resumed task's result as JSON, as run --json does.")
    boolean json;

    abstract ReviewDecision decision();

    /**
     * Refuses, before the review is decided, a decision that cannot apply to this request; the
     * review then stays waiting.
     */
    void check(ReviewRequest request) {}

    @Override
    public Integer call() {
      Path dataDir = Support.root(spec).dataDir();
      ReviewQueue queue = Support.reviewQueue(Support.root(spec));
      try {
        return decide(dataDir, queue);
      } finally {
        Support.close(queue);
      }
    }

    private Integer decide(Path dataDir, ReviewQueue queue) {
      ReviewRequest request = queue.find(id).orElseThrow(() -> notWaiting(id));
      String agent = ExampleAgents.checkName(request.task().workflow());
      check(request);
      if (!spec.commandLine().getParseResult().hasMatchedOption("--model")) {
        request.task().attribute(MODEL_ATTRIBUTE).ifPresent(kind -> model.kind = kind);
      }
      try (Agent built =
          ExampleAgents.build(
              agent,
              model.label(),
              model.create(Support.root(spec).environment()),
              queue,
              plugins.loader(dataDir),
              1,
              Support.root(spec).configuration())) {
        AgentResult result = resume(built, request);
        RunCommand.print(spec.commandLine().getOut(), agent, result, json);
        return result.completed() ? AgentKeelCli.OK : AgentKeelCli.NOT_COMPLETED;
      }
    }

    /**
     * Applies the decision. An edit whose arguments the waiting call's tool does not accept is
     * refused by the agent before anything is decided; it is told as a usage error, naming each
     * argument, and the review stays waiting.
     */
    private AgentResult resume(Agent built, ReviewRequest request) {
      try {
        return built.resume(decision());
      } catch (InvalidRevisionException refused) {
        throw new AgentKeelCli.UsageException(
            "review '"
                + id
                + "' waits on a call of "
                + refused.tool()
                + ", and --revision is not arguments it accepts:\n"
                + refused.violations().stream()
                    .map(v -> "- " + Support.printable(v))
                    .collect(Collectors.joining("\n"))
                + "\nCorrect them and run 'agentkeel review edit "
                + id
                + " --revision JSON' again"
                + request
                    .pendingCall()
                    .map(call ->
                        " (the call as proposed: " + Support.printable(call.argumentsJson()) + ")")
                    .orElse("")
                + ". The review is still waiting");
      }
    }
  }

  /** {@code review approve ID}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description =
          "Approves: a waiting tool call runs, a proposed answer is given; the task resumes.")
  static final class Approve extends Decide {
    @Override
    ReviewDecision decision() {
      return new ReviewDecision.Approve(id, reviewer);
    }
  }

  /** {@code review edit ID --answer TEXT}. */
  @Command(
      name = "edit",
      mixinStandardHelpOptions = true,
      description = "Replaces the proposed answer (or the waiting call's arguments) and resumes.")
  static final class Edit extends Decide {
    @Option(
        names = "--revision",
        required = true,
        paramLabel = "TEXT",
        description = "The corrected answer, or the call's corrected arguments as JSON.")
    String revision;

    @Override
    ReviewDecision decision() {
      return new ReviewDecision.Edit(id, reviewer, revision);
    }

    /**
     * A waiting call's revision is its arguments: text that is not a JSON object is refused here,
     * before the agent is built, with an example of the call's arguments. The agent then refuses
     * arguments the tool does not accept, when the decision is applied; either way the review stays
     * waiting.
     */
    @Override
    void check(ReviewRequest request) {
      request
          .pendingCall()
          .ifPresent(call -> {
            String problem;
            try {
              problem =
                  Support.JSON_LINES.readTree(revision).isObject()
                      ? null
                      : "it is JSON, but not an object";
            } catch (tools.jackson.core.JacksonException e) {
              problem = "it is not JSON: " + e.getOriginalMessage();
            }
            if (problem != null) {
              throw new AgentKeelCli.UsageException(
                  "review '"
                      + id
                      + "' waits on a call of "
                      + call.tool()
                      + ", so --revision is its corrected arguments as a JSON object, such as "
                      + call.argumentsJson()
                      + "; "
                      + problem
                      + ". The review is still waiting");
            }
          });
    }
  }

  /** {@code review reject ID --reason TEXT}. */
  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Rejects: the waiting call does not run, the proposed answer is not given.")
  static final class Reject extends Decide {
    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
    String reason;

    @Override
    ReviewDecision decision() {
      return new ReviewDecision.Reject(id, reviewer, reason);
    }
  }
}
