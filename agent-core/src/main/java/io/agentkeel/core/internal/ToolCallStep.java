package io.agentkeel.core.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.ModelText;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.PrintableText;
import io.agentkeel.api.RateLimitDecision;
import io.agentkeel.api.RateLimitRequest;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.api.UntrustedText;
import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One tool call of a model reply, from the model's raw request to the message the model reads next:
 * size of the arguments, boundary, lookup, argument validation, repeated-call check, rate limit,
 * permission, write-ahead intent, the call, truncation, guarding and spotlighting of the result.
 * Says whether the loop goes on, stops, or suspends for a person.
 */
final class ToolCallStep {

  /** What the loop does after the call. */
  sealed interface Next {}

  /** Go on with the next call or model step. */
  record Continue() implements Next {}

  /** Stop: escalate with this reason. */
  record Escalate(String reason) implements Next {}

  /** Stop: the rate limiter refused the call. */
  record Limited(RateLimitDecision.Refused refused, String tool) implements Next {}

  /** Stop: the intent of a write could not be audited, so the call did not run. */
  record Unaudited() implements Next {}

  /** Suspend: the call is pending, waiting for a person to approve it. */
  record Pending(PendingToolCall call) implements Next {}

  static final Next CONTINUE = new Continue();

  private final RunServices services;
  private final RunState run;
  private final CallWatchdog.Watch watch;

  ToolCallStep(RunServices services, RunState run, CallWatchdog.Watch watch) {
    this.services = services;
    this.run = run;
    this.watch = watch;
  }

  Next run(ToolExecutionRequest call, boolean approved) {
    String name = String.valueOf(call.name());
    String rawArguments = call.arguments() == null ? "" : call.arguments();
    int maxArguments = run.workflow.budget().maxToolArgumentChars();
    if (!approved && rawArguments.length() > maxArguments) {
      run.counters = run.counters.toolError();
      failed(
          call,
          ToolArguments.marker(rawArguments.length(), "over the limit of " + maxArguments),
          ToolFailureKind.INVALID_ARGUMENTS,
          ToolArguments.refusal(
              ToolArguments.quotedName(name), rawArguments.length(), maxArguments),
          Duration.ZERO);
      return CONTINUE;
    }
    if (!approved) {
      rawArguments =
          services.boundaries().fromModel(rawArguments, ModelText.TOOL_ARGUMENTS, run.context);
    }
    RegisteredTool tool = run.offer.tools().get(name);
    if (tool == null) {
      run.counters = run.counters.toolError();
      ToolFailureKind kind =
          services.offers().catalog().find(name).isPresent()
              ? ToolFailureKind.NOT_PERMITTED
              : ToolFailureKind.UNKNOWN_TOOL;
      failed(
          call,
          rawArguments,
          kind,
          "there is no tool named '"
              + PrintableText.escape(ToolArguments.quotedName(name))
              + "' available to you; the tools you can use are "
              + (run.offer.tools().isEmpty()
                  ? "none"
                  : String.join(", ", run.offer.tools().keySet()))
              + ". Use one of them or answer without a tool.",
          Duration.ZERO);
      return CONTINUE;
    }
    Record arguments;
    try {
      arguments = tool.bind(rawArguments);
    } catch (ToolException invalid) {
      run.counters = run.counters.retried(1);
      failed(
          call,
          rawArguments,
          ToolFailureKind.INVALID_ARGUMENTS,
          invalid.messageForModel(),
          Duration.ZERO);
      return CONTINUE;
    }
    // Made once per call: it counts repeated calls, and is what the intent, the journal and the
    // events record of the call.
    String canonical = tool.canonicalArguments(arguments);
    if (!approved) {
      int count = run.callCounts.merge(new RunState.CallKey(name, canonical), 1, Integer::sum);
      if (count > run.workflow.budget().maxRepeatedCalls()) {
        String reason =
            "the agent called "
                + name
                + " with the same arguments "
                + count
                + " times; stopped as a loop";
        failed(call, rawArguments, ToolFailureKind.REPEATED_CALL, reason, Duration.ZERO);
        run.events.emit(limit(AgentEvent.Limit.REPEATED_CALL, reason));
        return new Escalate(reason);
      }
    }
    if (run.deadline.passed(services.clock())) {
      return new Escalate(
          "time budget of "
              + run.workflow.budget().maxDuration()
              + " spent before tool "
              + name
              + " could run");
    }
    Optional<RateLimitDecision.Refused> refused =
        services.limits().acquire(RateLimitRequest.toolCall(name), run.context, run.events);
    if (refused.isPresent()) {
      return new Limited(refused.get(), name);
    }
    Deadline toolDeadline =
        run.deadline.min(Deadline.after(services.clock(), run.workflow.budget().toolTimeout()));
    ToolPermissions.Decision decision =
        ToolPermissions.authorize(
            tool,
            arguments,
            rawArguments,
            run.task,
            run.workflow,
            approved,
            services.reviewerBound(),
            toolDeadline.at(),
            RunJournal.key(run, call));
    return switch (decision) {
      case ToolPermissions.NotPermitted notPermitted -> {
        run.counters = run.counters.toolError();
        failed(
            call,
            rawArguments,
            ToolFailureKind.NOT_PERMITTED,
            notPermitted.reason(),
            Duration.ZERO);
        yield CONTINUE;
      }
      case ToolPermissions.Pending pending -> new Pending(pending.call());
      case ToolPermissions.Permitted permitted ->
          invoke(call, tool, permitted, rawArguments, canonical);
    };
  }

