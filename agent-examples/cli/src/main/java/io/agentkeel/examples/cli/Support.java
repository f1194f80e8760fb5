package io.agentkeel.examples.cli;

import dev.langchain4j.model.chat.ChatModel;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.PrintableText;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.core.ModelSpec;
import io.agentkeel.examples.cli.AgentKeelCli.UsageException;
import io.agentkeel.examples.demo.OfflineDemoModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** What the commands share: models, plugins, the review queue, module support, JSON. */
final class Support {

  static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  static final JsonMapper JSON_LINES = JsonMapper.builder().build();

  private Support() {}

  static AgentKeelCli root(CommandSpec spec) {
    return (AgentKeelCli) spec.root().userObject();
  }

  /** The modules' additions to the command line found on the class path. */
  static List<CommandSupport> modules() {
    List<CommandSupport> found = new ArrayList<>();
    ServiceLoader.load(CommandSupport.class, Support.class.getClassLoader()).forEach(found::add);
    return found;
  }

  /** The first module offering a part, or a usage error naming the module to add. */
  static <T> T require(Function<CommandSupport, Optional<T>> part, String what, String module) {
    for (CommandSupport support : modules()) {
      Optional<T> offered = part.apply(support);
      if (offered.isPresent()) {
        return offered.get();
      }
    }
    throw new UsageException(
        what
            + " needs "
            + module
            + ", which is not on this command line's class path; build the command line with it"
            + " (the lead wires it at merge) or use a build that includes it");
  }

  /**
   * The persistent review queue (agent-memory's), in the database the settings name, as the agents
   * of this command line see it; close it with {@link #close(ReviewQueue)} when the command is
   * done.
   */
  static ReviewQueue reviewQueue(AgentKeelCli root) {
    Path dataDir = root.dataDir();
    io.agentkeel.api.Configuration settings = root.settings();
    return require(s -> s.reviewQueue(dataDir, settings), "the review queue", "agent-memory");
  }

