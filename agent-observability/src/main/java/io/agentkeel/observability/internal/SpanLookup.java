package io.agentkeel.observability.internal;

import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;

/** Finds the span of a run, so that other records can name its trace. */
@FunctionalInterface
public interface SpanLookup {

  /** A lookup that finds nothing. */
  SpanLookup NONE = runId -> Optional.empty();

  /**
   * The span of a run.
   *
   * @param runId the run
   * @return its span context, if the run is traced and still open
   */
  Optional<SpanContext> spanOf(String runId);
}
