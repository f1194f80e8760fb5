package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryTaskJournal;
import io.agentkeel.testkit.ModelStep;
import io.agentkeel.testkit.ScriptedChatModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A task continued from its journal by a real agent, with the trace link store two processes share:
 * the continued run links to the first run's span, which stays the task's.
 */
class AgentRecoveryTracingTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = Events.sdk(exporter);
  private final InMemoryTaskJournal journal = new InMemoryTaskJournal();
  private final Map<String, String> shared = new ConcurrentHashMap<>();
  private final TraceLinkStore links =
      new TraceLinkStore() {
        @Override
        public void put(String taskId, String traceparent) {
          shared.put(taskId, traceparent);
        }

        @Override
        public Optional<String> get(String taskId) {
          return Optional.ofNullable(shared.get(taskId));
        }
      };
  private final CountDownLatch stuck = new CountDownLatch(1);
  private final CountDownLatch never = new CountDownLatch(1);

  @AfterEach
  void close() {
    never.countDown();
    sdk.close();
  }

  private Observability observability() {
    return Observability.builder()
        .meterRegistry(new SimpleMeterRegistry())
        .openTelemetry(sdk)
        .traceLinks(links)
        .build();
  }

  @Test
  void aRunContinuedFromItsJournalLinksToTheFirstRunAndLeavesItTheTasks() throws Exception {
    // The first process runs the task until its second model call, where it dies (hangs).
    Agent first =
        AgentKeel.builder()
            .model(
                "primary",
                ScriptedChatModel.responding(
                    "primary",
                    request -> {
                      if (request.messages().stream().anyMatch(m -> m instanceof AiMessage)) {
                        stuck.countDown();
                        try {
                          never.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        throw new IllegalStateException("the first process is gone");
                      }
                      return ModelStep.toolCall("lookup_order", "{\"order_id\":\"A-1\"}");
                    }))
            .tools(new ShopTools())
            .workflow(AgentScenarioTest.ORDERS)
            .taskJournal(journal)
            .extension(new ObservabilityExtension(observability()))
            .noPluginDiscovery()
            .build();
    first.submit(AgentScenarioTest.task("t-rec", "Where is A-1?"));
    assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
    journal.flush();
    String firstSpan = shared.get("t-rec");
    assertThat(firstSpan).as("the first run's span is the task's").isNotNull();

    // Another process, sharing the journal and the trace link store, continues it.
    try (Agent survivor =
        AgentKeel.builder()
            .model(
                "primary",
                ScriptedChatModel.responding(
                    "primary", request -> ModelStep.answer("A-1 has shipped.", 0.95, "looked")))
            .tools(new ShopTools())
            .workflow(AgentScenarioTest.ORDERS)
            .taskJournal(journal)
            .extension(new ObservabilityExtension(observability()))
            .noPluginDiscovery()
            .build()) {
      Optional<AgentResult> result = survivor.recover("t-rec");
      assertThat(result).get().extracting(AgentResult::completed).isEqualTo(true);
    }

    SpanData recovered =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getName().equals("invoke_agent orders"))
            .filter(s -> !firstSpan.contains(s.getSpanId()))
            .findFirst()
            .orElseThrow();
    // Before: core announces a recovered run with TaskStarted before TaskRecovered, so the run
    // was opened as a first run: no link, and its span replaced the first run's as the task's.
    assertThat(recovered.getLinks())
        .singleElement()
        .satisfies(link -> {
          assertThat(firstSpan).contains(link.getSpanContext().getSpanId());
          assertThat(link.getAttributes().get(AttributeKey.stringKey("agentkeel.link.reason")))
              .isEqualTo("recovered_from_journal");
        });
    assertThat(shared.get("t-rec")).as("the task's first span is kept").isEqualTo(firstSpan);
  }
}
