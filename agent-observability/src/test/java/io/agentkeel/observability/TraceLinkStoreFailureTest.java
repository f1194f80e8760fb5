package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TokenUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The application's trace link store (a shared cache or table) may fail: the links are lost, never
 * the spans of the runs nor the users' ratings.
 */
class TraceLinkStoreFailureTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = Events.sdk(exporter);

  /** A shared store that is down. */
  private static final class Unreachable implements TraceLinkStore {
    @Override
    public void put(String taskId, String traceparent) {
      throw new IllegalStateException("connection refused");
    }

    @Override
    public Optional<String> get(String taskId) {
      throw new IllegalStateException("connection refused");
    }
  }

  @AfterEach
  void close() {
    sdk.close();
  }

  @Test
  void aStoreThatFailsCostsTheLinksNotTheSpansNorTheRatings() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Observability observability =
        Observability.builder()
            .meterRegistry(registry)
            .openTelemetry(sdk)
            .traceLinks(new Unreachable())
            .clock(Events.CLOCK)
            .build();
    RunContext first = Events.run("t-1", Events.ORDERS);
    observability
        .listener()
        .onEvent(new AgentEvent.TaskStarted("t-1", Events.AT, "orders", "alice"), first);
    observability.listener().onEvent(finished(), first);
    // The task is resumed after a review, in a run of its own.
    RunContext resumed = Events.run("t-1", Events.ORDERS);
    observability
        .listener()
        .onEvent(
            new AgentEvent.ReviewDecided("t-1", Events.AT, "rq-1", "rita", "approve"), resumed);
    observability.listener().onEvent(finished(), resumed);

    // Before: the resumed run's span was never opened (each event failed on the store), and the
    // rating threw out of record() without being counted.
    assertThat(exporter.getFinishedSpanItems())
        .extracting(SpanData::getName)
        .containsExactly("invoke_agent orders", "invoke_agent orders");
    assertThatCode(() -> observability.feedback().thumbsUp("t-1")).doesNotThrowAnyException();
    observability.listener().flush();
    assertThat(
            registry
                .get(MetricNames.FEEDBACK)
                .tags("workflow", "orders", "rating", "up")
                .counter()
                .count())
        .isEqualTo(1);
  }

  private static AgentEvent finished() {
    return new AgentEvent.TaskFinished(
        "t-1", Events.AT, new Outcome.Completed(), Duration.ofMillis(5), TokenUsage.ZERO, 1);
  }
}
