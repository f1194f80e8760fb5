package io.agentkeel.testkit;

import io.agentkeel.tools.spi.ToolProvider;

/** The contract passes for a well-made provider. */
class GoodProviderContractTest extends ToolProviderContract {
  @Override
  protected ToolProvider provider() {
    return new GoodProvider();
  }
}
