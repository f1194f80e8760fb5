package io.agentkeel.memory;

import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.RecalledMemory;
import io.agentkeel.memory.internal.CurrentRun;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolContext;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The memory tools a model can be offered: {@code remember_fact} (scope {@code memory:write}) keeps
 * a fact about the user in long-term memory, after the agent's output filters have cleaned it on
 * the {@link io.agentkeel.api.OutputChannel#MEMORY_WRITE} channel; {@code recall_memories} (scope
 * {@code memory:read}) returns the memories most relevant to a question. Both act for the task's
 * own principal and tenant only, which they learn from {@link MemoryToolScope}: without that
 * interceptor registered they refuse to run (fail closed) rather than guess an owner or skip the
 * filters.
 */
public final class MemoryTools {

  /** The tools' names. */
  public static final Set<String> NAMES = Set.of("remember_fact", "recall_memories");

  /** The most memories {@code recall_memories} returns. */
  public static final int MAX_RECALLED = 10;

  /** The longest fact {@code remember_fact} keeps, in characters. */
  public static final int MAX_FACT_LENGTH = 2000;

  /**
   * Arguments of {@code remember_fact}.
   *
   * @param fact the fact to keep, one self-contained sentence about the user
   */
  public record RememberFact(
      @Param(
              "The fact to keep: one self-contained sentence about the user, in the third person,"
                  + " at most "
                  + MAX_FACT_LENGTH
                  + " characters")
          String fact) {}

  /**
   * Arguments of {@code recall_memories}.
   *
   * @param question what the memories should be about
   * @param limit the most memories to return, 1 to {@value MemoryTools#MAX_RECALLED}
   */
  public record RecallMemories(
      @Param("What the memories should be about, as a question or a few words") String question,
      @Param("The most memories to return, from 1 to " + MAX_RECALLED) int limit) {}

  private MemoryTools() {}

  /**
   * The {@code remember_fact} tool.
   *
   * @param memory the long-term tier
   * @param clock the time source of the memory's creation
   * @return the tool
   */
  public static Tool<RememberFact, String> rememberFact(LongTermMemory memory, Clock clock) {
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(clock, "clock");
    ToolDescriptor descriptor =
        ToolDescriptor.builder("remember_fact")
            .description(
                "Keeps one fact about the user in long-term memory, so later conversations can use"
                    + " it.")
            .whenToUse(
                "When the user states a lasting preference, a personal detail or a decision worth"
                    + " knowing in a later conversation; not for small talk or one-off requests.")
            .scopes("memory:write")
            .sideEffect(SideEffect.WRITE)
            .parameters(RememberFact.class)
            .result(String.class)
            .build();
    return Tool.of(
        RememberFact.class,
        descriptor,
        (arguments, context) -> {
          CurrentRun.Scope scope = scope(context);
          String fact = arguments.fact() == null ? "" : arguments.fact().strip();
          if (fact.isEmpty() || fact.length() > MAX_FACT_LENGTH) {
            throw new ToolException(
                "give the fact as one non-empty sentence of at most "
                    + MAX_FACT_LENGTH
                    + " characters",
                null,
                false,
                null);
          }
          String filtered;
          try {
            filtered = scope.filterMemoryWrite(fact);
          } catch (RuntimeException e) {
            throw new ToolException(
                "the fact was not kept: an output filter refused it",
                "output filter failed on a memory write: " + e.getClass().getName(),
                false,
                null);
          }
          if (filtered.isBlank()) {
            throw new ToolException(
                "the fact was not kept: nothing was left of it after filtering",
                "output filter emptied a memory write",
                false,
                null);
          }
          Instant now = clock.instant();
          MemoryRecord record =
              new MemoryRecord(
                  UUID.randomUUID().toString(),
                  owner(scope),
                  filtered,
                  Map.of("source", "remember_fact", "task", context.taskId()),
                  0.5,
                  now,
                  now);
          memory.remember(record);
          return "Remembered.";
        });
  }

  /**
   * The {@code recall_memories} tool.
   *
   * @param memory the long-term tier
   * @return the tool
   */
  public static Tool<RecallMemories, List<String>> recallMemories(LongTermMemory memory) {
    Objects.requireNonNull(memory, "memory");
    ToolDescriptor descriptor =
        ToolDescriptor.builder("recall_memories")
            .description(
                "Returns the facts about the user from earlier conversations most relevant to a"
                    + " question, best first, each with the day it was learned.")
            .whenToUse(
                "When answering needs something the user said in an earlier conversation (a"
                    + " preference, a personal detail, a past decision) that is not in the context.")
            .scopes("memory:read")
            .sideEffect(SideEffect.READ_ONLY)
            .parameters(RecallMemories.class)
            .maxResults(MAX_RECALLED)
            .build();
    return Tool.of(
        RecallMemories.class,
        descriptor,
        (arguments, context) -> {
          CurrentRun.Scope scope = scope(context);
          if (arguments.question() == null || arguments.question().isBlank()) {
            throw ToolException.permanent("give a question to recall memories about");
          }
          int limit = Math.max(1, Math.min(MAX_RECALLED, arguments.limit()));
          List<String> found = new ArrayList<>();
          for (RecalledMemory recalled :
              memory.recall(MemoryQuery.of(owner(scope), arguments.question(), limit))) {
            found.add(
                recalled.record().text()
                    + " (learned "
                    + recalled.record().createdAt().toString().substring(0, 10)
                    + ")");
          }
          return List.copyOf(found);
        });
  }

  private static CurrentRun.Scope scope(ToolContext context) throws ToolException {
    CurrentRun.Scope scope =
        CurrentRun.get()
            .orElseThrow(() ->
                new ToolException(
                    "memory is not available in this agent",
                    "memory tools need MemoryToolScope registered as a ToolCallInterceptor;"
                        + " install MemoryExtension or register it by hand",
                    false,
                    null));
    if (!scope.context().task().id().equals(context.taskId())
        || !scope.context().principal().id().equals(context.principalId())) {
      throw new ToolException(
          "memory is not available for this call",
          "memory tool scope belongs to another task than the call",
          false,
          null);
    }
    return scope;
  }

  private static MemoryOwner owner(CurrentRun.Scope scope) {
    return MemoryOwner.of(scope.context().principal());
  }
}
