package io.agentkeel.examples.orders;

import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.time.Clock;
import java.util.List;

/**
 * The plugin's entry point, listed in META-INF/services: the customer-order tools over sample data.
 */
public final class OrdersToolProvider implements ToolProvider {

  /** Makes the provider; it does no work until {@link #tools} is called. */
  public OrdersToolProvider() {}

  @Override
  public String name() {
    return "example-orders";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public List<Tool<?, ?>> tools(ToolProviderContext context) {
    return AnnotatedTools.of(new OrderTools(OrderStore.withSampleData(Clock.systemUTC())));
  }
}
