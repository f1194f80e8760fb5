package io.agentkeel.api.archfixture;

import io.agentkeel.api.Experimental;

/** Fixture that keeps the @Experimental rule: a public API type that may still change. */
@Experimental
public interface ExperimentalApi {
  /**
   * May change.
   *
   * @return nothing much
   */
  @Experimental
  String value();
}
