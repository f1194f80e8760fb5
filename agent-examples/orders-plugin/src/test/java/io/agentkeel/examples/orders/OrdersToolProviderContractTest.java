package io.agentkeel.examples.orders;

import io.agentkeel.testkit.ToolProviderContract;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.util.Map;

/** The example plugin passes the test kit's contract with a clean lint, configured as deployed. */
class OrdersToolProviderContractTest extends ToolProviderContract {
  @Override
  protected ToolProvider provider() {
    return new OrdersToolProvider();
  }

  @Override
  protected ToolProviderContext context() {
    return ToolProviderContext.of(Map.of("zone", "Europe/Paris"), getClass().getClassLoader());
  }
}
