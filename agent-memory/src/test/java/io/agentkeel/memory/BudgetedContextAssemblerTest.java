package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.agentkeel.api.AssembledContext;
import io.agentkeel.api.ContextItem;
import io.agentkeel.api.ContextRequest;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TokenEstimator;
import io.agentkeel.api.memory.ChatTurn;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.MemoryRecord;
import io.agentkeel.api.memory.RecalledMemory;
import io.agentkeel.core.InMemoryWorkingMemory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetedContextAssemblerTest {

  private static final TokenEstimator WORDS =
      text -> text.isEmpty() ? 0 : text.split("\\s+").length;

  /** A long-term tier that returns fixed memories of the query's owner. */
  static class FixedMemories implements LongTermMemory {
    final List<String> texts;

    FixedMemories(List<String> texts) {
      this.texts = texts;
    }

    @Override
    public void remember(MemoryRecord record) {}

    @Override
    public boolean forget(String id) {
      return false;
    }

    @Override
    public int forget(MemoryOwner owner) {
      return 0;
    }

    @Override
    public List<RecalledMemory> recall(MemoryQuery query) {
      List<RecalledMemory> out = new ArrayList<>();
      for (int i = 0; i < Math.min(query.limit(), texts.size()); i++) {
        out.add(
            new RecalledMemory(
                MemoryRecord.of("mem-" + i, query.owner(), texts.get(i), Instant.EPOCH), 1, 1, 0));
      }
      return out;
    }
  }

  private static String words(int n, String word) {
    return String.join(" ", java.util.Collections.nCopies(n, word));
  }

  private record Fixture(BudgetedContextAssembler assembler, RunContext run) {}

  private static Fixture fixture(int turns, int turnWords, List<String> memories) {
    CaffeineSessionMemory session = CaffeineSessionMemory.builder().build();
    InMemoryWorkingMemory working = new InMemoryWorkingMemory();
    RunContext run =
        Runs.run("t1", "acme", "alice", "s1", Map.of("order_id", "42"), "where is my order");
    MemoryOwner owner = MemoryOwner.of(run.principal());
    working.put(owner, "t1", "step", "looked up the order", 0);
    for (int i = 0; i < turns; i++) {
      session.append(
          owner,
          "s1",
          new ChatTurn(
              ChatTurn.Role.USER,
              "turn" + i + " " + words(turnWords - 1, "w"),
              Instant.EPOCH.plusSeconds(i)));
    }
    return new Fixture(
        new BudgetedContextAssembler(session, working, new FixedMemories(memories)), run);
  }

  @Test
  void fillsInOrderOfValueWhenEverythingFits() {
    Fixture f = fixture(3, 5, List.of("alice likes tea", "alice owns a bike"));
    AssembledContext context =
        f.assembler()
            .assemble(
                new ContextRequest("be brief", "where is my order", 1000, WORDS, 10, 5), f.run());
    assertThat(context.items())
        .extracting(ContextItem::kind)
        .containsExactly(
            ContextItem.Kind.FACT,
            ContextItem.Kind.WORKING_STATE,
            ContextItem.Kind.MEMORY,
            ContextItem.Kind.MEMORY);
    assertThat(context.items().get(0).text()).isEqualTo("order_id: 42");
    assertThat(context.items().get(1).text()).isEqualTo("step: looked up the order");
    assertThat(context.history())
        .extracting(t -> t.text().split(" ")[0])
        .containsExactly("turn0", "turn1", "turn2");
    assertThat(context.omitted()).isEmpty();
    // instructions 2 + input 4, fact 2, state 5, memories 3 and 4, turns 5 each; 4 per item.
    int expected = 2 + 4 + (2 + 4) + (5 + 4) + (3 + 4) + (4 + 4) + 3 * (5 + 4);
    assertThat(context.estimatedTokens()).isEqualTo(expected);
  }

  @Test
  void underATightBudgetTheNewestTurnsStayAndTheRestIsReported() {
    Fixture f = fixture(10, 10, List.of("alice likes tea"));
    // base 6, fact 6, state 8, memory 7 = 27; each turn 14: room for two turns in 60.
    AssembledContext context =
        f.assembler()
            .assemble(
                new ContextRequest("be brief", "where is my order", 60, WORDS, 10, 5), f.run());
    assertThat(context.estimatedTokens()).isLessThanOrEqualTo(60);
    assertThat(context.history())
        .extracting(t -> t.text().split(" ")[0])
        .containsExactly("turn8", "turn9");
    assertThat(context.omitted()).contains("8 older session turns");
  }

  @Test
  void aLongItemIsElidedWithAMarkerRatherThanDropped() {
    Fixture f = fixture(0, 1, List.of(words(200, "detail")));
    AssembledContext context =
        f.assembler()
            .assemble(
                new ContextRequest("be brief", "where is my order", 80, WORDS, 10, 5), f.run());
    ContextItem memory = context.items().get(2);
    assertThat(memory.kind()).isEqualTo(ContextItem.Kind.MEMORY);
    assertThat(memory.text()).endsWith(BudgetedContextAssembler.ELISION_MARKER);
    assertThat(context.estimatedTokens()).isLessThanOrEqualTo(80);
    assertThat(context.omitted())
        .anyMatch(line -> line.contains("mem-0") && line.contains("elided"));
  }

  @Test
  void whenInstructionsAndInputAloneExceedTheBudgetNothingElseIsAdded() {
    Fixture f = fixture(3, 5, List.of("alice likes tea"));
    AssembledContext context =
        f.assembler()
            .assemble(
                new ContextRequest(words(50, "rule"), "where is my order", 20, WORDS, 10, 5),
                f.run());
    assertThat(context.items()).isEmpty();
    assertThat(context.history()).isEmpty();
    assertThat(context.omitted()).singleElement().asString().contains("54 tokens of 20");
  }

  @Test
  void aFailingTierIsSkippedAndNamed() {
    CaffeineSessionMemory session = CaffeineSessionMemory.builder().build();
    LongTermMemory broken =
        new FixedMemories(List.of()) {
          @Override
          public List<RecalledMemory> recall(MemoryQuery query) {
            throw new IllegalStateException("offline");
          }
        };
    BudgetedContextAssembler assembler =
        new BudgetedContextAssembler(session, new InMemoryWorkingMemory(), broken);
    RunContext run = Runs.run("t1", "acme", "alice", "s1", Map.of(), "hi");
    AssembledContext context =
        assembler.assemble(new ContextRequest("x", "hi", 100, WORDS, 5, 5), run);
    assertThat(context.omitted())
        .anyMatch(line -> line.startsWith("long-term memories: the long-term tier failed"));
  }

  @Test
  void propertyTheEstimateNeverExceedsTheBudget() {
    TokenEstimator heuristic = TokenEstimator.heuristic();
    qt().withExamples(300)
        .forAll(
            integers().between(0, 30),
            integers().between(1, 120),
            integers().between(40, 2000),
            strings().basicLatinAlphabet().ofLengthBetween(0, 400))
        .checkAssert((turns, turnWords, budget, memoryText) -> {
          int memories = memoryText.length() % 9;
          List<String> texts = new ArrayList<>();
          for (int i = 0; i < memories; i++) {
            texts.add(memoryText + " " + i);
          }
          Fixture f = fixture(turns, turnWords, texts);
          for (TokenEstimator estimator : List.of(WORDS, heuristic)) {
            ContextRequest request =
                new ContextRequest("be brief", "where is my order", budget, estimator, 20, 8);
            AssembledContext context = f.assembler().assemble(request, f.run());
            assertThat(context.estimatedTokens()).isLessThanOrEqualTo(budget);
            int recount = estimator.estimate("be brief") + estimator.estimate("where is my order");
            for (ContextItem item : context.items()) {
              recount += estimator.estimate(item.text()) + BudgetedContextAssembler.ITEM_OVERHEAD;
            }
            for (ChatTurn turn : context.history()) {
              recount += estimator.estimate(turn.text()) + BudgetedContextAssembler.ITEM_OVERHEAD;
            }
            assertThat(recount).isEqualTo(context.estimatedTokens()).isLessThanOrEqualTo(budget);
          }
        });
  }

  @Test
  void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
    // Each emoji is two chars; a cut at an odd length would leave half of one. Three chars a
    // token makes the longest head that fits odd for every other budget.
    TokenEstimator thirds = text -> (text.length() + 2) / 3;
    String emoji = "\uD83D\uDE00".repeat(400);
    for (int budget = 60; budget < 120; budget++) {
      Fixture f = fixture(2, 1, List.of(emoji));
      AssembledContext context =
          f.assembler()
              .assemble(
                  new ContextRequest("be brief", "where is my order", budget, thirds, 10, 5),
                  f.run());
      assertThat(context.estimatedTokens()).isLessThanOrEqualTo(budget);
      for (ContextItem item : context.items()) {
        assertThat(wellFormed(item.text()))
            .as("item %s at budget %d", item.origin(), budget)
            .isTrue();
      }
    }
  }

  private static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
