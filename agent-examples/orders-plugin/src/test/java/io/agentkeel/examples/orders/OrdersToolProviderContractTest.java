package io.agentkeel.examples.orders;

import io.agentkeel.testkit.ToolProviderContract;
import io.agentkeel.tools.spi.ToolProvider;

/** The example plugin passes the test kit's contract with a clean lint. */
class OrdersToolProviderContractTest extends ToolProviderContract {
  @Override
  protected ToolProvider provider() {
    return new OrdersToolProvider();
  }
}
