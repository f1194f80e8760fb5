package io.agentkeel.core;

import dev.langchain4j.model.chat.ChatModel;
import io.agentkeel.api.Configuration;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.internal.PropertyConfiguration;
import io.agentkeel.core.internal.SettingKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * How an agent is set up, apart from its tools and extensions: the models of its fallback chain,
 * its workflows, how many tasks run at once and in which order, and where tool plugins are looked
 * for. Immutable; build with {@link #builder()}.
 *
 * @param models the fallback chain, tried in order when a model call fails; at least one
 * @param workflows workflows by name; the {@code default} workflow is added when absent
 * @param concurrency the most tasks running at once
 * @param taskScorer orders queued tasks
 * @param pluginClassLoader where {@code ToolProvider} and {@code AgentExtension} plugins are looked
 *     for with {@link java.util.ServiceLoader}; empty to use explicit registrations only
 * @param sessionTurns how many recent turns of the task's session go into the model's context
 * @param recallLimit how many long-term memories go into the model's context
 * @param clock the time source of events and budgets; every deadline is measured on it
 * @param configuration the typed settings extensions read; once an agent is wired with them, the
 *     settings in its namespace that nothing installed read (an {@code agentkeel.*} system
 *     property, an {@code AGENTKEEL_*} variable, or a key under a namespace an installed module
 *     reads, such as {@code memory.data-dri}) are named in one warning, with the key probably meant
 *     and never their values; {@code settings.unknown-keys=fail} makes them stop the agent from
 *     starting, {@code =ignore} silences them. Keys of modules and tool plugins that are not
 *     installed, and the application's own keys, are left alone
 */
public record AgentSettings(
    List<NamedModel> models,
    Map<String, Workflow> workflows,
    int concurrency,
    TaskScorer taskScorer,
    Optional<ClassLoader> pluginClassLoader,
    int sessionTurns,
    int recallLimit,
    Clock clock,
    Configuration configuration) {

  /** The default number of tasks running at once. */
  public static final int DEFAULT_CONCURRENCY = 256;

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if there is no model, two models share a name, or a bound is
   *     not positive
   */
  public AgentSettings {
    Objects.requireNonNull(taskScorer, "taskScorer");
    Objects.requireNonNull(pluginClassLoader, "pluginClassLoader");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(configuration, "configuration");
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException(
          "an agent needs at least one chat model: call model(name, chatModel) on the builder");
    }
    if (models.stream().map(NamedModel::name).distinct().count() != models.size()) {
      throw new IllegalArgumentException(
          "two models of the fallback chain share a name: "
              + models.stream().map(NamedModel::name).toList());
    }
    Map<String, Workflow> all = new LinkedHashMap<>(workflows);
    all.putIfAbsent(Workflow.DEFAULT_NAME, Workflow.defaults());
    workflows = Map.copyOf(all);
    if (concurrency < 1 || sessionTurns < 0 || recallLimit < 0) {
      throw new IllegalArgumentException(
          "concurrency must be positive and sessionTurns, recallLimit not negative");
    }
  }

  /**
   * Starts settings with defaults: no model yet, the default workflow, {@value
   * #DEFAULT_CONCURRENCY} tasks at once in submission order, plugins looked for with the thread's
   * context class loader, 10 session turns, 3 memories, the system clock.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link AgentSettings}; not thread-safe. */
  public static final class Builder {
    private final List<NamedModel> models = new ArrayList<>();
    private final Map<String, Workflow> workflows = new LinkedHashMap<>();
    private int concurrency = DEFAULT_CONCURRENCY;
    private TaskScorer taskScorer = TaskScorer.FIFO;
    private Optional<ClassLoader> pluginClassLoader =
        Optional.ofNullable(Thread.currentThread().getContextClassLoader());
    private int sessionTurns = 10;
    private int recallLimit = 3;
    private Clock clock = Clock.systemUTC();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Properties properties = new Properties();
    private boolean environment = true;

    private Builder() {}

    /**
     * Adds a model to the end of the fallback chain; the first one added is the primary.
     *
     * @param name its name in events, such as {@code primary}
     * @param model the chat model
     * @return this builder
     */
    public Builder model(String name, ChatModel model) {
      models.add(new NamedModel(name, model));
      return this;
    }

    /**
     * Adds a workflow, replacing one of the same name.
     *
     * @param workflow the workflow
     * @return this builder
     * @throws IllegalArgumentException if it is named {@link Workflow#UNKNOWN_NAME}
     */
    public Builder workflow(Workflow workflow) {
      Objects.requireNonNull(workflow, "workflow(null): give the builder a workflow");
      if (workflow.name().equals(Workflow.UNKNOWN_NAME)) {
        throw new IllegalArgumentException(
            "the workflow name '"
                + Workflow.UNKNOWN_NAME
                + "' is reserved for the runs of tasks naming a workflow the agent does not know;"
                + " name the workflow otherwise");
      }
      workflows.put(workflow.name(), workflow);
      return this;
    }

    /**
     * Sets how many tasks run at once.
     *
     * @param concurrency a positive number
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Sets how queued tasks are ordered.
     *
     * @param taskScorer the scorer
     * @return this builder
     */
    public Builder taskScorer(TaskScorer taskScorer) {
      this.taskScorer = taskScorer;
      return this;
    }

    /**
     * Sets where plugins are looked for.
     *
     * @param classLoader the class loader to search
     * @return this builder
     */
    public Builder pluginClassLoader(ClassLoader classLoader) {
      this.pluginClassLoader = Optional.of(classLoader);
      return this;
    }

    /**
     * Turns plugin discovery off: only explicitly registered tools and extensions are used.
     *
     * @return this builder
     */
    public Builder noPluginDiscovery() {
      this.pluginClassLoader = Optional.empty();
      return this;
    }

    /**
     * Sets how many recent session turns go into the context.
     *
     * @param turns zero or more
     * @return this builder
     */
    public Builder sessionTurns(int turns) {
      this.sessionTurns = turns;
      return this;
    }

    /**
     * Sets how many long-term memories go into the context.
     *
     * @param limit zero or more
     * @return this builder
     */
    public Builder recallLimit(int limit) {
      this.recallLimit = limit;
      return this;
    }

    /**
     * Sets the time source.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets one configuration value, such as {@code security.pii-style}; it wins over system
     * properties, the environment and properties.
     *
     * @param key the dotted key
     * @param value the value
     * @return this builder
     */
    public Builder setting(String key, String value) {
      settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets configuration values, as {@link #setting} does for each.
     *
     * @param values dotted keys and their values
     * @return this builder
     */
    public Builder settings(Map<String, String> values) {
      values.forEach(this::setting);
      return this;
    }

    /**
     * Adds configuration properties, such as a file the application loaded; they have the lowest
     * precedence.
     *
     * @param values the properties
     * @return this builder
     */
    public Builder properties(Properties values) {
      for (String name : values.stringPropertyNames()) {
        properties.setProperty(name, values.getProperty(name));
      }
      return this;
    }

    /**
     * Ignores system properties and environment variables as configuration sources (for tests).
     *
     * @return this builder
     */
    public Builder noEnvironmentConfiguration() {
      this.environment = false;
      return this;
    }

    /**
     * The configuration these settings give extensions, without a model or any other part of an
     * agent: for a tool (such as a command line) that reads the same settings as the agent it
     * builds, in the same order of precedence.
     *
     * @return the configuration of the settings and properties given so far
     */
    public Configuration configuration() {
      return environment
          ? PropertyConfiguration.fromEnvironment(settings, properties)
          : new PropertyConfiguration(settings, new Properties(), Map.of(), properties);
    }

    /**
     * Validates and builds the settings.
     *
     * @return the settings
     * @throws IllegalArgumentException if there is no model, a bound is not positive, or a key
     *     given to {@link #setting} is never read: one that starts with {@code agentkeel.} (that
     *     prefix marks system properties only) or names one of core's own settings, which are
     *     builder methods such as {@link #concurrency}; the message names the key (not its value,
     *     which may be a secret) and what was probably meant. Whether the other keys, of every
     *     source, are read is known only once the agent is wired: then the ones in the agent's
     *     namespace that nothing installed read are logged as a warning, or stop the agent from
     *     starting when the setting {@code settings.unknown-keys} is {@code fail}
     */
    public AgentSettings build() {
      SettingKeys.check(settings);
      return new AgentSettings(
          models,
          workflows,
          concurrency,
          taskScorer,
          pluginClassLoader,
          sessionTurns,
          recallLimit,
          clock,
          configuration());
    }
  }
}
