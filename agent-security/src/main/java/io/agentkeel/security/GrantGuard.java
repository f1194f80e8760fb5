package io.agentkeel.security;

import io.agentkeel.api.GuardVerdict;
import io.agentkeel.api.InputGuard;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.TextSource;
import io.agentkeel.api.UntrustedText;
import java.util.Optional;

/**
 * Refuses, before the model is called, a task whose principal holds a grant the deployment's {@link
 * ToolGrants} do not give it: least privilege holds even for a task that was not narrowed. Looks
 * only at the user input that starts a task; every other text passes unchanged. Thread-safe.
 */
final class GrantGuard implements InputGuard {
  private final ToolGrants grants;

  GrantGuard(ToolGrants grants) {
    this.grants = grants;
  }

  @Override
  public String name() {
    return "agentkeel-grants";
  }

  @Override
  public GuardVerdict inspect(UntrustedText text, RunContext context) {
    if (text.source() != TextSource.USER_INPUT) {
      return GuardVerdict.allow(text.text());
    }
    Optional<String> excess = grants.excess(context.principal());
    return excess.isPresent() ? GuardVerdict.block(excess.get()) : GuardVerdict.allow(text.text());
  }
}
