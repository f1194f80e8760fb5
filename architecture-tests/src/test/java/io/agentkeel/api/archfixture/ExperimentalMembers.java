package io.agentkeel.api.archfixture;

import io.agentkeel.api.Experimental;

/** Fixture: a public API type with a public experimental method (fine) and a private one (not). */
public final class ExperimentalMembers {
  /** Fine: public API. */
  @Experimental
  public void mayChange() {}

  /** Breaks the rule: private, so never API. */
  @Experimental
  @SuppressWarnings("unused")
  private void hidden() {}
}
