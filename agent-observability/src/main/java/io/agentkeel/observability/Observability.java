package io.agentkeel.observability;

import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.Configuration;
import io.agentkeel.api.ExtensionBinder;
import io.agentkeel.api.ModelCallInterceptor;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.ToolCallInterceptor;
import io.agentkeel.observability.internal.CompositeListener;
import io.agentkeel.observability.internal.ContainedLinkStore;
import io.agentkeel.observability.internal.DecisionLogQueue;
import io.agentkeel.observability.internal.DecisionLogWriter;
import io.agentkeel.observability.internal.FeedbackRecorder;
import io.agentkeel.observability.internal.GenAiMetrics;
import io.agentkeel.observability.internal.MetricsRecorder;
import io.agentkeel.observability.internal.ObservedModelCalls;
import io.agentkeel.observability.internal.ObservedToolCalls;
import io.agentkeel.observability.internal.OfferedTools;
import io.agentkeel.observability.internal.RunTracer;
import io.agentkeel.observability.internal.SpanLookup;
import io.agentkeel.observability.internal.TaskIndex;
import io.agentkeel.observability.internal.TextFilter;
import io.agentkeel.observability.internal.ToolCallIdRecorder;
import io.agentkeel.observability.internal.ToolContentRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The decision log, metrics, tracing and feedback of one agent, built from settings: its {@link
 * #listener()} and interceptors go into the agent (see {@link #install}), its {@link #feedback()}
 * into the application. Thread-safe.
 *
 * <pre>{@code
 * Observability observability = Observability.builder()
 *     .meterRegistry(registry).openTelemetry(openTelemetry)
 *     .configuration(configuration)          // observability.* settings
 *     .build();
 * AgentKeel.builder()...extension(new ObservabilityExtension(observability))...
 * observability.feedback().thumbsUp(taskId);
 * }</pre>
 */
public final class Observability {

  /** The instrumentation scope of every span. */
  public static final String INSTRUMENTATION_SCOPE = "io.agentkeel.observability";

  private static final AtomicReference<Observability> INSTALLED = new AtomicReference<>();
  private static final int DECISION_LOG_QUEUE = 65_536;

  private final DecisionLogSettings decisionLogSettings;
  private final MetricsSettings metricsSettings;
  private final TracingSettings tracingSettings;
  private final List<OutputFilter> outputFilters;
  private final RunTracer tracer;
  private final CompositeListener listener;
  private final ModelCallInterceptor modelCalls;
  private final ToolCallInterceptor toolCalls;
  private final Feedback feedback;

  private Observability(Builder b) {
    this.decisionLogSettings = b.decisionLog;
    this.metricsSettings = b.metrics;
    this.tracingSettings = b.tracing;
    this.outputFilters = List.copyOf(b.outputFilters);
    // Without filters of its own, observability runs the agent's over identities and comments.
    TextFilter filter =
        outputFilters.isEmpty() ? TextFilter.fromAgent() : new TextFilter(outputFilters);
    TaskIndex tasks = new TaskIndex(b.taskCapacity);
    // By default the first runs' spans are kept beside the tasks, in one map; the application's
    // store may fail, which must cost the links only.
    TraceLinkStore links =
        b.traceLinks != null ? new ContainedLinkStore(b.traceLinks) : tasks.links();
    OfferedTools offered =
        new OfferedTools(
            metricsSettings.offeredToolNames(), metricsSettings.discoverTools(), b.classLoader);
    this.tracer =
        tracingSettings.enabled()
            ? new RunTracer(
                b.openTelemetry.getTracer(INSTRUMENTATION_SCOPE), tracingSettings, links, filter)
            : null;
    MetricsRecorder metrics =
        metricsSettings.enabled() ? new MetricsRecorder(b.registry, offered) : null;
    DecisionLogWriter decisions =
        decisionLogSettings.enabled()
            ? new DecisionLogWriter(
                decisionLogSettings, filter, tracer == null ? SpanLookup.NONE : tracer, offered)
            : null;
    List<AgentEventListener> parts = new ArrayList<>(3);
    if (tracer != null) {
      parts.add(tracer);
    }
    // With the decision log's thread, metrics are recorded there too, off the tasks' threads.
    DecisionLogQueue decisionQueue =
        decisions != null && decisionLogSettings.asynchronous()
            ? new DecisionLogQueue(decisions, metrics, DECISION_LOG_QUEUE)
            : null;
    if (metrics != null && decisionQueue == null) {
      parts.add(metrics);
    }
    if (decisions != null) {
      parts.add(decisionQueue != null ? decisionQueue : decisions);
    }
    // What must come after the events delivered so far: on that thread when there is one.
    Executor later = decisionQueue != null ? decisionQueue::later : Runnable::run;
    RunTracer closing = tracer;
    this.listener =
        new CompositeListener(
            tasks,
            parts,
            () -> {
              if (closing != null) {
                closing.endAll();
              }
            },
            outputFilters.isEmpty() ? Optional.of(filter) : Optional.empty());
    this.modelCalls =
        tracer == null && metrics == null
            ? ModelCallInterceptor.none()
            : new ObservedModelCalls(
                tracer, metrics == null ? null : new GenAiMetrics(b.registry), later);
    this.toolCalls =
        tracer == null
            ? ToolCallInterceptor.none()
            : new ObservedToolCalls(tracer, new TextFilter(outputFilters));
    this.feedback =
        new FeedbackRecorder(
            tasks,
            links,
            metrics,
            decisions,
            later,
            tracer == null ? null : tracer.tracer(),
            b.clock);
  }

  /**
   * Starts an observability with everything on, Micrometer's global registry and the global
   * OpenTelemetry.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The observability most recently installed by an {@link ObservabilityExtension} that built its
   * own (the one {@link java.util.ServiceLoader} finds), for an application that wants its {@link
   * #feedback()}.
   *
   * @return it, if one was installed in this class loader
   */
  public static Optional<Observability> installed() {
    return Optional.ofNullable(INSTALLED.get());
  }

  static void markInstalled(Observability observability) {
    INSTALLED.set(observability);
  }

  /**
   * The listener that feeds the decision log, metrics and tracing; flush writes out the decision
   * log's waiting lines, close does so too and ends the spans of runs still open.
   *
   * @return the listener
   */
  public AgentEventListener listener() {
    return listener;
  }

  /**
   * The model call interceptor: {@code chat} spans and the GenAI client metrics.
   *
   * @return the interceptor; one that only proceeds when tracing and metrics are off
   */
  public ModelCallInterceptor modelCalls() {
    return modelCalls;
  }

  /**
   * The tool call interceptor: {@code execute_tool} spans. It puts the model's call id on them only
   * when output filters were given to the builder; otherwise {@link #install} adds a recorder that
   * does, with the agent's filters.
   *
   * @return the interceptor; one that only proceeds when tracing is off
   */
  public ToolCallInterceptor toolCalls() {
    return toolCalls;
  }

  /**
   * Where users' ratings go.
   *
   * @return the feedback API
   */
  public Feedback feedback() {
    return feedback;
  }

  /**
   * Registers the listener and the interceptors with an agent. The model's tool call ids go on
   * spans after the output filters given to the builder, or, when none were given, through a call
   * id recorder inside the tool interceptor that the agent creates with every output filter
   * installed. With content capture on, a tool result recorder is registered inside the tool
   * interceptor, with the builder's filters or, likewise, the agent's.
   *
   * @param binder the extension binder
   */
  public void install(ExtensionBinder binder) {
    binder.add(AgentEventListener.class, listener);
    if (modelCalls != ModelCallInterceptor.none()
        && (tracer != null || metricsSettings.enabled())) {
      binder.add(ModelCallInterceptor.class, modelCalls);
    }
    if (tracer != null) {
      binder.add(ToolCallInterceptor.class, toolCalls);
      if (outputFilters.isEmpty()) {
        binder.add(ToolCallInterceptor.class, ToolCallIdRecorder.class);
      }
      if (tracingSettings.captureContent()) {
        if (outputFilters.isEmpty()) {
          binder.add(ToolCallInterceptor.class, ToolContentRecorder.class);
        } else {
          binder.add(ToolCallInterceptor.class, new ToolContentRecorder(outputFilters));
        }
      }
    }
  }

  /**
   * The decision log's settings.
   *
   * @return the settings
   */
  public DecisionLogSettings decisionLogSettings() {
    return decisionLogSettings;
  }

  /**
   * The metrics' settings.
   *
   * @return the settings
   */
  public MetricsSettings metricsSettings() {
    return metricsSettings;
  }

  /**
   * The tracing settings.
   *
   * @return the settings
   */
  public TracingSettings tracingSettings() {
    return tracingSettings;
  }

  /** Builds an {@link Observability}; not thread-safe. */
  public static final class Builder {
    private MeterRegistry registry = Metrics.globalRegistry;
    private OpenTelemetry openTelemetry;
    private DecisionLogSettings decisionLog = DecisionLogSettings.DEFAULTS;
    private MetricsSettings metrics = MetricsSettings.DEFAULTS;
    private TracingSettings tracing = TracingSettings.DEFAULTS;
    private final List<OutputFilter> outputFilters = new ArrayList<>();
    private TraceLinkStore traceLinks;
    private Clock clock = Clock.systemUTC();
    private ClassLoader classLoader = Observability.class.getClassLoader();
    private int taskCapacity = 10_000;

    private Builder() {}

    /**
     * Sets where metrics go; Micrometer's global registry by default.
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Sets where spans go; {@link GlobalOpenTelemetry} by default (a no-op until the application
     * sets up an SDK).
     *
     * @param openTelemetry the OpenTelemetry instance
     * @return this builder
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /**
     * Reads every setting under {@code observability.decision-log}, {@code observability.metrics}
     * and {@code observability.tracing}.
     *
     * @param configuration the agent's configuration
     * @return this builder
     * @throws IllegalArgumentException naming the key, if a value cannot be converted
     */
    public Builder configuration(Configuration configuration) {
      Objects.requireNonNull(configuration, "configuration");
      this.decisionLog =
          configuration.bind("observability.decision-log", DecisionLogSettings.DEFAULTS);
      this.metrics = configuration.bind("observability.metrics", MetricsSettings.DEFAULTS);
      this.tracing = configuration.bind("observability.tracing", TracingSettings.DEFAULTS);
      return this;
    }

    /**
     * Sets the decision log's settings.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder decisionLog(DecisionLogSettings settings) {
      this.decisionLog = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets the metrics' settings.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder metrics(MetricsSettings settings) {
      this.metrics = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets the tracing settings.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder tracing(TracingSettings settings) {
      this.tracing = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Adds output filters that observability runs itself over what the agent does not filter
     * (principal ids, feedback comments, tool results on spans) and again over event text fields.
     * Without any, it runs the output filters installed in the agent it is installed in, such as
     * the security module's, which the agent hands over as it is created.
     *
     * @param filters the filters, in order
     * @return this builder
     */
    public Builder outputFilters(List<OutputFilter> filters) {
      filters.forEach(f -> outputFilters.add(Objects.requireNonNull(f, "filter")));
      return this;
    }

    /**
     * Sets where first runs' spans are kept for resume and feedback links; by default in memory,
     * beside the tasks remembered for feedback ({@link #taskCapacity}, 10,000). A store that throws
     * is logged and costs only the link: the run's spans and the ratings are kept.
     *
     * @param store the store
     * @return this builder
     */
    public Builder traceLinks(TraceLinkStore store) {
      this.traceLinks = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the clock feedback is timed with; the system clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the class loader tool providers are looked for in.
     *
     * @param loader the class loader
     * @return this builder
     */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /**
     * Sets how many recent tasks are remembered for feedback; 10,000 by default.
     *
     * @param capacity at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder taskCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException(
            "observability's task capacity must be at least 1, was " + capacity);
      }
      this.taskCapacity = capacity;
      return this;
    }

    /**
     * Builds the observability.
     *
     * @return it
     */
    public Observability build() {
      if (openTelemetry == null) {
        openTelemetry = GlobalOpenTelemetry.get();
      }
      return new Observability(this);
    }
  }
}
