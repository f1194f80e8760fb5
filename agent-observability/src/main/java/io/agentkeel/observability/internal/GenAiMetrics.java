package io.agentkeel.observability.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The two client metrics of the OpenTelemetry GenAI semantic conventions, as Micrometer
 * distribution summaries with the conventions' units and explicit bucket boundaries: {@value
 * #TOKEN_USAGE} ({@code {token}}, tagged with {@code gen_ai.token.type}) and {@value #DURATION}
 * (seconds, tagged with {@code error.type} on failure only, as the conventions say).
 */
public final class GenAiMetrics {

  /** The token usage metric's name. */
  public static final String TOKEN_USAGE = io.agentkeel.observability.MetricNames.TOKEN_USAGE;

  /** The operation duration metric's name. */
  public static final String DURATION = io.agentkeel.observability.MetricNames.OPERATION_DURATION;

  private static final double[] TOKEN_BUCKETS = {
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
  };
  private static final double[] DURATION_BUCKETS = {
    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92
  };

  private record Key(String provider, String requestModel, String responseModel, String extra) {}

  private final MeterRegistry registry;
  private final ConcurrentMap<Key, DistributionSummary> durations = new ConcurrentHashMap<>();
  private final ConcurrentMap<Key, DistributionSummary> tokens = new ConcurrentHashMap<>();

  /**
   * Creates the metrics.
   *
   * @param registry where they are registered
   */
  public GenAiMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Records one chat call's duration.
   *
   * @param provider the provider
   * @param requestModel the model asked for
   * @param responseModel the model that answered; null if unknown
   * @param errorType the error's type; null on success
   * @param nanos how long it took
   */
  public void duration(
      String provider, String requestModel, String responseModel, String errorType, long nanos) {
    Key key = new Key(provider, requestModel, responseModel, errorType);
    DistributionSummary summary = durations.get(key);
    if (summary == null) {
      summary = durations.computeIfAbsent(key, k -> register(DURATION, "s", DURATION_BUCKETS, k));
    }
    summary.record(nanos / 1e9);
  }

  /**
   * Records one chat call's token usage.
   *
   * @param provider the provider
   * @param requestModel the model asked for
   * @param responseModel the model that answered; null if unknown
   * @param input input tokens
   * @param output output tokens
   */
  public void tokens(
      String provider, String requestModel, String responseModel, long input, long output) {
    token(new Key(provider, requestModel, responseModel, "input"), input);
    token(new Key(provider, requestModel, responseModel, "output"), output);
  }

  private void token(Key key, long count) {
    DistributionSummary summary = tokens.get(key);
    if (summary == null) {
      summary =
          tokens.computeIfAbsent(key, k -> register(TOKEN_USAGE, "{token}", TOKEN_BUCKETS, k));
    }
    summary.record(count);
  }

  private DistributionSummary register(String name, String unit, double[] buckets, Key key) {
    DistributionSummary.Builder builder =
        DistributionSummary.builder(name)
            .baseUnit(unit)
            .serviceLevelObjectives(buckets)
            .tag("gen_ai.operation.name", "chat")
            .tag("gen_ai.provider.name", key.provider())
            .tag("gen_ai.request.model", key.requestModel());
    if (key.responseModel() != null) {
      builder.tag("gen_ai.response.model", key.responseModel());
    }
    if (name.equals(TOKEN_USAGE)) {
      builder.tag("gen_ai.token.type", key.extra());
    } else if (key.extra() != null) {
      builder.tag("error.type", key.extra());
    }
    return builder.register(registry);
  }
}
