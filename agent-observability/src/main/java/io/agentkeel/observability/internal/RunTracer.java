package io.agentkeel.observability.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.RunContext;
import io.agentkeel.observability.TraceLinkStore;
import io.agentkeel.observability.TracingSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Keeps one {@code invoke_agent} span per run, opened at the run's first event and ended at its
 * {@code TaskFinished}; puts reviews, fallbacks, guard decisions and the loop's other decisions on
 * it as span events; links a resumed run to its task's first run.
 */
public final class RunTracer implements AgentEventListener, SpanLookup {

  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
  static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
  static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
  static final AttributeKey<String> TOOL_ARGUMENTS =
      AttributeKey.stringKey("gen_ai.tool.call.arguments");
  static final AttributeKey<String> TOOL_RESULT = AttributeKey.stringKey("gen_ai.tool.call.result");
  static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
  static final AttributeKey<String> CONVERSATION_ID =
      AttributeKey.stringKey("gen_ai.conversation.id");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("agentkeel.task.id");
  static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("agentkeel.run.id");
  static final AttributeKey<String> WORKFLOW = AttributeKey.stringKey("agentkeel.workflow");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("agentkeel.outcome");
  static final AttributeKey<String> LINK_REASON = AttributeKey.stringKey("agentkeel.link.reason");
  // Made once: a key made per call costs an allocation and a hash each time.
  static final AttributeKey<String> MODEL = AttributeKey.stringKey("agentkeel.model");
  static final AttributeKey<Long> STEP = AttributeKey.longKey("agentkeel.step");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("agentkeel.attempt");
  static final AttributeKey<String> SIDE_EFFECT =
      AttributeKey.stringKey("agentkeel.tool.side_effect");
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("agentkeel.route");
  static final AttributeKey<Double> CONFIDENCE = AttributeKey.doubleKey("agentkeel.confidence");
  static final AttributeKey<String> REASONING_SUMMARY =
      AttributeKey.stringKey("agentkeel.reasoning_summary");

  private static final Pattern TRACE_FLAGS = Pattern.compile("[0-9a-f]{2}");

  private final Tracer tracer;
  private final TracingSettings settings;
  private final TraceLinkStore links;
  private final TextFilter filter;
  private final ConcurrentMap<String, Run> runs = new ConcurrentHashMap<>();

  /**
   * A run's open span and, for a first run, its {@code traceparent} until it is stored as the
   * task's: at the run's second event, so that a run core refuses as a duplicate of a task in
   * flight (its second event says so) does not take the place of the task's real first run.
   */
  private static final class Run {
    final Span span;
    volatile String link;

    Run(Span span, String link) {
      this.span = span;
      this.link = link;
    }
  }

  /**
   * Creates the tracer.
   *
   * @param tracer where spans are made
   * @param settings the settings
   * @param links where first runs' spans are kept
   * @param filter run over what the model chose and the agent does not filter (the tool name of a
   *     failed call), as the decision log does
   */
  public RunTracer(
      Tracer tracer, TracingSettings settings, TraceLinkStore links, TextFilter filter) {
    this.tracer = tracer;
    this.settings = settings;
    this.links = links;
    this.filter = filter;
  }

