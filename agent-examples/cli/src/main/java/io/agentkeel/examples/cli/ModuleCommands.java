package io.agentkeel.examples.cli;

import io.agentkeel.examples.cli.CommandSupport.AuditCommands;
import io.agentkeel.examples.cli.CommandSupport.AuditVerification;
import io.agentkeel.examples.cli.CommandSupport.InjectionScanner;
import io.agentkeel.examples.cli.CommandSupport.Redactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The commands that the memory, security and observability modules add through {@link
 * CommandSupport}; without the module each exits with status 2 and names it.
 */
final class ModuleCommands {

  private ModuleCommands() {}

  /** {@code agentkeel feedback TASK up|down}. */
  @Command(
      name = "feedback",
      mixinStandardHelpOptions = true,
      description = "Records a user's thumbs up or down on a task (needs agent-observability).")
  static final class Feedback implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TASK", description = "the task's id")
    String taskId;

    @Parameters(index = "1", paramLabel = "up|down", description = "up or down")
    String verdict;

    @Option(names = "--comment", paramLabel = "TEXT", description = "What the user said.")
    String comment;

    @Override
    public Integer call() {
      String v = verdict.toLowerCase(Locale.ROOT);
      if (!v.equals("up") && !v.equals("down")) {
        throw new AgentKeelCli.UsageException("feedback is 'up' or 'down', not '" + verdict + "'");
      }
      Path dataDir = Support.root(spec).dataDir();
      Support.require(s -> s.feedback(dataDir), "feedback", "agent-observability")
          .record(taskId, v.equals("up"), Optional.ofNullable(comment));
      spec.commandLine().getOut().println("recorded " + v + " for task " + taskId);
      return AgentKeelCli.OK;
    }
  }

  /** {@code agentkeel report}. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = "Prints the metrics report, or writes it as HTML (needs agent-observability).")
  static final class Report implements Callable<Integer> {
    @Spec CommandSpec spec;

    static final class Format {
      @Option(names = "--json", description = "Print the report as JSON.")
      boolean json;

      @Option(
          names = "--html",
          paramLabel = "FILE",
          description = "Write a self-contained HTML page.")
      Path html;
    }

    @ArgGroup(exclusive = true)
    Format format = new Format();

    @Option(
        names = "--since",
        paramLabel = "DURATION",
        defaultValue = "P7D",
        description =
            "How far back the report goes, as an ISO-8601 duration such as PT1H or P30D"
                + " (default: ${DEFAULT-VALUE}).")
    java.time.Duration since;

    @Override
    public Integer call() {
      Path dataDir = Support.root(spec).dataDir();
      if (since.isNegative() || since.isZero()) {
        throw new AgentKeelCli.UsageException(
            "--since " + since + " is not a positive duration; give one such as P7D or PT1H");
      }
      java.time.Instant from = java.time.Instant.now().minus(since);
      CommandSupport.Reporter reporter =
          Support.require(s -> s.reporter(dataDir, from), "report", "agent-observability");
      PrintWriter out = spec.commandLine().getOut();
      if (format.html != null) {
        try {
          // As the demo's --html: a missing directory is created.
          Files.createDirectories(format.html.toAbsolutePath().getParent());
          Files.writeString(format.html, reporter.html(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new AgentKeelCli.UsageException(
              "--html '"
                  + format.html
                  + "' cannot be written ("
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage()
                  + "); name a file in a directory you may write in");
        }
        out.println("wrote " + format.html);
      } else {
        out.println(
            format.json
                ? Support.JSON.writeValueAsString(Support.JSON.readTree(reporter.json()))
                : reporter.text());
      }
      return AgentKeelCli.OK;
    }
  }

  /** {@code agentkeel audit verify|access}. */
  @Command(
      name = "audit",
      mixinStandardHelpOptions = true,
      description = "Checks the audit log (needs agent-security).",
      subcommands = {Audit.Verify.class, Audit.Access.class})
  static final class Audit implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "name an audit command: verify or access");
    }

    static AuditCommands audit(CommandSpec spec) {
      AgentKeelCli root = Support.root(spec);
      Path dataDir = root.dataDir();
      io.agentkeel.api.Configuration settings = root.settings();
      return Support.require(s -> s.audit(dataDir, settings), "audit", "agent-security");
    }

    /** {@code audit verify}. */
    @Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
          "Verifies the audit log's hash chain.",
          "Exit status 0 when intact, 1 naming the first altered, deleted, reordered or truncated"
              + " entry."
        })
    static final class Verify implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Override
      public Integer call() {
        AuditVerification result = audit(spec).verify();
        spec.commandLine().getOut().println(result.message());
        return result.intact() ? AgentKeelCli.OK : AgentKeelCli.NOT_COMPLETED;
      }
    }

    /** {@code audit access}. */
    @Command(
        name = "access",
        mixinStandardHelpOptions = true,
        description = "The access-pattern review per principal and tool, from the audit log.")
    static final class Access implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Option(names = "--json", description = "Print JSON.")
      boolean json;

      @Override
      public Integer call() {
        spec.commandLine().getOut().println(audit(spec).accessReview(json));
        return AgentKeelCli.OK;
      }
    }
  }

  /** {@code agentkeel redact}: a filter. */
  @Command(
      name = "redact",
      mixinStandardHelpOptions = true,
      description =
          "Reads text on standard input and writes it with PII and secrets redacted to standard"
              + " output, line by line (needs agent-security).")
  static final class Redact implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      AgentKeelCli root = Support.root(spec);
      Path dataDir = root.dataDir();
      io.agentkeel.api.Configuration settings = root.settings();
      Redactor redactor =
          Support.require(s -> s.redactor(dataDir, settings), "redact", "agent-security");
      PrintWriter out = spec.commandLine().getOut();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.println(redactor.redact(line));
      }
      return AgentKeelCli.OK;
    }
  }

  /** {@code agentkeel scan}: a filter. */
  @Command(
      name = "scan",
      mixinStandardHelpOptions = true,
      description = {
        "Gives an injection score per line of standard input, or per 'text' field of JSON lines,"
            + " as JSON lines {\"line\", \"score\", \"text\"} (needs agent-security).",
      })
  static final class Scan implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--json-lines",
        description =
            "Read JSON lines and score each one's 'text' field (default: when a line starts with '{').")
    boolean jsonLines;

    @Override
    public Integer call() throws IOException {
      Path dataDir = Support.root(spec).dataDir();
      InjectionScanner scanner =
          Support.require(s -> s.injectionScanner(dataDir), "scan", "agent-security");
      PrintWriter out = spec.commandLine().getOut();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      int number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        String text = line;
        if (jsonLines || line.stripLeading().startsWith("{")) {
          try {
            JsonNode node = Support.JSON_LINES.readTree(line);
            JsonNode field = node.get("text");
            if (field == null || !field.isString()) {
              throw new AgentKeelCli.UsageException(
                  "line " + number + " is a JSON object without a string 'text' field");
            }
            text = field.asString();
          } catch (JacksonException notJson) {
            if (jsonLines) {
              throw new AgentKeelCli.UsageException(
                  "line " + number + " is not JSON: " + notJson.getOriginalMessage());
            }
          }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("line", number);
        result.put("score", Math.round(scanner.score(text) * 1000) / 1000.0);
        result.put("text", text);
        out.println(Support.JSON_LINES.writeValueAsString(result));
      }
      return AgentKeelCli.OK;
    }
  }
}
