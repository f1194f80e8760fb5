package io.agentkeel.examples.orders;

import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * The plugin's entry point, listed in META-INF/services: the customer-order tools over sample data.
 *
 * <p>Settings (the agent's {@code tools.example-orders.*}, e.g. the environment variable {@code
 * AGENTKEEL_TOOLS_EXAMPLE_ORDERS_ZONE}): {@code zone}, the time zone in which order dates are
 * counted, {@code UTC} by default.
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
    String zone = context.setting("zone").orElse("UTC");
    Clock clock;
    try {
      clock = Clock.system(ZoneId.of(zone));
    } catch (DateTimeException e) {
      throw new IllegalStateException(
          "setting zone is '" + zone + "', which is no time zone; use e.g. Europe/Paris", e);
    }
    return AnnotatedTools.of(new OrderTools(OrderStore.withSampleData(clock)));
  }
}
