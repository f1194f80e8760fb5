package io.agentkeel.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GenAiMetricsTest {

  @Test
  void anEndpointNamingANewModelOnEveryAnswerCannotGrowTheRegistry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GenAiMetrics metrics = new GenAiMetrics(registry);

    for (int i = 0; i < 10_000; i++) {
      String answeredBy = "gpt-4o-" + i;
      metrics.duration("openai", "gpt-4o", answeredBy, null, 1_000_000);
      metrics.tokens("openai", "gpt-4o", answeredBy, 10, 2);
      metrics.duration("openai", "gpt-4o", answeredBy, "java.net.SocketTimeoutException", 5);
    }

    var responseModels =
        registry.getMeters().stream()
            .map(Meter::getId)
            .map(id -> id.getTag("gen_ai.response.model"))
            .collect(Collectors.toSet());
    assertThat(responseModels)
        .hasSize(GenAiMetrics.MAX_RESPONSE_MODELS + 1)
        .contains("gpt-4o-0", "gpt-4o-31", GenAiMetrics.OTHER_RESPONSE_MODEL)
        .doesNotContain("gpt-4o-32");
    // Timers of successes and of failures, input and output token summaries: two of each.
    assertThat(registry.find(GenAiMetrics.DURATION).timers())
        .hasSize(2 * (GenAiMetrics.MAX_RESPONSE_MODELS + 1));
    assertThat(registry.find(GenAiMetrics.TOKEN_USAGE).summaries())
        .hasSize(2 * (GenAiMetrics.MAX_RESPONSE_MODELS + 1));
    // Nothing is lost: every call is counted, the later ones under the overflow tag.
    long calls =
        registry.find(GenAiMetrics.DURATION).tagKeys("gen_ai.response.model").timers().stream()
            .filter(t -> t.getId().getTag("error.type") == null)
            .mapToLong(Timer::count)
            .sum();
    assertThat(calls).isEqualTo(10_000);
    assertThat(
            registry
                .get(GenAiMetrics.DURATION)
                .tag("gen_ai.response.model", GenAiMetrics.OTHER_RESPONSE_MODEL)
                .tag("error.type", "java.net.SocketTimeoutException")
                .timer()
                .count())
        .isEqualTo(10_000 - GenAiMetrics.MAX_RESPONSE_MODELS);
  }

  @Test
  void aCallWithoutAResponseModelHasNoSuchTag() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new GenAiMetrics(registry).duration("openai", "gpt-4o", null, null, 1);
    assertThat(registry.get(GenAiMetrics.DURATION).timer().getId().getTag("gen_ai.response.model"))
        .isNull();
  }
}
