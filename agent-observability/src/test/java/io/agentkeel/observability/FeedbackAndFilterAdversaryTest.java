package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.tools.spi.SideEffect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedbackAndFilterAdversaryTest {

  private static Observability withEmailFilter() {
    return Observability.builder()
        .meterRegistry(new SimpleMeterRegistry())
        .openTelemetry(OpenTelemetry.noop())
        .outputFilters(List.of(new Events.EmailFilter()))
        .build();
  }

  @Test
  void noLineHoldsAModelChosenCallIdTheOutputFiltersWouldRedact() {
    // The call id comes from the model's reply (core only escapes its control characters); a
    // prompt-injected model can put anything in it.
    RunContext run = Events.run("t-call-id", Events.ORDERS);
    Observability o = withEmailFilter();
    List<String> lines;
    try (LogCapture capture = new LogCapture()) {
      o.listener()
          .onEvent(
              new AgentEvent.ToolIntended(
                  "t-call-id",
                  Events.AT,
                  "cancel_order",
                  "send to mallory@example.com",
                  SideEffect.DESTRUCTIVE,
                  "{}"),
              run);
      o.listener().flush();
      lines = capture.lines().stream().filter(l -> l.contains("t-call-id")).toList();
    }
    assertThat(lines).hasSize(1);
    Events.EmailFilter filter = new Events.EmailFilter();
    DecisionLogSchema.parse(lines.get(0))
        .properties()
        .forEach(field -> {
          if (field.getValue().isString()) {
            String value = field.getValue().asString();
            assertThat(filter.filter(value, OutputChannel.EVENT, run))
                .as("field " + field.getKey() + " of " + lines.get(0))
                .isEqualTo(value);
          }
        });
  }

  @Test
  void feedbackSurvivesAMalformedTraceparentInASharedLinkStore() {
    // The store is the application's (a cache or table both processes share): its value may be
    // corrupt. RunTracer.parse promises "empty if malformed".
    TraceLinkStore corrupt =
        new TraceLinkStore() {
          @Override
          public void put(String taskId, String traceparent) {}

          @Override
          public Optional<String> get(String taskId) {
            return Optional.of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-zz");
          }
        };
    Observability o =
        Observability.builder()
            .meterRegistry(new SimpleMeterRegistry())
            .openTelemetry(OpenTelemetry.noop())
            .traceLinks(corrupt)
            .build();
    assertThatCode(() -> o.feedback().thumbsUp("t-rated")).doesNotThrowAnyException();
  }

  @Test
  void aCommentOnATaskNoLongerRememberedIsCountedButNotWritten() {
    // The filters need the task's run (its workflow, its principal); a task this process no
    // longer remembers has none here, so its comment is not written: only its length is.
    Observability o = withEmailFilter();
    String line;
    try (LogCapture capture = new LogCapture()) {
      o.feedback().thumbsDown("t-forgotten", "wrong date, mail me at ivy@example.com");
      o.listener().flush();
      line = capture.lines().stream().filter(l -> l.contains("t-forgotten")).findFirst().get();
    }
    DecisionLogSchema.assertValid(List.of(line));
    assertThat(DecisionLogSchema.parse(line).get("workflow").asString()).isEqualTo("_unknown");
    assertThat(DecisionLogSchema.parse(line).has("comment")).as(line).isFalse();
    assertThat(DecisionLogSchema.parse(line).get("comment_chars").asLong()).isEqualTo(38);
    assertThat(line).doesNotContain("ivy@example.com");
  }

  @Test
  void feedbackOnATaskThisProcessRecoveredCountsUnderItsWorkflowWithItsFilteredComment() {
    // A task continued from its journal (after its first process died) begins its run here with
    // TaskRecovered: this process knows the task, its workflow and its run.
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Observability o =
        Observability.builder()
            .meterRegistry(registry)
            .openTelemetry(OpenTelemetry.noop())
            .outputFilters(List.of(new Events.EmailFilter()))
            .build();
    RunContext run = Events.run("t-recovered", Events.ORDERS);
    String line;
    try (LogCapture capture = new LogCapture()) {
      o.listener()
          .onEvent(new AgentEvent.TaskRecovered("t-recovered", Events.AT, "orders", 4, false), run);
      o.listener()
          .onEvent(
              new AgentEvent.TaskFinished(
                  "t-recovered",
                  Events.AT,
                  new Outcome.Completed(),
                  Duration.ofMillis(5),
                  TokenUsage.ZERO,
                  1),
              run);
      o.feedback().thumbsDown("t-recovered", "wrong, mail ivy@example.com");
      o.listener().flush();
      line =
          capture.lines().stream()
              .filter(l -> l.contains("\"event\":\"feedback\""))
              .findFirst()
              .orElseThrow();
    }
    assertThat(
            registry
                .get(MetricNames.FEEDBACK)
                .tags("workflow", "orders", "rating", "down")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(DecisionLogSchema.parse(line).get("workflow").asString()).isEqualTo("orders");
    assertThat(DecisionLogSchema.parse(line).get("comment").asString())
        .isEqualTo("wrong, mail [email]");
  }

  @Test
  void aPrincipalIdQuotedInACommentIsHiddenAsTheSettingHidesIdentities() {
    // With principals hashed or omitted, an id quoted in a text is hashed or omitted too: a
    // comment is what a user typed, and users sign their messages.
    for (DecisionLogSettings.PrincipalField field :
        List.of(
            DecisionLogSettings.PrincipalField.HASHED,
            DecisionLogSettings.PrincipalField.OMITTED)) {
      Observability o =
          Observability.builder()
              .meterRegistry(new SimpleMeterRegistry())
              .openTelemetry(OpenTelemetry.noop())
              .decisionLog(new DecisionLogSettings(true, field, false, true))
              .outputFilters(List.of(new Events.EmailFilter()))
              .build();
      RunContext run = Events.run("t-signed", Events.ORDERS, "nora.k");
      List<String> lines;
      try (LogCapture capture = new LogCapture()) {
        o.listener()
            .onEvent(new AgentEvent.TaskStarted("t-signed", Events.AT, "orders", "nora.k"), run);
        o.feedback().thumbsDown("t-signed", "the date was wrong. nora.k");
        o.listener().flush();
        lines = capture.lines();
      }
      String feedback =
          lines.stream().filter(l -> l.contains("\"event\":\"feedback\"")).findFirst().get();
      assertThat(DecisionLogSchema.parse(feedback).get("comment").asString())
          .as(field.toString())
          .startsWith("the date was wrong. ");
      assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("nora.k"));
    }
  }
}
