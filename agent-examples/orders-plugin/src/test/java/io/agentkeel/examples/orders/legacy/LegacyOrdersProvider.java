package io.agentkeel.examples.orders.legacy;

import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.util.List;

/**
 * A second plugin whose tool name clashes with the example's; packed into its own jar by the test.
 */
public final class LegacyOrdersProvider implements ToolProvider {

  /** Arguments. */
  public record Search(@Param("The customer's id.") String customerId) {}

  @Override
  public String name() {
    return "legacy-orders";
  }

  @Override
  public String version() {
    return "0.9";
  }

  @Override
  public List<Tool<?, ?>> tools(ToolProviderContext context) {
    return List.of(
        Tool.of(
            Search.class,
            ToolDescriptor.builder("search_customer_orders")
                .description("Lists a customer's orders from the legacy system.")
                .whenToUse("When the customer asks about orders placed before 2020.")
                .scopes("orders:read")
                .sideEffect(SideEffect.READ_ONLY)
                .parameters(Search.class)
                .result(String.class)
                .build(),
            (p, c) -> "none"));
  }
}
