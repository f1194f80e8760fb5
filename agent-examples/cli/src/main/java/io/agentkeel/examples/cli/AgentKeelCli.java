package io.agentkeel.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code agentkeel} command line. Exit status: 0 success, 1 the task (or check) did not
 * complete, 2 bad usage, each with a message on standard error that says what was wrong.
 */
@Command(
    name = "agentkeel",
    mixinStandardHelpOptions = true,
    version = "agentkeel 0.1.0-SNAPSHOT",
    description = "Runs AgentKeel's example agents, lists their tools and decides their reviews.",
    subcommands = {
      RunCommand.class,
      ToolsCommand.class,
      ReviewCommand.class,
      DemoCommand.class,
      ModuleCommands.Feedback.class,
      ModuleCommands.Report.class,
      ModuleCommands.Audit.class,
      ModuleCommands.Redact.class,
      ModuleCommands.Scan.class,
      TasksCommand.class
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success",
      "1:the task did not complete (in review, escalated, refused, rate limited, failed)",
      "2:bad usage; the message says what was wrong"
    })
public final class AgentKeelCli implements Runnable {

  /** Success. */
  public static final int OK = 0;

  /** The task (or the check) did not complete. */
  public static final int NOT_COMPLETED = 1;

  /** Bad usage. */
  public static final int USAGE = 2;

  @Option(
      names = "--data-dir",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Where the embedded stores live (default: $AGENTKEEL_DATA_DIR, else ~/.agentkeel).")
  Path dataDir;

  @Option(
      names = "--set",
      scope = ScopeType.INHERIT,
      paramLabel = "KEY=VALUE",
      description =
          "A configuration value for the agent and its modules, e.g. --set security.pii-style=mask;"
              + " wins over agentkeel.* system properties, AGENTKEEL_* variables and"
              + " DATA_DIR/agentkeel.properties.")
  Map<String, String> settings = new java.util.LinkedHashMap<>();

  private final Map<String, String> environment;

  /** Held so that its level stays set. */
  private static final java.util.logging.Logger LUCENE_VECTORS =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  /** Held so that its level stays set. */
  private static final java.util.logging.Logger GUICE_ERRORS =
      java.util.logging.Logger.getLogger("com.google.inject.Guice");

  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  AgentKeelCli(Map<String, String> environment) {
    this.environment = environment;
  }

  /**
   * Runs the command line and exits with its status.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    // Logging starts here, before the embedding model's loader thread logs: SLF4J otherwise replays
    // the calls made while it initialises, with a warning on standard error.
    org.slf4j.LoggerFactory.getILoggerFactory();
    // Lucene says through java.util.logging that it could use the incubating Vector API; the few
    // memories of a command-line run need no SIMD.
    LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
    // Guice logs, with its stack trace, each exception it turns into a wiring error; the command
    // line prints the error itself, as one line that says what to fix.
    GUICE_ERRORS.setLevel(java.util.logging.Level.WARNING);
    int status =
        execute(
            args,
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            System.getenv());
    // A command that fails early (a bad setting) may end while the offline model still loads on
    // its own thread; exiting then makes the ONNX runtime abort the JVM (status 134).
    try {
      io.agentkeel.examples.demo.OfflineDemoModel.awaitWarmUp(java.time.Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.exit(status);
  }

  /**
   * Runs the command line in this process.
   *
   * @param args the arguments
   * @param out where results go
   * @param err where messages and progress go
   * @param environment the environment variables
   * @return the exit status
   */
  public static int execute(
      String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
    CommandLine line = new CommandLine(new AgentKeelCli(environment));
    line.setOut(out);
    line.setErr(err);
    line.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      List<IllegalArgumentException> badSettings = badSettings(e);
      if (!badSettings.isEmpty()) {
        badSettings.forEach(bad -> commandLine.getErr().println("agentkeel: " + bad.getMessage()));
        return USAGE;
      }
      if (e instanceof UsageException || e instanceof IllegalArgumentException) {
        commandLine.getErr().println("agentkeel: " + e.getMessage());
        commandLine
            .getErr()
            .println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
        return USAGE;
      }
      commandLine
          .getErr()
          .println("agentkeel: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return NOT_COMPLETED;
    });
    int status = line.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  /**
   * The invalid settings that stopped an agent from being wired: the core's wiring failure carries
   * each reason as a suppressed exception, and an extension that rejects a setting throws an {@link
   * IllegalArgumentException} naming it. Empty when anything else went wrong as well, such as a
   * database that could not be reached.
   */
  static List<IllegalArgumentException> badSettings(Exception e) {
    if (!(e instanceof IllegalStateException) || e.getSuppressed().length == 0) {
      return List.of();
    }
    List<IllegalArgumentException> bad = new ArrayList<>();
    for (Throwable reason : e.getSuppressed()) {
      if (!(reason instanceof IllegalArgumentException invalid)) {
        return List.of();
      }
      bad.add(invalid);
    }
    return bad;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command, e.g. 'agentkeel demo' (see 'agentkeel --help')");
  }

  /** The data directory: the option, else $AGENTKEEL_DATA_DIR, else ~/.agentkeel. */
  Path dataDir() {
    if (dataDir != null) {
      // An empty value (an unset shell variable, --data-dir "$DIR") would be the working
      // directory, where the stores would then be written unnoticed.
      if (dataDir.toString().isBlank()) {
        throw new UsageException(
            "--data-dir is empty; name a directory, or leave the option out to use"
                + " $AGENTKEEL_DATA_DIR, else ~/.agentkeel");
      }
      return checkDirectory(dataDir, "--data-dir");
    }
    String fromEnv = environment.get("AGENTKEEL_DATA_DIR");
    return fromEnv != null && !fromEnv.isBlank()
        ? checkDirectory(Path.of(fromEnv), "$AGENTKEEL_DATA_DIR")
        : checkDirectory(Path.of(System.getProperty("user.home"), ".agentkeel"), "~/.agentkeel");
  }

  /**
   * A data directory may be missing (it is created here) but not be something else, such as a file,
   * or be impossible to create.
   */
  private static Path checkDirectory(Path dir, String source) {
    if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
      throw new UsageException(
          source
              + " '"
              + dir
              + "' is not a directory; name a directory (a missing one is created), or move the"
              + " file away");
    }
    if (!java.nio.file.Files.isDirectory(dir)) {
      // Created before any store opens in it: a store would fail deep inside its engine instead
      // (H2 prints its own stack trace), without naming the data directory.
      try {
        java.nio.file.Files.createDirectories(dir);
      } catch (java.io.IOException | UnsupportedOperationException e) {
        throw new UsageException(
            source
                + " '"
                + dir
                + "' cannot be created ("
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage()
                + "); name a directory you may write in");
      }
    }
    return dir;
  }