  private Next invoke(
      ToolExecutionRequest call,
      RegisteredTool tool,
      ToolPermissions.Permitted permitted,
      String rawArguments,
      String canonical) {
    String name = tool.name();
    SideEffect effect = tool.descriptor().sideEffect();
    if (run.events.abandoned()) {
      return new Unaudited();
    }
    if (effect != SideEffect.READ_ONLY) {
      boolean recorded =
          run.events.emit(
              new AgentEvent.ToolIntended(
                  run.task.id(),
                  run.context.now(),
                  name,
                  String.valueOf(call.id()),
                  effect,
                  canonical));
      if (!recorded || run.events.auditFailure().isPresent()) {
        // Write-ahead: a change whose intent is not stored does not run.
        return new Unaudited();
      }
    }
    if (!services.journal().intended(run, RunJournal.key(run, call), name, effect, canonical)) {
      return new Unaudited();
    }
    Instant started = run.context.now();
    run.inFlight = new RunState.InFlight(name, effect, canonical);
    ToolInvoker.Result result;
    try {
      result =
          services
              .invoker()
              .invoke(permitted.permit(), String.valueOf(call.id()), run.context, watch);
    } finally {
      run.inFlight = null;
    }
    switch (result) {
      case ToolInvoker.Success success -> {
        String text = success.text();
        int limit = run.workflow.toolResultLimit(name);
        if (text.length() > limit) {
          run.events.emit(
              limit(
                  AgentEvent.Limit.TOOL_RESULT_SIZE,
                  "tool " + name + " returned " + text.length() + " characters; cut to " + limit));
          text = Spotlight.truncate(text, limit);
        }
        InputGuards.Decision guarded =
            services
                .guards()
                .inspect(UntrustedText.toolResult(name, text), run.context, run.events);
        if (!(guarded instanceof InputGuards.Pass pass)) {
          run.counters = run.counters.toolError();
          failed(
              call,
              rawArguments,
              ToolFailureKind.BLOCKED_RESULT,
              "the result of tool '" + name + "' was withheld by a guard; do not rely on it",
              success.latency());
          return CONTINUE;
        }
        String shown =
            services.boundaries().toModel(pass.text(), ModelText.TOOL_RESULT, run.context);
        String framed = Spotlight.frame(name, shown);
        run.messages.add(ToolExecutionResultMessage.from(call, framed));
        services.journal().returned(run, call, framed);
        run.events.emit(
            new AgentEvent.ToolCalled(
                run.task.id(),
                started.plus(success.latency()),
                name,
                canonical,
                success.latency()));
      }
      case ToolInvoker.Failure failure -> {
        run.counters = run.counters.toolError();
        failed(call, rawArguments, failure.kind(), failure.message(), failure.latency());
      }
    }
    return CONTINUE;
  }

  /** Tells the model a call failed, and records it. */
  void failed(
      ToolExecutionRequest call,
      String arguments,
      ToolFailureKind kind,
      String message,
      Duration latency) {
    run.messages.add(ToolExecutionResultMessage.from(call, message));
    services.journal().returned(run, call, message);
    run.events.emit(
        new AgentEvent.ToolFailed(
            run.task.id(),
            run.context.now(),
            ToolArguments.quotedName(String.valueOf(call.name())),
            arguments,
            kind,
            message,
            latency));
  }

  private AgentEvent.LimitReached limit(AgentEvent.Limit limit, String detail) {
    return new AgentEvent.LimitReached(run.task.id(), run.context.now(), limit, detail);
  }
}
