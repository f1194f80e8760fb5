package io.agentkeel.core.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Confidence;
import io.agentkeel.api.ConfidenceSignals;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputValidator;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.Route;
import io.agentkeel.api.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates a final answer, scores it, filters every text it carries (answer, reasoning summary,
 * review texts) and routes it: complete, review or escalate. A validator that throws counts as a
 * failed validation; a scorer that throws scores zero, which escalates.
 */
final class AnswerRouter {
  private final RunServices services;
  private final RunState run;
  private final RunEnd end;

  AnswerRouter(RunServices services, RunState run, RunEnd end) {
    this.services = services;
    this.run = run;
    this.end = end;
  }

  List<String> validate(String answer) {
    if (run.workflow.validators().isEmpty() && services.validators().isEmpty()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    List<OutputValidator> validators = new ArrayList<>(run.workflow.validators());
    validators.addAll(services.validators());
    for (OutputValidator validator : validators) {
      ValidationResult result =
          Containment.orElse(
              "output validator",
              validator,
              () -> validator.validate(answer, run.context),
              () -> ValidationResult.invalid("a validator could not check the answer"));
      problems.addAll(
          result == null ? List.of("a validator returned no result") : result.problems());
    }
    return problems;
  }

  String filterAnswer(String answer) {
    OutputFilters.Filtered filtered =
        services.filters().apply(answer, OutputChannel.ANSWER, run.context);
    for (String filter : filtered.changedBy()) {
      run.events.emit(
          InputGuards.decision(
              run.context,
              filter,
              "answer",
              AgentEvent.GuardAction.FILTERED,
              "changed the answer",
              Optional.empty()));
    }
    filtered
        .failedFilter()
        .ifPresent(filter ->
            run.events.emit(
                InputGuards.decision(
                    run.context,
                    filter,
                    "answer",
                    AgentEvent.GuardAction.BLOCKED,
                    "filter failed",
                    Optional.empty())));
    return filtered.text();
  }

  AgentResult route(FinalAnswer answer) {
    RunCounters c = run.counters;
    ConfidenceSignals signals =
        new ConfidenceSignals(
            answer.confidence(),
            answer.summary(),
            c.toolErrors(),
            c.retries(),
            c.failedValidations(),
            c.steps());
    Confidence scored =
        Containment.orElse(
            "confidence scorer",
            services.scorer(),
            () -> services.scorer().score(signals, run.context),
            () -> new Confidence(0.0, "the confidence scorer failed"));
    if (scored == null) {
      scored = new Confidence(0.0, "the confidence scorer returned nothing");
    }
    Confidence confidence =
        new Confidence(
            scored.value(),
            services
                .filters()
                .filter(scored.summary(), OutputChannel.REASONING_SUMMARY, run.context));
    Route route = run.workflow.thresholds().route(confidence.value());
    run.events.emit(new AgentEvent.Routed(run.task.id(), run.context.now(), confidence, route));
    String filtered = filterAnswer(answer.answer());
    String score = twoDecimals(confidence.value());
    return switch (route) {
      case AUTO_COMPLETE ->
          end.finish(
              new Outcome.Completed(),
              Optional.of(filtered),
              Optional.of(confidence),
              "completed with confidence "
                  + score
                  + " (auto-complete at "
                  + run.workflow.thresholds().autoComplete()
                  + ")");
      case REVIEW ->
          end.review(
              ReviewKind.ANSWER,
              Priority.NORMAL,
              "confidence "
                  + score
                  + " is below the auto-complete threshold "
                  + run.workflow.thresholds().autoComplete()
                  + "; a person should check the answer",
              Optional.of(end.filter(filtered)),
              Optional.of(confidence),
              Optional.empty(),
              "");
      case ESCALATE ->
          end.review(
              ReviewKind.ESCALATION,
              Priority.HIGH,
              "confidence "
                  + score
                  + " is below the review threshold "
                  + run.workflow.thresholds().review()
                  + "; a person should take over",
              Optional.of(end.filter(filtered)),
              Optional.of(confidence),
              Optional.empty(),
              "");
    };
  }

  /** Formats a value in [0, 1] with two decimals; String.format costs more than the loop step. */
  static String twoDecimals(double value) {
    long hundredths = Math.round(value * 100);
    return (hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") + (hundredths % 100);
  }
}
