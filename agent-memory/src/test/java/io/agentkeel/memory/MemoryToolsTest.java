package io.agentkeel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.ToolCallInfo;
import io.agentkeel.api.ToolCallResult;
import io.agentkeel.api.memory.MemoryOwner;
import io.agentkeel.api.memory.MemoryQuery;
import io.agentkeel.api.memory.RecalledMemory;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolContext;
import io.agentkeel.tools.spi.ToolException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryToolsTest {

  private final EmbeddingStoreLongTermMemory memory =
      new EmbeddingStoreLongTermMemory(
          new InMemoryEmbeddingStore<>(), new HashingModel(), Clock.systemUTC());

  private static final OutputFilter REDACT_DIGITS =
      new OutputFilter() {
        @Override
        public String name() {
          return "digits";
        }

        @Override
        public String filter(String text, OutputChannel channel, RunContext context) {
          return channel == OutputChannel.MEMORY_WRITE ? text.replaceAll("[0-9]", "#") : text;
        }
      };

  private static <P extends Record, R> R call(
      MemoryToolScope scope, Tool<P, R> tool, P arguments, RunContext run) throws Exception {
    ToolContext context =
        new ToolContext(run.task().id(), run.principal().id(), Instant.now().plusSeconds(5));
    AtomicReference<R> result = new AtomicReference<>();
    scope.intercept(
        new ToolCallInfo(tool.descriptor().name(), "call-1", tool.descriptor().sideEffect(), "{}"),
        run,
        () -> {
          result.set(tool.invoke(arguments, context));
          return null;
        });
    return result.get();
  }

  @Test
  void declaresTheirScopesAndSideEffects() {
    assertThat(MemoryTools.rememberFact(memory, Clock.systemUTC()).descriptor().scopes())
        .containsExactly("memory:write");
    assertThat(MemoryTools.rememberFact(memory, Clock.systemUTC()).descriptor().sideEffect())
        .isEqualTo(SideEffect.WRITE);
    assertThat(MemoryTools.recallMemories(memory).descriptor().scopes())
        .containsExactly("memory:read");
    assertThat(MemoryTools.recallMemories(memory).descriptor().sideEffect())
        .isEqualTo(SideEffect.READ_ONLY);
  }

  @Test
  void aRememberedFactPassesTheOutputFiltersAndBelongsToTheTasksOwner() throws Exception {
    MemoryToolScope scope = new MemoryToolScope(new LinkedHashSet<>(List.of(REDACT_DIGITS)));
    RunContext run = Runs.run("t1", "acme", "alice", null, Map.of(), "remember my card");
    String answer =
        call(
            scope,
            MemoryTools.rememberFact(memory, Clock.systemUTC()),
            new MemoryTools.RememberFact("My card is 4111 1111"),
            run);
    assertThat(answer).isEqualTo("Remembered.");
    List<RecalledMemory> kept =
        memory.recall(MemoryQuery.of(new MemoryOwner("acme", "alice"), "card", 5));
    assertThat(kept)
        .singleElement()
        .satisfies(r -> {
          assertThat(r.record().text()).isEqualTo("My card is #### ####");
          assertThat(r.record().metadata()).containsEntry("task", "t1");
        });
    assertThat(memory.recall(MemoryQuery.of(new MemoryOwner("other", "alice"), "card", 5)))
        .isEmpty();
    List<String> recalled =
        call(
            scope,
            MemoryTools.recallMemories(memory),
            new MemoryTools.RecallMemories("card", 3),
            run);
    assertThat(recalled).singleElement().asString().startsWith("My card is #### ####");
  }

  @Test
  void aFailingFilterKeepsNothing() {
    OutputFilter failing =
        new OutputFilter() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public String filter(String text, OutputChannel channel, RunContext context) {
            throw new IllegalStateException("boom");
          }
        };
    MemoryToolScope scope = new MemoryToolScope(Set.of(failing));
    RunContext run = Runs.run("t1", "acme", "alice", null, Map.of(), "x");
    assertThatThrownBy(() ->
            call(
                scope,
                MemoryTools.rememberFact(memory, Clock.systemUTC()),
                new MemoryTools.RememberFact("secret"),
                run))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("not kept");
    assertThat(memory.recall(MemoryQuery.of(new MemoryOwner("acme", "alice"), "secret", 5)))
        .isEmpty();
  }

  @Test
  void withoutTheScopeTheToolsRefuseRatherThanGuess() {
    ToolContext context = new ToolContext("t1", "alice", Instant.now().plusSeconds(5));
    assertThatThrownBy(() ->
            MemoryTools.rememberFact(memory, Clock.systemUTC())
                .invoke(new MemoryTools.RememberFact("x"), context))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("not available");
    assertThatThrownBy(() ->
            MemoryTools.recallMemories(memory)
                .invoke(new MemoryTools.RecallMemories("x", 3), context))
        .isInstanceOf(ToolException.class);
  }

  @Test
  void otherToolsPassThroughTheScopeUntouched() throws Exception {
    MemoryToolScope scope = new MemoryToolScope(Set.of());
    RunContext run = Runs.run("t1", "acme", "alice", null, Map.of(), "x");
    ToolCallResult result =
        scope.intercept(
            new ToolCallInfo("other_tool", "c", SideEffect.READ_ONLY, "{}"),
            run,
            () -> {
              assertThat(io.agentkeel.memory.internal.CurrentRun.get()).isEmpty();
              return null;
            });
    assertThat(result).isNull();
  }
}