  /**
   * The tracer spans are made with.
   *
   * @return the tracer
   */
  public Tracer tracer() {
    return tracer;
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  public TracingSettings settings() {
    return settings;
  }

  @Override
  public Optional<SpanContext> spanOf(String runId) {
    Run run = runs.get(runId);
    return run == null || !run.span.getSpanContext().isValid()
        ? Optional.empty()
        : Optional.of(run.span.getSpanContext());
  }

  /**
   * The context a call of the run should be a child of: the run's span, opening it if the run has
   * none yet (an interceptor may run before any listener saw an event of the run).
   *
   * @param context the run
   * @return the parent context
   */
  public Context parentFor(RunContext context) {
    return Context.current().with(run(context, null).span);
  }

  /** Why a run that did not start with its task links to the task's first span. */
  private static String linkReason(AgentEvent first) {
    return switch (first) {
      case AgentEvent.TaskStarted e -> null;
      case AgentEvent.TaskRecovered e -> "recovered_from_journal";
      default -> "resumed_after_review";
    };
  }

  private Run run(RunContext context, String linkReason) {
    Run run = runs.get(context.runId());
    return run != null
        ? run
        : runs.computeIfAbsent(context.runId(), id -> open(context, linkReason));
  }

  /**
   * Opens a run's span. A run that starts with its task ({@code TaskStarted}) is a first run: its
   * span is remembered for the task (at its second event). A run that starts otherwise was resumed
   * after a review ({@code ReviewDecided}) or continued from the task's journal ({@code
   * TaskRecovered}): its span links to the remembered one, giving the reason; a recovered run whose
   * task has none remembered (a new process, say) is remembered in its place, so that feedback on
   * the task still finds a span. Core announces a recovered run with {@code TaskStarted} before
   * {@code TaskRecovered}: such a run is opened as a first run and linked at its {@code
   * TaskRecovered} instead (see {@link #onEvent}).
   */
  private Run open(RunContext context, String linkReason) {
    String agent =
        settings.agentName().isEmpty() ? context.workflow().name() : settings.agentName();
    SpanBuilder builder =
        tracer
            .spanBuilder("invoke_agent " + agent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(OPERATION, "invoke_agent")
            .setAttribute(AGENT_NAME, agent)
            .setAttribute(TASK_ID, context.task().id())
            .setAttribute(RUN_ID, context.runId())
            .setAttribute(WORKFLOW, context.workflow().name());
    context.task().sessionId().ifPresent(s -> builder.setAttribute(CONVERSATION_ID, s));
    boolean remember = linkReason == null;
    if (linkReason != null) {
      Optional<SpanContext> first = links.get(context.task().id()).flatMap(RunTracer::parse);
      first.ifPresent(link -> builder.addLink(link, Attributes.of(LINK_REASON, linkReason)));
      remember = first.isEmpty() && linkReason.equals("recovered_from_journal");
    }
    Span span = builder.startSpan();
    return new Run(
        span,
        remember && span.getSpanContext().isValid() ? traceparent(span.getSpanContext()) : null);
  }

  @Override
  public void onEvent(AgentEvent event, RunContext context) {
    Run run = run(context, linkReason(event));
    String link = run.link;
    if (link != null && !(event instanceof AgentEvent.TaskStarted)) {
      run.link = null;
      if (event instanceof AgentEvent.TaskRecovered) {
        // Core announces a run continued from its journal with TaskStarted, then TaskRecovered:
        // the run was opened as a first run, and only now shows it is not one.
        recovered(run.span, context, link);
      } else if (!isDuplicate(event)) {
        links.put(context.task().id(), link);
      }
    }
    Span span = run.span;
    switch (event) {
      case AgentEvent.TaskFinished e -> finish(span, e, context);
      case AgentEvent.FallbackUsed e ->
          span.addEvent(
              "agentkeel.fallback",
              attributes()
                  .put("agentkeel.model.from", nonNull(e.from()))
                  .put("agentkeel.model.to", nonNull(e.to()))
                  .put("agentkeel.failure.kind", e.kind() == null ? "" : Names.lower(e.kind()))
                  .build());
      case AgentEvent.GuardDecision e -> {
        AttributesBuilder a =
            attributes()
                .put("agentkeel.guard", e.guard())
                .put("agentkeel.guard.subject", e.subject())
                .put("agentkeel.guard.action", Names.lower(e.action()))
                .put("agentkeel.guard.reason", e.reason());
        e.score().ifPresent(s -> a.put("agentkeel.guard.score", s));
        span.addEvent("agentkeel.guard_decision", a.build());
      }
      case AgentEvent.Routed e -> {
        AttributesBuilder a = attributes().put(ROUTE, Names.lower(e.route()));
        if (e.confidence() != null) {
          a.put(CONFIDENCE, e.confidence().value());
          if (settings.captureContent()) {
            a.put(REASONING_SUMMARY, e.confidence().summary());
          }
        }
        span.addEvent("agentkeel.routed", a.build());
      }
      case AgentEvent.ReviewDecided e ->
          span.addEvent(
              "agentkeel.review_decided",
              attributes()
                  .put("agentkeel.review.request_id", nonNull(e.reviewRequestId()))
                  .put("agentkeel.review.verdict", nonNull(e.verdict()))
                  .build());
      case AgentEvent.RetryScheduled e ->
          span.addEvent(
              "agentkeel.retry", attributes().put("agentkeel.retry.attempt", e.attempt()).build());
      case AgentEvent.LimitReached e ->
          span.addEvent(
              "agentkeel.limit_reached",
              attributes()
                  .put("agentkeel.limit", Names.lower(e.limit()))
                  .put("agentkeel.limit.detail", e.detail())
                  .build());
      case AgentEvent.RateLimitHit e ->
          span.addEvent(
              "agentkeel.rate_limited",
              attributes()
                  .put("agentkeel.rate_limit.kind", Names.lower(e.kind()))
                  .put("agentkeel.rate_limit.name", e.name())
                  .put("agentkeel.rate_limit.retry_after_ms", e.retryAfter().toMillis())
                  .build());
      case AgentEvent.ToolFailed e ->
          span.addEvent(
              "agentkeel.tool_failed",
              attributes()
                  // Named as the model gave it: the tool may not exist, the name is its text.
                  .put(TOOL_NAME, nonNull(filter.apply(e.tool(), OutputChannel.EVENT, context)))
                  .put("agentkeel.tool.failure", Names.lower(e.kind()))
                  .build());
      default -> {}
    }
  }

  /**
   * A run opened at its {@code TaskStarted} turned out to continue its task from the journal: its
   * span links to the task's first span, or, when none is stored, takes its place.
   */
  private void recovered(Span span, RunContext context, String link) {
    Optional<SpanContext> first = links.get(context.task().id()).flatMap(RunTracer::parse);
    if (first.isPresent()) {
      span.addLink(first.get(), Attributes.of(LINK_REASON, "recovered_from_journal"));
    } else {
      links.put(context.task().id(), link);
    }
  }

  private void finish(Span span, AgentEvent.TaskFinished e, RunContext context) {
    runs.remove(context.runId());
    span.setAttribute(OUTCOME, Names.outcome(e.outcome()));
    if (e.tokens() != null) {
      span.setAttribute(INPUT_TOKENS, e.tokens().input());
      span.setAttribute(OUTPUT_TOKENS, e.tokens().output());
    }
    switch (e.outcome()) {
      case Outcome.Failed f -> {
        span.setAttribute(ERROR_TYPE, Names.lower(f.category()));
        span.setStatus(StatusCode.ERROR, Names.lower(f.category()));
      }
      case Outcome.InReview r ->
          span.addEvent(
              "agentkeel.review_requested",
              attributes()
                  .put("agentkeel.review.request_id", r.request().id())
                  .put("agentkeel.review.kind", Names.lower(r.request().kind()))
                  .build());
      case Outcome.Escalated r ->
          span.addEvent(
              "agentkeel.escalated",
              attributes()
                  .put("agentkeel.review.request_id", r.request().id())
                  .put("agentkeel.review.priority", Names.lower(r.request().priority()))
                  .build());
      default -> {}
    }
    span.end();
  }

  /**
   * Whether the event says its run was refused as a second run of a task in flight.
   *
   * @param event the event
   * @return true for {@code LimitReached} of {@code DUPLICATE_TASK}
   */
  public static boolean isDuplicate(AgentEvent event) {
    return event instanceof AgentEvent.LimitReached e
        && e.limit() == AgentEvent.Limit.DUPLICATE_TASK;
  }

  /** Ends every span still open, marking it unfinished; for the agent's close. */
  public void endAll() {
    for (String runId : runs.keySet()) {
      Run run = runs.remove(runId);
      if (run != null) {
        run.span.setAttribute(OUTCOME, "unfinished");
        run.span.end();
      }
    }
  }

  private static AttributesBuilder attributes() {
    return Attributes.builder();
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  /**
   * A span context as a W3C {@code traceparent}.
   *
   * @param context the span context
   * @return the header value
   */
  public static String traceparent(SpanContext context) {
    return "00-"
        + context.getTraceId()
        + "-"
        + context.getSpanId()
        + "-"
        + context.getTraceFlags().asHex();
  }

  /**
   * Reads a W3C {@code traceparent}.
   *
   * @param traceparent the header value
   * @return the span context, or empty if malformed
   */
  public static Optional<SpanContext> parse(String traceparent) {
    // The value comes from a store the application may share: anything malformed, empty.
    String[] parts = traceparent.split("-");
    if (parts.length != 4 || !TRACE_FLAGS.matcher(parts[3]).matches()) {
      return Optional.empty();
    }
    SpanContext context =
        SpanContext.createFromRemoteParent(
            parts[1], parts[2], TraceFlags.fromHex(parts[3], 0), TraceState.getDefault());
    return context.isValid() ? Optional.of(context) : Optional.empty();
  }
}
