package io.agentkeel.core.internal;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.GuardVerdict;
import io.agentkeel.api.InputGuard;
import io.agentkeel.api.PrintableText;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.UntrustedText;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The input guards as one: each inspects the text the previous one let through, every verdict is an
 * event, and a guard that throws blocks (fails closed). Thread-safe.
 */
final class InputGuards {

  /** What the guards decided on one text. */
  sealed interface Decision {}

  /** The text may go on, possibly rewritten. */
  record Pass(String text) implements Decision {}

  /** The text was held for a person. */
  record Held(String guard, String reason) implements Decision {}

  /** The text was blocked. */
  record Blocked(String guard, String reason) implements Decision {}

  private final List<InputGuard> guards;

  InputGuards(List<InputGuard> guards) {
    this.guards = List.copyOf(guards);
  }

  boolean isEmpty() {
    return guards.isEmpty();
  }

  Decision inspect(UntrustedText text, RunContext context, EventRecorder events) {
    if (guards.isEmpty()) {
      return new Pass(text.text());
    }
    String subject =
        text.source().name().toLowerCase(Locale.ROOT) + ":" + PrintableText.escape(text.origin());
    UntrustedText current = text;
    for (InputGuard guard : guards) {
      String name =
          Containment.orElse(
              "input guard", guard.getClass().getName(), guard::name, () -> "unnamed");
      UntrustedText seen = current;
      GuardVerdict verdict =
          Containment.orElse(
              "input guard",
              name,
              () -> guard.inspect(seen, context),
              () -> GuardVerdict.block("the guard could not check the text"));
      if (verdict == null) {
        verdict = GuardVerdict.block("the guard returned no verdict");
      }
      switch (verdict) {
        case GuardVerdict.Allow allow -> {
          boolean rewritten = !allow.text().equals(seen.text());
          events.emit(
              decision(
                  context,
                  name,
                  subject,
                  rewritten ? AgentEvent.GuardAction.REWRITTEN : AgentEvent.GuardAction.ALLOWED,
                  rewritten ? "rewritten" : "allowed",
                  Optional.empty()));
          current = seen.withText(allow.text());
        }
        case GuardVerdict.Flag flag -> {
          events.emit(
              decision(
                  context,
                  name,
                  subject,
                  AgentEvent.GuardAction.FLAGGED,
                  flag.reason(),
                  Optional.of(flag.score())));
          current = seen.withText(flag.text());
        }
        case GuardVerdict.Review held -> {
          events.emit(
              decision(
                  context,
                  name,
                  subject,
                  AgentEvent.GuardAction.REVIEW,
                  held.reason(),
                  Optional.of(held.score())));
          return new Held(name, held.reason());
        }
        case GuardVerdict.Block block -> {
          events.emit(
              decision(
                  context,
                  name,
                  subject,
                  AgentEvent.GuardAction.BLOCKED,
                  block.reason(),
                  Optional.empty()));
          return new Blocked(name, block.reason());
        }
      }
    }
    return new Pass(current.text());
  }

  static AgentEvent.GuardDecision decision(
      RunContext context,
      String guard,
      String subject,
      AgentEvent.GuardAction action,
      String reason,
      Optional<Double> score) {
    return new AgentEvent.GuardDecision(
        context.task().id(), context.now(), guard, subject, action, reason, score);
  }
}
