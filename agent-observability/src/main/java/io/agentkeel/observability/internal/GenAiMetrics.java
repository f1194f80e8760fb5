package io.agentkeel.observability.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The two client metrics of the OpenTelemetry GenAI semantic conventions, as Micrometer
 * distribution summaries with the conventions' units and explicit bucket boundaries: {@value
 * #TOKEN_USAGE} ({@code {token}}, tagged with {@code gen_ai.token.type}) and {@value #DURATION} (a
 * timer with the conventions' bucket boundaries, tagged with {@code error.type} on failure only, as
 * the conventions say). The response model is the provider's word, not configuration: at most
 * {@value #MAX_RESPONSE_MODELS} of them are told apart, and any later one is tagged {@value
 * #OTHER_RESPONSE_MODEL}, so that an endpoint naming a new model on every answer cannot grow the
 * registry without bound.
 */
public final class GenAiMetrics {

  /** How many response models the metrics tell apart. */
  public static final int MAX_RESPONSE_MODELS = 32;

  /** The response model tag of any model beyond the first {@value #MAX_RESPONSE_MODELS}. */
  public static final String OTHER_RESPONSE_MODEL = "_OTHER";

  /** The token usage metric's name. */
  public static final String TOKEN_USAGE = io.agentkeel.observability.MetricNames.TOKEN_USAGE;

  /** The operation duration metric's name. */
  public static final String DURATION = io.agentkeel.observability.MetricNames.OPERATION_DURATION;

  private static final double[] TOKEN_BUCKETS = {
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
  };
  private static final Duration[] DURATION_BUCKETS = durationBuckets();

  private static Duration[] durationBuckets() {
    // The convention's boundaries, 0.01 s doubling to 81.92 s.
    Duration[] buckets = new Duration[14];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = Duration.ofMillis(10L << i);
    }
    return buckets;
  }

  private record Key(String provider, String requestModel, String responseModel, String extra) {}

  private final MeterRegistry registry;
  private final ConcurrentMap<Key, Timer> durations = new ConcurrentHashMap<>();
  private final ConcurrentMap<Key, DistributionSummary> tokens = new ConcurrentHashMap<>();
  // The meters of successful calls by provider and models; the last one used is found without a
  // lookup, as an agent mostly calls one model.
  private final ConcurrentMap<Key, CallMeters> calls = new ConcurrentHashMap<>();
  private volatile CallMeters lastCall;
  private final Set<String> responseModels = ConcurrentHashMap.newKeySet();

  /**
   * The meters of successful calls to one provider and pair of models, each registered when first
   * used (as before, a token summary exists only once tokens were reported).
   */
  private final class CallMeters {
    private final Key key;
    private volatile Timer duration;
    private volatile DistributionSummary input;
    private volatile DistributionSummary output;

    CallMeters(Key key) {
      this.key = key;
    }

    boolean isFor(String provider, String requestModel, String responseModel) {
      return Objects.equals(key.provider(), provider)
          && Objects.equals(key.requestModel(), requestModel)
          && Objects.equals(key.responseModel(), responseModel);
    }

    // A race registers twice; the registry hands both the same meter.
    Timer duration() {
      Timer timer = duration;
      if (timer == null) {
        timer = durations.computeIfAbsent(key, GenAiMetrics.this::registerTimer);
        duration = timer;
      }
      return timer;
    }

    DistributionSummary input() {
      DistributionSummary summary = input;
      if (summary == null) {
        summary = tokens.computeIfAbsent(withExtra("input"), GenAiMetrics.this::registerSummary);
        input = summary;
      }
      return summary;
    }

    DistributionSummary output() {
      DistributionSummary summary = output;
      if (summary == null) {
        summary = tokens.computeIfAbsent(withExtra("output"), GenAiMetrics.this::registerSummary);
        output = summary;
      }
      return summary;
    }

    private Key withExtra(String extra) {
      return new Key(key.provider(), key.requestModel(), key.responseModel(), extra);
    }
  }

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
    if (errorType == null) {
      meters(provider, requestModel, responseModel).duration().record(nanos, TimeUnit.NANOSECONDS);
      return;
    }
    Key key = new Key(provider, requestModel, bounded(responseModel), errorType);
    Timer timer = durations.get(key);
    if (timer == null) {
      timer = durations.computeIfAbsent(key, this::registerTimer);
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
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
    CallMeters meters = meters(provider, requestModel, responseModel);
    meters.input().record(input);
    meters.output().record(output);
  }

  private CallMeters meters(String provider, String requestModel, String responseModel) {
    CallMeters last = lastCall;
    if (last != null && last.isFor(provider, requestModel, responseModel)) {
      return last;
    }
    CallMeters meters =
        calls.computeIfAbsent(
            new Key(provider, requestModel, bounded(responseModel), null), CallMeters::new);
    lastCall = meters;
    return meters;
  }

  // Racing callers may let a few more than the bound in; the set stays bounded all the same.
  private String bounded(String responseModel) {
    if (responseModel == null || responseModels.contains(responseModel)) {
      return responseModel;
    }
    if (responseModels.size() >= MAX_RESPONSE_MODELS) {
      return OTHER_RESPONSE_MODEL;
    }
    responseModels.add(responseModel);
    return responseModel;
  }

  private DistributionSummary registerSummary(Key key) {
    return DistributionSummary.builder(TOKEN_USAGE)
        .description("tokens used per chat call")
        .baseUnit("{token}")
        .serviceLevelObjectives(TOKEN_BUCKETS)
        .tags(tags(key))
        .tag("gen_ai.token.type", key.extra())
        .register(registry);
  }

  private Timer registerTimer(Key key) {
    Timer.Builder builder =
        Timer.builder(DURATION)
            .description("duration of chat calls")
            .serviceLevelObjectives(DURATION_BUCKETS)
            .tags(tags(key));
    if (key.extra() != null) {
      builder.tag("error.type", key.extra());
    }
    return builder.register(registry);
  }

  private static Tags tags(Key key) {
    Tags tags =
        Tags.of(
            "gen_ai.operation.name", "chat",
            "gen_ai.provider.name", key.provider(),
            "gen_ai.request.model", key.requestModel());
    return key.responseModel() == null
        ? tags
        : tags.and("gen_ai.response.model", key.responseModel());
  }
}
