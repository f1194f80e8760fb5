package io.agentkeel.observability.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.observability.DecisionLog;
import io.agentkeel.observability.DecisionLogSettings;
import io.agentkeel.observability.ErrorCategory;
import io.agentkeel.observability.Rating;
import io.opentelemetry.api.trace.SpanContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every event as one JSON line, the schema of {@link DecisionLog#SCHEMA_RESOURCE}, to the
 * logger {@link DecisionLog#LOGGER_NAME} at INFO. Text fields of events were filtered by the agent
 * already; the filters given here run again over them and over what the agent does not filter
 * (principal ids, feedback comments).
 */
public final class DecisionLogWriter implements AgentEventListener {

  private final Logger log;
  private final DecisionLogSettings settings;
  private final TextFilter filter;
  private final SpanLookup spans;
  private final OfferedTools offeredTools;
  private final Set<String> resumedRuns = ConcurrentHashMap.newKeySet();
  private final Map<String, String> reviewers = new ConcurrentHashMap<>();
  // The fields every line of a run repeats, written once per run: a line costs less to build.
  private final Map<String, RunFields> runFields = new ConcurrentHashMap<>();
  private final IsoInstant timestamps = new IsoInstant();

  /**
   * Creates the writer.
   *
   * @param settings the settings
   * @param filter filters run over every text field
   * @param spans finds a run's span, for trace and span ids
   * @param offeredTools the tools each workflow offers
   */
  public DecisionLogWriter(
      DecisionLogSettings settings,
      TextFilter filter,
      SpanLookup spans,
      OfferedTools offeredTools) {
    this(LoggerFactory.getLogger(DecisionLog.LOGGER_NAME), settings, filter, spans, offeredTools);
  }

  DecisionLogWriter(
      Logger log,
      DecisionLogSettings settings,
      TextFilter filter,
      SpanLookup spans,
      OfferedTools offeredTools) {
    this.log = log;
    this.settings = settings;
    this.filter = filter;
    this.spans = spans;
    this.offeredTools = offeredTools;
  }

  @Override
  public void onEvent(AgentEvent event, RunContext context) {
    write(capture(event, context));
  }

  /**
   * What a line needs from the moment of the event: the event, its run, whether the run was a
   * resume, the run's span while it is still open, and (when identities are hashed or omitted) the
   * reviewer who decided the run, or null.
   */
  record Entry(
      AgentEvent event,
      RunContext context,
      boolean resumed,
      Optional<SpanContext> span,
      String reviewer) {}

  /**
   * Takes what must be read when the event happens; cheap, on the task's thread.
   *
   * @param event the event
   * @param context its run
   * @return the entry to {@link #write}
   */
  Entry capture(AgentEvent event, RunContext context) {
    if (event instanceof AgentEvent.ReviewDecided) {
      resumedRuns.add(context.runId());
    }
    boolean resumed =
        event instanceof AgentEvent.TaskFinished && resumedRuns.remove(context.runId());
    String reviewer = null;
    if (settings.principal() != DecisionLogSettings.PrincipalField.ID) {
      // The reviewer's id may be quoted in the resumed run's texts ("rejected by ..."): it is
      // kept for the run, to be hidden there as the setting hides identities.
      if (event instanceof AgentEvent.ReviewDecided d && d.reviewer() != null) {
        reviewers.put(context.runId(), d.reviewer());
      }
      reviewer =
          event instanceof AgentEvent.TaskFinished
              ? reviewers.remove(context.runId())
              : reviewers.get(context.runId());
    }
    return new Entry(event, context, resumed, spans.spanOf(context.runId()), reviewer);
  }

  /**
   * Formats and logs one captured event. Entries of one run must be written in their order.
   *
   * @param entry the entry
   */
  void write(Entry entry) {
    write(entry, new StringBuilder(640));
  }

  /**
   * Formats and logs one captured event, building the line in a buffer the caller reuses.
   *
   * @param entry the entry
   * @param scratch emptied and used to build the line; one thread's at a time
   */
  void write(Entry entry, StringBuilder scratch) {
    try {
      if (log.isInfoEnabled()) {
        scratch.setLength(0);
        log.info(line(entry, scratch));
      }
    } finally {
      if (entry.event() instanceof AgentEvent.TaskFinished) {
        runFields.remove(entry.context().runId());
      }
    }
  }

  /**
   * Writes a feedback line.
   *
   * @param taskId the task rated
   * @param at when
   * @param rating the rating
   * @param comment the comment, if any
   * @param context the task's latest run, if still known
   * @param span the task's first span, if known
   */
  public void feedback(
      String taskId,
      Instant at,
      Rating rating,
      Optional<String> comment,
      Optional<RunContext> context,
      Optional<SpanContext> span) {
    if (!log.isInfoEnabled()) {
      return;
    }
    RunContext run = context.orElse(null);
    Json.ObjectWriter w =
        new Json.ObjectWriter()
            .string("schema", DecisionLog.SCHEMA_ID)
            .string("ts", at.toString())
            .string("event", "feedback")
            .string("action", "feedback_" + rating.tag())
            .string("task_id", taskId)
            .string("run_id", run == null ? "" : run.runId())
            .string("workflow", run == null ? DecisionLog.UNKNOWN_WORKFLOW : run.workflow().name());
    if (run != null) {
      principal(w, run);
    }
    span.ifPresent(s -> w.string("trace_id", s.getTraceId()).string("span_id", s.getSpanId()));
    w.string("rating", rating.tag());
    if (comment.isPresent()) {
      // A comment is what a user typed: it is written only when filters can clean it.
      if (settings.includeComments() && !filter.isEmpty() && run != null) {
        // It may quote the principal's id, which the setting may hash or omit.
        w.string("comment", text(comment.get(), run, identities(run, null)));
      }
      w.number("comment_chars", comment.get().length());
    }
    log.info(w.end());
  }

  private String line(Entry entry, StringBuilder scratch) {
    AgentEvent event = entry.event();
    RunContext context = entry.context();
    boolean resumed = entry.resumed();
    Identities ids = identities(context, entry.reviewer());
    // What lines share is appended as made once: the head per event type, the run's fields (and
    // its span's ids) per run. Constants, enum names and hex ids go in plain; only free text is
    // scanned for escapes.
    scratch.append(LineHeads.OPENING);
    timestamps.formatTo(scratch, event.at());
    LineHeads.appendAfterTimestamp(scratch, event);
    Json.ObjectWriter w = Json.ObjectWriter.continuing(scratch);
    SpanContext span = entry.span().orElse(null);
    if (event.taskId().equals(context.task().id())) {
      RunFields run = runFields.get(context.runId());
      // No span while the run's fields are known: tracing ended the run's span before this line
      // (its TaskFinished), which still belongs to that span.
      if (run == null || (span != null && !run.isFor(span))) {
        run = new RunFields(runFields(context), span);
        runFields.put(context.runId(), run);
      }
      w.fields(run.json());
    } else {
      w.fields(runFields(context)).string("task_id", event.taskId());
      if (span != null) {
        w.plain("trace_id", span.getTraceId()).plain("span_id", span.getSpanId());
      }
    }
    ErrorCategory.of(event).ifPresent(c -> w.plain("error", c.tag()));
    switch (event) {
      case AgentEvent.TaskStarted e ->
          w.strings("tools_offered", offeredTools.of(context.workflow()));
      case AgentEvent.TaskFinished e -> {
        w.plain("outcome", Names.outcome(e.outcome()));
        latency(w, e.latency());
        tokens(w, e.tokens());
        w.number("steps", e.steps());
        w.bool("resumed", resumed);
        switch (e.outcome()) {
          case Outcome.Failed f -> w.plain("failure", Names.lower(f.category()));
          case Outcome.InReview r -> w.string("review_request_id", r.request().id());
          case Outcome.Escalated r -> w.string("review_request_id", r.request().id());
          default -> {}
        }
        w.string("reason", text(e.outcome().describe(), context, ids));
      }
      case AgentEvent.ModelCalled e -> {
        w.string("model", e.model()).number("step", e.step());
        latency(w, e.latency());
        e.tokens().ifPresent(t -> tokens(w, t));
      }
      case AgentEvent.ModelFailed e -> {
        w.string("model", e.model());
        if (e.kind() != null) {
          w.plain("kind", Names.lower(e.kind()));
        }
        w.string("reason", text(e.reason(), context, ids));
        latency(w, e.latency());
      }
      case AgentEvent.FallbackUsed e -> {
        w.string("from_model", e.from()).string("model", e.to());
        if (e.kind() != null) {
          w.plain("kind", Names.lower(e.kind()));
        }
      }
      case AgentEvent.ToolCalled e -> {
        w.string("tool", e.tool()).plain("result", "success");
        latency(w, e.latency());
        arguments(w, e.argumentsJson(), context, ids);
      }
      case AgentEvent.ToolFailed e -> {
        w.string("tool", text(e.tool(), context, ids)).plain("result", Names.lower(e.kind()));
        w.string("reason", text(e.reason(), context, ids));
        latency(w, e.latency());
        arguments(w, e.argumentsJson(), context, ids);
      }
      case AgentEvent.GuardDecision e -> {
        w.string("guard", e.guard())
            .string("subject", text(e.subject(), context, ids))
            .plain("result", Names.lower(e.action()))
            .string("reason", text(e.reason(), context, ids));
        e.score().ifPresent(s -> w.number("score", s));
      }
      case AgentEvent.RateLimitHit e -> {
        w.plain("kind", Names.lower(e.kind()))
            .string("name", e.name())
            .number("cost", e.cost())
            .number("retry_after_ms", millis(e.retryAfter()))
            .string("reason", text(e.reason(), context, ids));
        if (e.kind() == io.agentkeel.api.RateLimitKind.TOOL_CALL) {
          w.string("tool", e.name());
        }
      }
      case AgentEvent.ToolIntended e -> {
        w.string("tool", e.tool())
            // The model chose this id: it is free text like any other.
            .string("call_id", text(e.callId(), context, ids))
            .plain("side_effect", Names.lower(e.sideEffect()));
        arguments(w, e.argumentsJson(), context, ids);
      }
      case AgentEvent.LimitReached e ->
          w.plain("limit", Names.lower(e.limit())).string("detail", text(e.detail(), context, ids));
      case AgentEvent.ContextAssembled e -> {
        w.number("estimated_tokens", e.estimatedTokens()).number("token_budget", e.tokenBudget());
        w.strings("omitted", texts(e.omitted(), context, ids));
      }
      case AgentEvent.RetryScheduled e -> {
        w.number("attempt", e.attempt());
        w.strings("reasons", texts(e.reasons(), context, ids));
      }
      case AgentEvent.Routed e -> {
        w.plain("route", Names.lower(e.route()));
        if (e.confidence() != null) {
          w.number("confidence", e.confidence().value())
              .string("reasoning_summary", text(e.confidence().summary(), context, ids));
        }
        w.number("threshold_auto_complete", context.workflow().thresholds().autoComplete())
            .number("threshold_review", context.workflow().thresholds().review());
      }
      case AgentEvent.ReviewDecided e -> {
        w.string("review_request_id", e.reviewRequestId()).string("verdict", e.verdict());
        person(w, "reviewer", e.reviewer(), context);
      }
      case AgentEvent.TaskRecovered e ->
          w.number("journal_records", e.journalRecords()).bool("takeover", e.takeover());
      case AgentEvent.MayHaveRun e -> w.string("tool", e.tool());
    }
    return w.end();
  }

  /** A run's fields as JSON, with its span's trace and span ids when the line has them. */
  private record RunFields(String json, String spanId) {
    RunFields(String fields, SpanContext span) {
      this(
          span == null
              ? fields
              : fields
                  + ",\"trace_id\":\""
                  + span.getTraceId()
                  + "\",\"span_id\":\""
                  + span.getSpanId()
                  + '"',
          span == null ? null : span.getSpanId());
    }

    boolean isFor(SpanContext span) {
      return span == null ? spanId == null : span.getSpanId().equals(spanId);
    }
  }

  private String runFields(RunContext context) {
    Json.ObjectWriter w =
        new Json.ObjectWriter()
            .string("task_id", context.task().id())
            .string("run_id", context.runId())
            .string("workflow", context.workflow().name());
    principal(w, context);
    return w.fieldsSoFar();
  }

  private void principal(Json.ObjectWriter w, RunContext context) {
    person(w, "principal", context.principal().id(), context);
    w.string("tenant", text(context.tenant(), context));
  }

  private void person(Json.ObjectWriter w, String field, String id, RunContext context) {
    if (id == null) {
      return;
    }
    switch (settings.principal()) {
      case ID -> w.string(field, text(id, context));
      case HASHED -> w.string(field, hash(id));
      case OMITTED -> {}
    }
  }

  private void arguments(Json.ObjectWriter w, String json, RunContext context, Identities ids) {
    if (settings.includeArguments() && json != null) {
      w.string("arguments", text(json, context, ids));
    }
  }

  private String text(String value, RunContext context) {
    return filter.apply(value, OutputChannel.EVENT, context);
  }

  private String text(String value, RunContext context, Identities ids) {
    return ids.hide(text(value, context));
  }

  private List<String> texts(List<String> values, RunContext context, Identities ids) {
    return filter.isEmpty() && ids == Identities.NONE
        ? values
        : values.stream().map(v -> text(v, context, ids)).toList();
  }

  private Identities identities(RunContext context, String reviewer) {
    return switch (settings.principal()) {
      case ID -> Identities.NONE;
      case HASHED -> new Identities(context.principal().id(), reviewer, DecisionLogWriter::hash);
      case OMITTED -> new Identities(context.principal().id(), reviewer, id -> OMITTED_ID);
    };
  }

  /** What an identity quoted in a text becomes when the setting omits identities. */
  static final String OMITTED_ID = "[omitted]";

  /**
   * The identities of a run (its principal, the reviewer who decided it) that texts must not show
   * when the setting hashes or omits them: core's texts may quote them ("reviewer ... rejected the
   * answer"). An id is replaced where it stands as a whole word, and only from three characters on:
   * a shorter one would be found inside ordinary words.
   */
  record Identities(String principal, String reviewer, UnaryOperator<String> replacement) {
    static final Identities NONE = new Identities(null, null, UnaryOperator.identity());

    String hide(String text) {
      if (this == NONE || text == null) {
        return text;
      }
      return hide(hide(text, principal), reviewer);
    }

    private String hide(String text, String id) {
      if (id == null || id.length() < 3 || !text.contains(id)) {
        return text;
      }
      return Pattern.compile(
              "(?<![\\p{L}\\p{N}._@-])" + Pattern.quote(id) + "(?![\\p{L}\\p{N}_@-])")
          .matcher(text)
          .replaceAll(Matcher.quoteReplacement(replacement.apply(id)));
    }
  }

  private static void latency(Json.ObjectWriter w, Duration latency) {
    if (latency != null) {
      w.millis("latency_ms", latency.toNanos());
    }
  }

  private static long millis(Duration d) {
    return d.toMillis();
  }

  private static void tokens(Json.ObjectWriter w, TokenUsage tokens) {
    if (tokens != null) {
      w.number("tokens_input", tokens.input()).number("tokens_output", tokens.output());
    }
  }

  static String hash(String id) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
