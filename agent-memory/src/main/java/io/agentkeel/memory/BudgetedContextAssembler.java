package io.agentkeel.memory;

import io.agentkeel.api.AssembledContext;
import io.agentkeel.api.ContextAssembler;
import io.agentkeel.api.ContextItem;
import io.agentkeel.api.ContextRequest;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TokenEstimator;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.RecalledMemory;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.api.memory.VersionedValue;
import io.agentkeel.api.memory.WorkingMemory;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the model's context in order of value within the request's token budget: the instructions
 * and input (always, counted first), then the task's facts (its attributes), its working state, the
 * top long-term memories for the input, and the newest session turns. Tokens are counted with the
 * request's {@link TokenEstimator} (the model's own where core has one), each item with {@value
 * #ITEM_OVERHEAD} more for its framing.
 *
 * <p>An item that does not fit whole is cut with the marker {@value #ELISION_MARKER} when at least
 * {@value #MIN_ELIDED_TOKENS} tokens remain, else left out; later, smaller items may still fit.
 * Session turns are taken newest first and stop at the first that does not fit, so the history
 * shown is always the newest unbroken run. Everything left out is named in {@link
 * AssembledContext#omitted()}. A tier that fails is skipped and named there too. The estimate never
 * exceeds the budget unless the instructions and input alone do, in which case nothing else is
 * added. Thread-safe.
 */
public final class BudgetedContextAssembler implements ContextAssembler {

  /** Tokens added to each item and turn for its framing in the prompt. */
  public static final int ITEM_OVERHEAD = 4;

  /** The marker that ends a cut item. */
  public static final String ELISION_MARKER = " …[elided]";

  /** The fewest tokens worth showing of a cut item. */
  public static final int MIN_ELIDED_TOKENS = 24;

  private static final Logger LOG = LoggerFactory.getLogger(BudgetedContextAssembler.class);

  private final SessionMemory session;
  private final WorkingMemory working;
  private final LongTermMemory longTerm;

  /**
   * Creates the assembler over the three tiers.
   *
   * @param session the session tier
   * @param working the working tier
   * @param longTerm the long-term tier
   */
  @Inject
  public BudgetedContextAssembler(
      SessionMemory session, WorkingMemory working, LongTermMemory longTerm) {
    this.session = Objects.requireNonNull(session, "session");
    this.working = Objects.requireNonNull(working, "working");
    this.longTerm = Objects.requireNonNull(longTerm, "longTerm");
  }

  @Override
  public AssembledContext assemble(ContextRequest request, RunContext context) {
    TokenEstimator estimator = request.estimator();
    Budget budget =
        new Budget(
            request.tokenBudget(),
            estimator.estimate(request.instructions()) + estimator.estimate(request.input()),
            estimator);
    List<ContextItem> items = new ArrayList<>();
    List<String> omitted = new ArrayList<>();
    if (budget.used > budget.total) {
      omitted.add(
          "everything but instructions and input: they alone take "
              + budget.used
              + " tokens of "
              + budget.total);
      return new AssembledContext(List.of(), List.of(), budget.used, omitted);
    }
    Map<String, String> facts = new TreeMap<>(context.task().attributes());
    facts.forEach((key, value) ->
        place(budget, items, omitted, ContextItem.Kind.FACT, key + ": " + value, key));
    try {
      working
          .snapshot(context.task().id())
          .forEach((key, value) ->
              place(budget, items, omitted, ContextItem.Kind.WORKING_STATE, text(key, value), key));
    } catch (RuntimeException e) {
      LOG.warn("working memory unavailable for context assembly: {}", e.getClass().getSimpleName());
      omitted.add("working state: the working tier failed (" + e.getClass().getSimpleName() + ")");
    }
    MemoryOwner owner = MemoryOwner.of(context.principal());
    if (request.recallLimit() > 0 && !request.input().isBlank()) {
      try {
        for (RecalledMemory memory :
            longTerm.recall(MemoryQuery.of(owner, request.input(), request.recallLimit()))) {
          place(
              budget,
              items,
              omitted,
              ContextItem.Kind.MEMORY,
              memory.record().text(),
              memory.record().id());
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "long-term memory unavailable for context assembly: {}", e.getClass().getSimpleName());
        omitted.add(
            "long-term memories: the long-term tier failed (" + e.getClass().getSimpleName() + ")");
      }
    }
    List<ChatTurn> history = new ArrayList<>();
    if (request.sessionTurns() > 0 && context.task().sessionId().isPresent()) {
      try {
        List<ChatTurn> turns =
            session.recent(owner, context.task().sessionId().get(), request.sessionTurns());
        for (int i = turns.size() - 1; i >= 0; i--) {
          ChatTurn turn = turns.get(i);
          int cost = estimator.estimate(turn.text()) + ITEM_OVERHEAD;
          if (budget.fits(cost)) {
            budget.spend(cost);
            history.add(turn);
            continue;
          }
          String cut = budget.cut(turn.text());
          if (cut != null) {
            budget.spend(estimator.estimate(cut) + ITEM_OVERHEAD);
            history.add(new ChatTurn(turn.role(), cut, turn.at()));
            omitted.add("part of session turn " + (i + 1) + " of " + turns.size() + " (elided)");
            i--;
          }
          if (i >= 0) {
            omitted.add((i + 1) + " older session turns");
          }
          break;
        }
        Collections.reverse(history);
      } catch (RuntimeException e) {
        LOG.warn(
            "session memory unavailable for context assembly: {}", e.getClass().getSimpleName());
        omitted.add(
            "session turns: the session tier failed (" + e.getClass().getSimpleName() + ")");
      }
    }
    return new AssembledContext(items, history, budget.used, omitted);
  }

  private static String text(String key, VersionedValue value) {
    return key + ": " + value.value();
  }

  private static void place(
      Budget budget,
      List<ContextItem> items,
      List<String> omitted,
      ContextItem.Kind kind,
      String text,
      String origin) {
    int cost = budget.estimator.estimate(text) + ITEM_OVERHEAD;
    if (budget.fits(cost)) {
      budget.spend(cost);
      items.add(new ContextItem(kind, text, origin));
      return;
    }
    String cut = budget.cut(text);
    String label = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    if (cut != null) {
      budget.spend(budget.estimator.estimate(cut) + ITEM_OVERHEAD);
      items.add(new ContextItem(kind, cut, origin));
      omitted.add("part of " + label + " '" + origin + "' (" + cost + " tokens, elided)");
    } else {
      omitted.add(label + " '" + origin + "' (" + cost + " tokens)");
    }
  }

  /** The tokens spent so far against the total. */
  private static final class Budget {
    final int total;
    int used;
    final TokenEstimator estimator;

    Budget(int total, int used, TokenEstimator estimator) {
      this.total = total;
      this.used = used;
      this.estimator = estimator;
    }

    boolean fits(int cost) {
      return used + cost <= total;
    }

    void spend(int cost) {
      used += cost;
    }

    /**
     * The longest head of the text that, with the marker, fits what remains; null if too little.
     */
    String cut(String text) {
      int room = total - used - ITEM_OVERHEAD;
      if (room < MIN_ELIDED_TOKENS) {
        return null;
      }
      int low = 0;
      int high = text.length();
      String best = null;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        // Never end on the first half of a surrogate pair: the model would see a broken character.
        int end = mid > 0 && Character.isHighSurrogate(text.charAt(mid - 1)) ? mid - 1 : mid;
        String candidate = text.substring(0, end) + ELISION_MARKER;
        if (estimator.estimate(candidate) <= room) {
          best = candidate;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      return best != null && best.length() > ELISION_MARKER.length() ? best : null;
    }
  }
}
