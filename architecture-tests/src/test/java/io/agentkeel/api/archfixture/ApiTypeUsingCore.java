package io.agentkeel.api.archfixture;

import io.agentkeel.core.archfixture.CoreType;

/** Fixture that breaks rule 1: an API type that depends on core. */
public final class ApiTypeUsingCore {
  private final CoreType core = new CoreType();

  CoreType core() {
    return core;
  }
}