  Map<String, String> environment() {
    return environment;
  }

  /**
   * What every agent built by a command is configured with: its {@link #settings() settings}, and
   * the decision log routed to {@code DATA_DIR/decisions.jsonl}.
   */
  java.util.function.Consumer<io.agentkeel.core.AgentKeel.Builder> configuration() {
    Path dir = dataDir();
    Map<String, String> values = Map.copyOf(settings);
    java.util.Properties properties = properties(dir);
    io.agentkeel.examples.internal.DecisionLogFile.routeTo(Support.decisionLog(dir));
    return builder -> {
      builder.settings(values);
      builder.properties(properties);
    };
  }

  /**
   * The settings that commands and the agents they build read, in the agent's order of precedence:
   * the {@code --set} values, {@code agentkeel.*} system properties, {@code AGENTKEEL_*} variables,
   * {@code DATA_DIR/agentkeel.properties} if it exists, and last the command line's defaults, which
   * keep the modules' stores under the data directory (memory in {@code DATA_DIR/memory}, the audit
   * log in {@code DATA_DIR/audit.log}).
   *
   * @return the settings
   */
  io.agentkeel.api.Configuration settings() {
    return io.agentkeel.core.AgentSettings.builder()
        .settings(settings)
        .properties(properties(dataDir()))
        .configuration();
  }

  /** The defaults under the data directory, overridden by {@code DATA_DIR/agentkeel.properties}. */
  private java.util.Properties properties(Path dir) {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("memory.data-dir", Support.memoryDir(dir).toString());
    properties.setProperty("security.audit-file", Support.auditFile(dir).toString());
    dataDirProperties().ifPresent(properties::putAll);
    return properties;
  }

  /** {@code DATA_DIR/agentkeel.properties}, if it exists. */
  java.util.Optional<java.util.Properties> dataDirProperties() {
    Path file = dataDir().resolve("agentkeel.properties");
    if (!java.nio.file.Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    java.util.Properties properties = new java.util.Properties();
    try (var in = java.nio.file.Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (java.io.IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      // A malformed escape, such as a Windows path with a backslash before a "u".
      throw new UsageException(
          "cannot read "
              + file
              + ": "
              + e.getMessage()
              + " (a backslash starts an escape in a properties file; write \\\\ for one)");
    }
    return java.util.Optional.of(properties);
  }

  /** Bad usage found after parsing: exits with status 2 and this message. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
