package io.agentkeel.core.tool;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Default;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import java.util.List;
import java.util.Optional;

/** Tools shared by the tests of this package. */
final class SampleTools {

  private SampleTools() {}

  enum Status {
    ALL,
    PENDING,
    IN_TRANSIT,
    DELIVERED
  }

  /**
   * Five fields: a required string, a defaulted enum, a bounded defaulted int, an optional, a list.
   */
  record SearchOrders(
      @Param(value = "The customer's id, such as C-1042.", pattern = "^C-[0-9]{1,8}$")
          String customerId,
      @Param("Which orders to list; pending means not shipped yet.") @Default("all") Status status,
      @Param(value = "How many days back to look.", min = 1, max = 365) @Default("30")
          int dateRangeDays,
      @Param(value = "Words that must appear in the order note.", maxLength = 40)
          Optional<String> note,
      @Param(value = "Tags the orders must carry.", maxLength = 5) List<String> tags) {}

  record Order(String id) {}

  record OrderPage(List<Order> orders) {}

  static final class OrderTools {
    @AgentTool(
        name = "search_customer_orders",
        description = "Lists a customer's orders, newest first, at most 50.",
        whenToUse = "When the customer asks about their orders but gives no order number.",
        scopes = "orders:read",
        sideEffect = SideEffect.READ_ONLY,
        maxResults = 50)
    public OrderPage search(SearchOrders request) {
      return new OrderPage(List.of());
    }
  }

  static Tool<?, ?> search() {
    return AnnotatedTools.of(new OrderTools()).get(0);
  }

  record Query(String query) {}

  static final class BadTools {
    @AgentTool(
        name = "do_stuff",
        description = "Does stuff.",
        whenToUse = "",
        sideEffect = SideEffect.WRITE)
    public List<String> doStuff(Query query) {
      return List.of();
    }
  }

  record Manage(
      @Param("What to do with the order: cancel, refund or reship.") String mode,
      @Param("The order's id.") String orderId) {}

  static final class ModeTools {
    @AgentTool(
        name = "manage_order",
        description = "Cancels, refunds or reships an order.",
        whenToUse = "When the customer wants something changed about an order.",
        scopes = "orders:write",
        sideEffect = SideEffect.DESTRUCTIVE)
    public String manage(Manage request) {
      return "done";
    }
  }
}
