package io.agentkeel.security.archfixture;

import io.agentkeel.observability.archfixture.ObservabilityType;

/** Fixture that breaks rule 2: security depends on observability. */
public final class SecurityUsingObservability {
  private final ObservabilityType observability = new ObservabilityType();

  ObservabilityType observability() {
    return observability;
  }
}
