package com.example.consumer;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolContext;

/** The application's tools. */
public final class OrderTools {

  /**
   * Arguments of find_order.
   *
   * @param orderId the order
   */
  public record FindOrder(@Param("The order's id, such as A-17.") String orderId) {}

  /**
   * Shows one order's state.
   *
   * @param request the order
   * @param context who asks
   * @return the state
   */
  @AgentTool(
      name = "find_order",
      description = "Shows one order's state.",
      whenToUse = "When the customer names an order.",
      scopes = "orders:read",
      sideEffect = SideEffect.READ_ONLY)
  public String find(FindOrder request, ToolContext context) {
    return request.orderId() + " shipped on Monday (looked up for " + context.principalId() + ")";
  }
}