  /** Releases what a review queue holds open, such as its database file. */
  static void close(ReviewQueue queue) {
    if (queue instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the review queue failed: " + e.getMessage(), e);
      }
    }
  }

  /** Where agent-memory keeps its embedded stores: the review queue, working and long-term tier. */
  static Path memoryDir(Path dataDir) {
    return dataDir.resolve("memory");
  }

  /** agent-security's tamper-evident audit log. */
  static Path auditFile(Path dataDir) {
    return dataDir.resolve("audit.log");
  }

  /** agent-observability's decision log, one JSON object per line, which reports are made from. */
  static Path decisionLog(Path dataDir) {
    return dataDir.resolve("decisions.jsonl");
  }

  /** Options that choose the model. */
  static final class ModelOptions {
    @Option(
        names = "--model",
        paramLabel = "KIND",
        defaultValue = "${env:AGENTKEEL_MODEL:-offline}",
        description =
            "offline (default; no key, no network), openai, ollama or anthropic"
                + " (default: $AGENTKEEL_MODEL, else offline).")
    String kind;

    @Option(
        names = "--model-name",
        paramLabel = "NAME",
        description = "The provider's model (defaults: gpt-4o-mini, llama3.2, claude-sonnet-4-5).")
    String modelName;

    @Option(
        names = "--base-url",
        paramLabel = "URL",
        description =
            "The endpoint, e.g. http://127.0.0.1:8000/v1 for a local OpenAI-compatible server"
                + " (defaults: $OPENAI_BASE_URL, $OLLAMA_BASE_URL, the provider's).")
    String baseUrl;

    /** The model's name in events, such as {@code offline} or {@code openai:gpt-4o-mini}. */
    String label() {
      String kind = kind();
      return kind.equals("offline") ? "offline-demo" : kind + ":" + name(kind);
    }

    String kind() {
      String k = kind.toLowerCase(Locale.ROOT);
      if (!List.of("offline", "openai", "ollama", "anthropic").contains(k)) {
        throw new UsageException(
            "--model '" + kind + "' is not a model kind; use offline, openai, ollama or anthropic");
      }
      return k;
    }

    private String name(String kind) {
      if (modelName != null && !modelName.isBlank()) {
        return modelName;
      }
      return switch (kind) {
        case "openai" -> "gpt-4o-mini";
        case "ollama" -> "llama3.2";
        case "anthropic" -> "claude-sonnet-4-5";
        default -> "offline-demo";
      };
    }

    ChatModel create(Map<String, String> environment) {
      String kind = kind();
      if (baseUrl != null) {
        checkUrl(baseUrl);
      }
      try {
        return switch (kind) {
          case "offline" -> {
            OfflineDemoModel.warmUp();
            yield new OfflineDemoModel();
          }
          case "openai" ->
              // ModelSpec sends no key to a server on this machine when OPENAI_API_KEY is not set.
              ModelSpec.openAiCompatible(endpoint(environment), name(kind), "OPENAI_API_KEY")
                  .create(environment);
          case "ollama" -> ModelSpec.ollama(endpoint(environment), name(kind)).create(environment);
          default ->
              new ModelSpec(
                      ModelSpec.Provider.ANTHROPIC,
                      name(kind),
                      Optional.ofNullable(baseUrl),
                      Optional.of("ANTHROPIC_API_KEY"),
                      ModelSpec.DEFAULT_TIMEOUT)
                  .create(environment);
        };
      } catch (IllegalStateException missingKey) {
        throw new UsageException(missingKey.getMessage() + "; or run with --model offline");
      }
    }

    /**
     * The endpoint the model is called at: {@code --base-url}, else the provider's variable, else
     * its default.
     */
    String endpoint(Map<String, String> environment) {
      if (baseUrl != null) {
        return baseUrl;
      }
      return switch (kind()) {
        case "openai" -> environment.getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1");
        case "ollama" -> environment.getOrDefault("OLLAMA_BASE_URL", "http://localhost:11434");
        case "anthropic" -> "https://api.anthropic.com/v1";
        default -> "this process";
      };
    }

    /**
     * What to say when no model of the chain answered: which model, at which endpoint (without any
     * user or password in its URL), and what to check.
     */
    Optional<String> unavailableHint(AgentResult result, Map<String, String> environment) {
      if (!(result.outcome() instanceof Outcome.Failed failed)
          || failed.category() != io.agentkeel.api.FailureCategory.MODEL_UNAVAILABLE
          || kind().equals("offline")) {
        return Optional.empty();
      }
      String url = endpoint(environment);
      try {
        URI uri = URI.create(url);
        if (uri.getUserInfo() != null) {
          url =
              new URI(
                      uri.getScheme(),
                      null,
                      uri.getHost(),
                      uri.getPort(),
                      uri.getPath(),
                      null,
                      null)
                  .toString();
        }
      } catch (IllegalArgumentException | java.net.URISyntaxException e) {
        url = "(an endpoint that is not a URL)";
      }
      return Optional.of(
          "the "
              + label()
              + " model at "
              + url
              + " did not answer ("
              + failed.reason()
              + "); check that the server runs there and --base-url, or run with --model offline");
    }

    private static void checkUrl(String url) {
      try {
        URI uri = URI.create(url);
        if (uri.getScheme() == null
            || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
            || uri.getHost() == null) {
          throw new IllegalArgumentException("no http(s) scheme or host");
        }
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "--base-url '" + url + "' is not an http(s) URL, e.g. http://127.0.0.1:8000/v1");
      }
    }
  }

  /** The option that names a directory of plugin jars. */
  static final class PluginOptions {
    @Option(
        names = "--plugins",
        paramLabel = "DIR",
        description =
            "A directory of tool plugin jars to load (default: DATA_DIR/plugins if it exists).")
    Path directory;

    /** A class loader over the plugin jars, whose parent is the command line's. */
    ClassLoader loader(Path dataDir) {
      Path dir = directory;
      if (dir == null) {
        Path fallback = dataDir.resolve("plugins");
        if (!Files.isDirectory(fallback)) {
          return Support.class.getClassLoader();
        }
        dir = fallback;
      } else if (!Files.isDirectory(dir)) {
        throw new UsageException(
            "--plugins '" + dir + "' is not a directory; give a directory holding plugin jars");
      }
      return loaderOver(dir);
    }

    static ClassLoader loaderOver(Path dir) {
      List<URL> jars = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path jar :
            files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
          jars.add(jar.toUri().toURL());
        }
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list plugin directory " + dir, e);
      }
      return new URLClassLoader(
          "plugins", jars.toArray(URL[]::new), Support.class.getClassLoader());
    }
  }

  /** The outcome's kind, as the JSON outputs name it. */
  static String outcomeKind(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Completed c -> "completed";
      case Outcome.InReview r -> "in_review";
      case Outcome.Escalated e -> "escalated";
      case Outcome.Refused r -> "refused";
      case Outcome.RateLimited r -> "rate_limited";
      case Outcome.Failed f -> "failed";
    };
  }

  /** The review request an outcome waits on, if any. */
  static Optional<ReviewRequest> reviewOf(Outcome outcome) {
    return switch (outcome) {
      case Outcome.InReview r -> Optional.of(r.request());
      case Outcome.Escalated e -> Optional.of(e.request());
      default -> Optional.empty();
    };
  }

  /** A task's result as the JSON of {@code run --json}. */
  static Map<String, Object> resultJson(String agent, AgentResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", result.taskId());
    json.put("agent", agent);
    json.put("outcome", outcomeKind(result.outcome()));
    json.put("outcome_detail", result.outcome().describe());
    json.put("answer", result.answer().orElse(null));
    json.put("confidence", result.confidence().map(Confidence::value).orElse(null));
    json.put("reason", result.reason());
    json.put("review_id", reviewOf(result.outcome()).map(ReviewRequest::id).orElse(null));
    List<Map<String, Object>> trace = new ArrayList<>();
    result.trace().forEach(event -> trace.add(eventJson(event)));
    json.put("trace", trace);
    return json;
  }

  /** An event as a flat JSON object: its type, time, and its own fields. */
  static Map<String, Object> eventJson(AgentEvent event) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("event", event.getClass().getSimpleName());
    json.put("at", event.at().toString());
    for (RecordComponent component : event.getClass().getRecordComponents()) {
      String name = component.getName();
      if (name.equals("taskId") || name.equals("at")) {
        continue;
      }
      Object value = read(component, event);
      json.put(value instanceof Duration ? snake(name) + "_ms" : snake(name), plain(value));
    }
    return json;
  }

  /** An event as one line of text. */
  static String eventLine(AgentEvent event) {
    StringBuilder line = new StringBuilder(event.getClass().getSimpleName());
    eventJson(event)
        .forEach((key, value) -> {
          if (!key.equals("event") && !key.equals("at") && value != null) {
            String text = String.valueOf(value);
            line.append(' ')
                .append(key)
                .append('=')
                .append(text.length() > 120 ? text.substring(0, 120) + "..." : text);
          }
        });
    return line.toString();
  }

  private static Object read(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      return "<unreadable>";
    }
  }

  /** Values a JSON writer and a reader of text both understand. */
  private static Object plain(Object value) {
    return switch (value) {
      case null -> null;
      case Optional<?> optional -> optional.map(Support::plain).orElse(null);
      case Duration duration -> Math.round(duration.toNanos() / 1_000.0) / 1_000.0;
      case Instant instant -> instant.toString();
      case Outcome outcome -> outcome.describe();
      case Confidence confidence -> confidence.value();
      case Enum<?> e -> e.name().toLowerCase(Locale.ROOT);
      case String s -> s;
      case Number n -> n;
      case Boolean b -> b;
      case Collection<?> c -> c.stream().map(Support::plain).toList();
      case Record r -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent component : r.getClass().getRecordComponents()) {
          Object inner = read(component, r);
          map.put(
              inner instanceof Duration
                  ? snake(component.getName()) + "_ms"
                  : snake(component.getName()),
              plain(inner));
        }
        yield map;
      }
      default -> value.toString();
    };
  }

  /**
   * A value as text for a terminal: see {@link PrintableText}; what a task's input or a model's
   * answer holds is shown, never obeyed. The same characters as the text report escapes.
   */
  static String printable(Object value) {
    return PrintableText.escape(value);
  }

  /**
   * Text of several lines for a terminal, such as a model's answer: each line as {@link #printable}
   * shows it, so a line break stays a line break (a carriage return before it is dropped) while
   * every other control character is shown escaped, and each line after the first starts with an
   * indent, so that it reads as part of the field it continues.
   *
   * @param text the text
   * @param indent what starts each line after the first
   * @return the text fit for a terminal
   */
  static String printableLines(String text, String indent) {
    return Arrays.stream(text.split("\r?\n", -1))
        .map(PrintableText::escape)
        .collect(Collectors.joining(System.lineSeparator() + indent));
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
