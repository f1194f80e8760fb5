package io.agentkeel.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.agentkeel.observability.DecisionLog;
import io.agentkeel.observability.DecisionLogSettings;
import io.agentkeel.observability.MetricsSettings;
import io.agentkeel.observability.Observability;
import io.agentkeel.observability.ObservabilityExtension;
import io.agentkeel.observability.TracingSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.OutputStream;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Observability with everything on, as an application would run it: metrics in a Micrometer
 * registry, spans through the OpenTelemetry SDK's batch processor, the decision log encoded by
 * Logback. Spans and log bytes end in sinks that count and discard them, so the figure is the
 * agent's cost, not the disk's or the network's.
 */
final class ObservedAgents implements AutoCloseable {

  final AtomicLong spansExported = new AtomicLong();
  final AtomicLong logBytes = new AtomicLong();
  final Observability observability;
  private final OpenTelemetrySdk sdk;
  private final OutputStreamAppender<ILoggingEvent> appender;
  private final Logger decisions;

  ObservedAgents() {
    this("none");
  }

  /**
   * Everything on but one part, to see what each costs.
   *
   * @param without {@code none}, {@code tracing}, {@code decision-log} or {@code metrics}
   */
  ObservedAgents(String without) {
    SpanExporter discard =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            spansExported.addAndGet(spans.size());
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        };
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    // A queue that holds a burst of 10,000 tasks' spans: the default (2,048)
                    // drops most of them, and spans dropped cost nothing.
                    .addSpanProcessor(
                        BatchSpanProcessor.builder(discard).setMaxQueueSize(65_536).build())
                    .build())
            .build();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setImmediateFlush(false);
    appender.setOutputStream(
        new OutputStream() {
          @Override
          public void write(int b) {
            logBytes.incrementAndGet();
          }

          @Override
          public void write(byte[] b, int off, int len) {
            logBytes.addAndGet(len);
          }
        });
    appender.start();
    decisions = context.getLogger(DecisionLog.LOGGER_NAME);
    decisions.setLevel(Level.INFO);
    decisions.setAdditive(false);
    decisions.addAppender(appender);
    observability =
        without(
                Observability.builder().meterRegistry(new SimpleMeterRegistry()).openTelemetry(sdk),
                without)
            .build();
  }

  private static Observability.Builder without(Observability.Builder builder, String part) {
    return switch (part) {
      case "none" -> builder;
      case "tracing" -> builder.tracing(new TracingSettings(false, false, ""));
      case "decision-log" ->
          builder.decisionLog(
              new DecisionLogSettings(false, DecisionLogSettings.PrincipalField.ID, false, true));
      case "metrics" -> builder.metrics(new MetricsSettings(false, "", false));
      default ->
          throw new IllegalArgumentException(
              "without must be none, tracing, decision-log or metrics, was " + part);
    };
  }

  ObservabilityExtension extension() {
    return new ObservabilityExtension(observability);
  }

  @Override
  public void close() {
    sdk.close();
    decisions.detachAppender(appender);
    appender.stop();
  }
}
