package io.agentkeel.observability.archfixture;

import com.google.inject.Inject;
import com.google.inject.Injector;

/** Fixture that breaks rule 2: observability uses Guice instead of jakarta.inject. */
public final class ObservabilityUsingGuice {
  private final Injector injector;

  @Inject
  ObservabilityUsingGuice(Injector injector) {
    this.injector = injector;
  }

  Injector injector() {
    return injector;
  }
}
