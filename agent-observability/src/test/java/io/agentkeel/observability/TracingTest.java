package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.ModelCallInfo;
import io.agentkeel.api.ModelCallResult;
import io.agentkeel.api.ModelFailureKind;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.Route;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.api.ToolCallInfo;
import io.agentkeel.api.ToolCallResult;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans from hand-driven events and interceptors; {@code AgentTracingTest} runs an agent. */
class TracingTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder().setTracerProvider(provider).build();

  @AfterEach
  void close() {
    sdk.close();
  }

  private Observability observability(boolean captureContent) {
    return Observability.builder()
        .meterRegistry(new SimpleMeterRegistry())
        .openTelemetry(sdk)
        .tracing(new TracingSettings(true, captureContent, ""))
        .outputFilters(List.of(new Events.EmailFilter()))
        .build();
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
  }

  private static List<String> eventNames(SpanData span) {
    return span.getEvents().stream().map(EventData::getName).toList();
  }

  @Test
  void oneAgentSpanPerRunWithChatAndToolChildrenAndAResumeLink() throws Exception {
    Observability o = observability(false);
    RunContext first = Events.run("t-1", Events.ORDERS);
    o.listener().onEvent(new AgentEvent.TaskStarted("t-1", Events.AT, "orders", "alice"), first);
    ModelCallInfo call = new ModelCallInfo("primary", "openai", Optional.of("gpt-4o"), 1, 1, 3);
    o.modelCalls()
        .intercept(
            call,
            first,
            () ->
                new ModelCallResult(
                    Optional.of("gpt-4o-2024-08-06"), Optional.of(new TokenUsage(120, 30)), 1));
    assertThatThrownBy(() ->
            o.modelCalls()
                .intercept(
                    new ModelCallInfo("backup", "ollama", Optional.empty(), 2, 2, 3),
                    first,
                    () -> {
                      throw new java.io.IOException("connection refused");
                    }))
        .isInstanceOf(java.io.IOException.class);
    long[] toolRun = new long[2];
    ToolCallResult result =
        o.toolCalls()
            .intercept(
                new ToolCallInfo("lookup_order", "call_1", SideEffect.READ_ONLY, "{}"),
                first,
                () -> {
                  toolRun[0] = System.nanoTime();
                  Thread.sleep(40);
                  toolRun[1] = System.nanoTime();
                  return new ToolCallResult("shipped");
                });
    assertThat(result.text()).isEqualTo("shipped");
    assertThatThrownBy(() ->
            o.toolCalls()
                .intercept(
                    new ToolCallInfo("refund", "call_2", SideEffect.WRITE, "{}"),
                    first,
                    () -> {
                      throw new ToolException("refund service down", "HTTP 503", true, null);
                    }))
        .isInstanceOf(ToolException.class);
    o.listener()
        .onEvent(
            new AgentEvent.FallbackUsed(
                "t-1", Events.AT, "primary", "backup", ModelFailureKind.SERVER_ERROR),
            first);
    o.listener()
        .onEvent(
            new AgentEvent.GuardDecision(
                "t-1",
                Events.AT,
                "injection",
                "tool_result:lookup_order",
                AgentEvent.GuardAction.FLAGGED,
                "odd",
                Optional.of(0.4)),
            first);
    o.listener()
        .onEvent(
            new AgentEvent.Routed("t-1", Events.AT, new Confidence(0.6, "unsure"), Route.REVIEW),
            first);
    o.listener()
        .onEvent(
            new AgentEvent.TaskFinished(
                "t-1",
                Events.AT,
                new Outcome.InReview(Events.review(first, ReviewKind.ANSWER, Priority.NORMAL)),
                Duration.ofMillis(80),
                new TokenUsage(120, 30),
                2),
            first);

    List<SpanData> firstSpans = exporter.getFinishedSpanItems();
    assertThat(firstSpans).hasSize(5);
    SpanData agent = named(firstSpans, "invoke_agent orders");
    assertThat(agent.getParentSpanContext().isValid()).isFalse();
    assertThat(agent.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(agent.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
        .isEqualTo("invoke_agent");
    assertThat(agent.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.name")))
        .isEqualTo("orders");
    assertThat(agent.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(120);
    assertThat(agent.getAttributes().get(AttributeKey.stringKey("agentkeel.outcome")))
        .isEqualTo("in_review");
    assertThat(eventNames(agent))
        .containsExactly(
            "agentkeel.fallback",
            "agentkeel.guard_decision",
            "agentkeel.routed",
            "agentkeel.review_requested");
    assertThat(agent.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

    SpanData chat = named(firstSpans, "chat gpt-4o");
    assertThat(chat.getParentSpanId()).isEqualTo(agent.getSpanId());
    assertThat(chat.getTraceId()).isEqualTo(agent.getTraceId());
    assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
    var a = chat.getAttributes();
    assertThat(a.get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
    assertThat(a.get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("openai");
    assertThat(a.get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o");
    assertThat(a.get(AttributeKey.stringKey("gen_ai.response.model")))
        .isEqualTo("gpt-4o-2024-08-06");
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(120);
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(30);

    SpanData failedChat = named(firstSpans, "chat backup");
    assertThat(failedChat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failedChat.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("java.io.IOException");
    assertThat(failedChat.getEvents()).as("no exception message on the span").isEmpty();

    SpanData tool = named(firstSpans, "execute_tool lookup_order");
    assertThat(tool.getParentSpanId()).isEqualTo(agent.getSpanId());
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
        .isEqualTo("lookup_order");
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.id")))
        .isEqualTo("call_1");
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.arguments")))
        .as("content capture is off")
        .isNull();
    assertThat(tool.getEndEpochNanos() - tool.getStartEpochNanos())
        .as("the span covers the tool's own run time")
        .isGreaterThanOrEqualTo(toolRun[1] - toolRun[0])
        .isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());

    SpanData failedTool = named(firstSpans, "execute_tool refund");
    assertThat(failedTool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failedTool.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo(ToolException.class.getName());

    // The task resumes after review in a new run: a new trace, linked to the first run's span.
    exporter.reset();
    RunContext resumed = Events.run("t-1", Events.ORDERS);
    o.listener()
        .onEvent(
            new AgentEvent.ReviewDecided("t-1", Events.AT, "review-t-1", "bob", "approve"),
            resumed);
    o.listener()
        .onEvent(
            new AgentEvent.TaskFinished(
                "t-1", Events.AT, new Outcome.Completed(), Duration.ZERO, TokenUsage.ZERO, 0),
            resumed);
    SpanData second = named(exporter.getFinishedSpanItems(), "invoke_agent orders");
    assertThat(second.getSpanId()).isNotEqualTo(agent.getSpanId());
    assertThat(second.getLinks()).hasSize(1);
    assertThat(second.getLinks().get(0).getSpanContext().getSpanId()).isEqualTo(agent.getSpanId());
    assertThat(second.getLinks().get(0).getSpanContext().getTraceId())
        .isEqualTo(agent.getTraceId());
    assertThat(eventNames(second)).containsExactly("agentkeel.review_decided");
    assertThat(second.getAttributes().get(AttributeKey.stringKey("agentkeel.run.id")))
        .isEqualTo(resumed.runId());

    // Feedback lands in the task's trace, linked to its first span.
    exporter.reset();
    o.feedback().thumbsDown("t-1", "late");
    SpanData feedback = named(exporter.getFinishedSpanItems(), "agentkeel.feedback");
    assertThat(feedback.getTraceId()).isEqualTo(agent.getTraceId());
    assertThat(feedback.getParentSpanId()).isEqualTo(agent.getSpanId());
    assertThat(feedback.getLinks().get(0).getSpanContext().getSpanId())
        .isEqualTo(agent.getSpanId());
    assertThat(feedback.getAttributes().get(AttributeKey.stringKey("agentkeel.feedback.rating")))
        .isEqualTo("down");
  }

  @Test
  void aFailedTaskMarksItsSpanWithTheErrorType() {
    Observability o = observability(false);
    RunContext run = Events.run("t-2", Events.ORDERS);
    o.listener().onEvent(new AgentEvent.TaskStarted("t-2", Events.AT, "orders", "alice"), run);
    o.listener()
        .onEvent(
            new AgentEvent.TaskFinished(
                "t-2",
                Events.AT,
                new Outcome.Failed(FailureCategory.MODEL_UNAVAILABLE, "all models failed"),
                Duration.ZERO,
                TokenUsage.ZERO,
                0),
            run);
    SpanData span = named(exporter.getFinishedSpanItems(), "invoke_agent orders");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("model_unavailable");
    assertThat(span.getLinks()).isEmpty();
  }

  @Test
  void contentIsCapturedOnlyWhenOnAndThenFiltered() throws Exception {
    Observability o = observability(true);
    RunContext run = Events.run("t-3", Events.ORDERS);
    o.listener().onEvent(new AgentEvent.TaskStarted("t-3", Events.AT, "orders", "alice"), run);
    // The content recorder sits inside the tracing interceptor, as install() registers them.
    var recorder =
        new io.agentkeel.observability.internal.ToolContentRecorder(
            List.<io.agentkeel.api.OutputFilter>of(new Events.EmailFilter()));
    ToolCallInfo info =
        new ToolCallInfo("find_customer", "call_9", SideEffect.READ_ONLY, "{\"id\":7}");
    o.toolCalls()
        .intercept(
            info,
            run,
            () ->
                recorder.intercept(
                    info, run, () -> new ToolCallResult("customer ivy@example.com, Berlin")));
    o.listener()
        .onEvent(
            new AgentEvent.Routed(
                "t-3", Events.AT, new Confidence(0.9, "found the customer"), Route.AUTO_COMPLETE),
            run);
    o.listener()
        .onEvent(
            new AgentEvent.TaskFinished(
                "t-3", Events.AT, new Outcome.Completed(), Duration.ZERO, TokenUsage.ZERO, 1),
            run);
    SpanData tool = named(exporter.getFinishedSpanItems(), "execute_tool find_customer");
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.arguments")))
        .isEqualTo("{\"id\":7}");
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.result")))
        .isEqualTo("customer [email], Berlin");
    SpanData agent = named(exporter.getFinishedSpanItems(), "invoke_agent orders");
    assertThat(
            agent
                .getEvents()
                .get(0)
                .getAttributes()
                .get(AttributeKey.stringKey("agentkeel.reasoning_summary")))
        .isEqualTo("found the customer");
  }

  @Test
  void aTaskIdStartedAgainIsANewTaskNotAResume() {
    Observability o = observability(false);
    for (int i = 0; i < 2; i++) {
      RunContext run = Events.run("same-id", Events.ORDERS);
      o.listener()
          .onEvent(new AgentEvent.TaskStarted("same-id", Events.AT, "orders", "alice"), run);
      o.listener()
          .onEvent(
              new AgentEvent.TaskFinished(
                  "same-id", Events.AT, new Outcome.Completed(), Duration.ZERO, TokenUsage.ZERO, 0),
              run);
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(2);
    assertThat(spans).allSatisfy(s -> assertThat(s.getLinks()).isEmpty());
    // A resume after the second run links to the second run, the task's latest first run.
    RunContext resumed = Events.run("same-id", Events.ORDERS);
    o.listener()
        .onEvent(
            new AgentEvent.ReviewDecided("same-id", Events.AT, "r", "bob", "approve"), resumed);
    o.listener()
        .onEvent(
            new AgentEvent.TaskFinished(
                "same-id", Events.AT, new Outcome.Completed(), Duration.ZERO, TokenUsage.ZERO, 0),
            resumed);
    SpanData third = exporter.getFinishedSpanItems().get(2);
    assertThat(third.getLinks().get(0).getSpanContext().getSpanId())
        .isEqualTo(spans.get(1).getSpanId());
  }

  @Test
  void aRecoveredRunLinksToItsFirstRunAsRecoveredOrTakesItsPlace() {
    Observability o = observability(false);
    // A new process: the task's first run was elsewhere, nothing is stored for it.
    RunContext recovered = Events.run("t-rec", Events.ORDERS);
    o.listener()
        .onEvent(new AgentEvent.TaskRecovered("t-rec", Events.AT, "orders", 4, false), recovered);
    o.listener()
        .onEvent(
            new AgentEvent.TaskFinished(
                "t-rec", Events.AT, new Outcome.Completed(), Duration.ZERO, TokenUsage.ZERO, 1),
            recovered);
    SpanData recoveredSpan = exporter.getFinishedSpanItems().get(0);
    assertThat(recoveredSpan.getLinks()).isEmpty();
    // Before: the recovered run was never stored, so feedback on the task had no span to link.
    o.feedback().thumbsUp("t-rec");
    SpanData feedback = named(exporter.getFinishedSpanItems(), "agentkeel.feedback");
    assertThat(feedback.getLinks())
        .singleElement()
        .satisfies(
            l -> assertThat(l.getSpanContext().getSpanId()).isEqualTo(recoveredSpan.getSpanId()));

    // Recovered where its first run is known: linked, as recovered rather than as resumed.
    RunContext first = Events.run("t-rec2", Events.ORDERS);
    o.listener().onEvent(new AgentEvent.TaskStarted("t-rec2", Events.AT, "orders", "alice"), first);
    o.listener()
        .onEvent(new AgentEvent.ContextAssembled("t-rec2", Events.AT, 1, 100, List.of()), first);
    o.listener()
        .onEvent(
            new AgentEvent.TaskFinished(
                "t-rec2", Events.AT, new Outcome.Completed(), Duration.ZERO, TokenUsage.ZERO, 1),
            first);
    RunContext again = Events.run("t-rec2", Events.ORDERS);
    o.listener()
        .onEvent(new AgentEvent.TaskRecovered("t-rec2", Events.AT, "orders", 2, true), again);
    o.listener()
        .onEvent(
            new AgentEvent.TaskFinished(
                "t-rec2", Events.AT, new Outcome.Completed(), Duration.ZERO, TokenUsage.ZERO, 1),
            again);
    List<SpanData> spans =
        exporter.getFinishedSpanItems().stream()
            .filter(s ->
                "t-rec2".equals(s.getAttributes().get(AttributeKey.stringKey("agentkeel.task.id"))))
            .toList();
    assertThat(spans).hasSize(2);
    assertThat(spans.get(1).getLinks())
        .singleElement()
        .satisfies(l -> {
          assertThat(l.getSpanContext().getSpanId()).isEqualTo(spans.get(0).getSpanId());
          assertThat(l.getAttributes().get(AttributeKey.stringKey("agentkeel.link.reason")))
              .isEqualTo("recovered_from_journal");
        });
  }

  @Test
  void closingEndsSpansOfRunsStillOpen() {
    Observability o = observability(false);
    RunContext run = Events.run("t-4", Events.ORDERS);
    o.listener().onEvent(new AgentEvent.TaskStarted("t-4", Events.AT, "orders", "alice"), run);
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
    o.listener().close();
    assertThat(
            named(exporter.getFinishedSpanItems(), "invoke_agent orders")
                .getAttributes()
                .get(AttributeKey.stringKey("agentkeel.outcome")))
        .isEqualTo("unfinished");
  }

  @Test
  void aToolNameTheModelMadeUpReachesTheSpanOnlyThroughTheOutputFilters() {
    // A failed call's tool is named as the model gave it (core only escapes control
    // characters): a prompt-injected model can put personal data there. The decision log runs
    // the output filters over it; the span event must too.
    Observability o = observability(false);
    RunContext run = Events.run("t-made-up", Events.ORDERS);
    o.listener()
        .onEvent(new AgentEvent.TaskStarted("t-made-up", Events.AT, "orders", "alice"), run);
    o.listener()
        .onEvent(
            new AgentEvent.ToolFailed(
                "t-made-up",
                Events.AT,
                "mail_mallory@example.com",
                "{}",
                ToolFailureKind.UNKNOWN_TOOL,
                "there is no such tool",
                Duration.ZERO),
            run);
    o.listener()
        .onEvent(
            new AgentEvent.TaskFinished(
                "t-made-up", Events.AT, new Outcome.Completed(), Duration.ZERO, TokenUsage.ZERO, 1),
            run);
    SpanData agent = named(exporter.getFinishedSpanItems(), "invoke_agent orders");
    EventData failed =
        agent.getEvents().stream()
            .filter(e -> e.getName().equals("agentkeel.tool_failed"))
            .findFirst()
            .orElseThrow();
    assertThat(failed.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
        .isEqualTo("[email]");
  }

  @Test
  void aDuplicateRefusedWhileTheTaskIsInFlightDoesNotBecomeItsFirstRun() {
    // Core refuses a second run of a task id in flight with TaskStarted, LimitReached
    // (duplicate_task) and TaskFinished: a client's retry, a redelivered message. The task's
    // first run is still the one in flight: its resume and its feedback link there, and the
    // feedback counts under its workflow and principal, not the refused duplicate's.
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Observability o =
        Observability.builder()
            .meterRegistry(registry)
            .openTelemetry(sdk)
            .tracing(new TracingSettings(true, false, ""))
            .build();
    RunContext first = Events.run("t-dup", Events.ORDERS);
    o.listener().onEvent(new AgentEvent.TaskStarted("t-dup", Events.AT, "orders", "alice"), first);
    RunContext duplicate = Events.run("t-dup", Events.SUPPORT, "mallory");
    o.listener()
        .onEvent(new AgentEvent.TaskStarted("t-dup", Events.AT, "support", "mallory"), duplicate);
    o.listener()
        .onEvent(
            new AgentEvent.LimitReached(
                "t-dup", Events.AT, AgentEvent.Limit.DUPLICATE_TASK, "already in flight"),
            duplicate);
    Outcome refused = new Outcome.Failed(FailureCategory.INVALID_TASK, "already in flight");
    o.listener()
        .onEvent(
            new AgentEvent.TaskFinished("t-dup", Events.AT, refused, Duration.ZERO, null, 0),
            duplicate);
    o.listener()
        .onEvent(
            new AgentEvent.TaskFinished(
                "t-dup",
                Events.AT,
                new Outcome.InReview(Events.review(first, ReviewKind.ANSWER, Priority.NORMAL)),
                Duration.ZERO,
                TokenUsage.ZERO,
                1),
            first);
    RunContext resumed = Events.run("t-dup", Events.ORDERS);
    o.listener()
        .onEvent(
            new AgentEvent.ReviewDecided("t-dup", Events.AT, "review-t-dup", "bob", "approve"),
            resumed);
    o.listener()
        .onEvent(
            new AgentEvent.TaskFinished(
                "t-dup", Events.AT, new Outcome.Completed(), Duration.ZERO, TokenUsage.ZERO, 0),
            resumed);
    o.feedback().thumbsUp("t-dup");
    o.listener().flush();

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData firstSpan =
        spans.stream()
            .filter(s ->
                first
                    .runId()
                    .equals(s.getAttributes().get(AttributeKey.stringKey("agentkeel.run.id"))))
            .findFirst()
            .orElseThrow();
    SpanData resumedSpan =
        spans.stream()
            .filter(s ->
                resumed
                    .runId()
                    .equals(s.getAttributes().get(AttributeKey.stringKey("agentkeel.run.id"))))
            .findFirst()
            .orElseThrow();
    assertThat(resumedSpan.getLinks()).hasSize(1);
    assertThat(resumedSpan.getLinks().get(0).getSpanContext().getSpanId())
        .isEqualTo(firstSpan.getSpanId());
    SpanData feedback = named(spans, "agentkeel.feedback");
    assertThat(feedback.getParentSpanId()).isEqualTo(firstSpan.getSpanId());
    assertThat(
            registry
                .get(MetricNames.FEEDBACK)
                .tags("workflow", "orders", "rating", "up")
                .counter()
                .count())
        .isEqualTo(1.0);
  }
}
