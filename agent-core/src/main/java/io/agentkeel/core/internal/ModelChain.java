package io.agentkeel.core.internal;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.ModelCallInfo;
import io.agentkeel.api.ModelCallResult;
import io.agentkeel.api.ModelFailureKind;
import io.agentkeel.api.TokenUsage;
import io.agentkeel.core.NamedModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls the models of the fallback chain in order until one answers, each within the time left of
 * the task's budget. Every failure and every move to the next model is an event.
 */
final class ModelChain {

  /** What came of one step's model call. */
  sealed interface Result {}

  /** A model answered. */
  record Answered(
      ChatResponse response, Optional<TokenUsage> tokens, String model, int failuresBefore)
      implements Result {}

  /** No model answered; {@code reason} says what each did, or that the time budget ran out. */
  record Exhausted(String reason, int failures, boolean outOfTime) implements Result {}

  private final List<NamedModel> models;
  private final Clock clock;

  ModelChain(List<NamedModel> models, Clock clock) {
    this.models = List.copyOf(models);
    this.clock = clock;
  }

  /** The name of the first model of the chain, for rate limits and events. */
  String primaryName() {
    return models.get(0).name();
  }

  Result call(
      ChatRequest request, RunState run, CallWatchdog.Watch watch, Interceptors interceptors) {
    String taskId = run.task.id();
    EventRecorder events = run.events;
    int step = run.counters.steps();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      NamedModel named = models.get(i);
      Instant callStart = clock.instant();
      if (run.deadline.passed(clock)) {
        return new Exhausted(
            "the time budget ran out"
                + (failures.isEmpty() ? "" : " after " + String.join("; ", failures)),
            failures.size(),
            true);
      }
      long started = System.nanoTime();
      ModelCallInfo info =
          new ModelCallInfo(
              named.name(),
              provider(named),
              Optional.empty(),
              step,
              i + 1,
              request.toolSpecifications() == null ? 0 : request.toolSpecifications().size());
      AtomicReference<ChatResponse> response = new AtomicReference<>();
      watch.arm(run.deadline.nanoDeadline(clock));
      Containment.Result<ModelCallResult> outcome =
          Containment.call(() ->
              interceptors.aroundModel(
                  info,
                  run.context,
                  () -> {
                    ChatResponse chat = named.model().chat(request);
                    response.set(chat);
                    return result(chat);
                  }));
      boolean outOfTime = watch.disarm();
      Throwable failure =
          outcome instanceof Containment.Threw<ModelCallResult> threw ? threw.failure() : null;
      ChatResponse chat = response.get();
      if (failure == null) {
        if (chat != null && chat.aiMessage() != null) {
          Optional<TokenUsage> tokens = tokens(chat);
          events.emit(
              new AgentEvent.ModelCalled(
                  taskId,
                  callStart.plusNanos(System.nanoTime() - started),
                  named.name(),
                  step,
                  since(started),
                  tokens));
          return new Answered(chat, tokens, named.name(), failures.size());
        }
        failure = new IllegalStateException("model returned no message");
      }
      if (outOfTime || run.deadline.passed(clock)) {
        // The call ran into the rest of the task's time budget: the budget ran out, not the model.
        events.emit(
            new AgentEvent.ModelFailed(
                taskId,
                clock.instant(),
                named.name(),
                ModelFailureKind.TIMEOUT,
                "no answer before the task's time budget ran out",
                since(started)));
        failures.add(named.name() + ": no answer before the time budget ran out");
        return new Exhausted(
            "the time budget ran out while waiting for model '" + named.name() + "'",
            failures.size(),
            true);
      }
      ModelFailureKind kind = ModelFailures.classify(failure);
      String reason = ModelFailures.describe(kind, failure);
      failures.add(named.name() + ": " + reason);
      events.emit(
          new AgentEvent.ModelFailed(
              taskId, clock.instant(), named.name(), kind, reason, since(started)));
      if (i + 1 < models.size()) {
        events.emit(
            new AgentEvent.FallbackUsed(
                taskId, clock.instant(), named.name(), models.get(i + 1).name(), kind));
      }
    }
    return new Exhausted(
        "every model of the fallback chain failed (" + String.join("; ", failures) + ")",
        failures.size(),
        false);
  }

  private static ModelCallResult result(ChatResponse chat) {
    if (chat == null) {
      return new ModelCallResult(Optional.empty(), Optional.empty(), 0);
    }
    Optional<String> model = Optional.ofNullable(chat.modelName());
    int calls =
        chat.aiMessage() != null && chat.aiMessage().hasToolExecutionRequests()
            ? chat.aiMessage().toolExecutionRequests().size()
            : 0;
    return new ModelCallResult(model, tokens(chat), calls);
  }

  private static String provider(NamedModel named) {
    Object provider = named.model().provider();
    return provider == null
        ? named.model().getClass().getSimpleName()
        : provider.toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static Optional<TokenUsage> tokens(ChatResponse response) {
    dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
    if (usage == null) {
      return Optional.empty();
    }
    long in = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    long out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    return Optional.of(new TokenUsage(in, out));
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
