package io.agentkeel.examples.orders;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Default;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolException;
import java.util.List;

/** The customer-order tools: one job each. Thread-safe. */
public final class OrderTools {

  /** The most orders one search returns. */
  public static final int MAX_ORDERS = 50;

  private final OrderStore store;

  /**
   * Makes the tools over a store.
   *
   * @param store the orders
   */
  public OrderTools(OrderStore store) {
    this.store = store;
  }

  /**
   * Arguments of {@code search_customer_orders}.
   *
   * @param customerId the customer
   * @param status which orders to list
   * @param dateRangeDays how many days back to look
   */
  public record SearchCustomerOrders(
      @Param(value = "The customer's id, such as C-1042.", pattern = "^C-[0-9]+$")
          String customerId,
      @Param(
              "Which orders to list: all, or only those in one status. pending means placed but"
                  + " not shipped yet.")
          @Default("all")
          StatusFilter status,
      @Param(value = "How many days back to look, from 1 to 365.", min = 1, max = 365)
          @Default("30")
          int dateRangeDays) {}

  /**
   * A page of orders.
   *
   * @param orders at most {@value OrderTools#MAX_ORDERS} orders, newest first
   * @param total how many orders matched, which may be more than listed
   * @param truncated whether orders were left out
   */
  public record OrderPage(List<Order> orders, long total, boolean truncated) {}

  /**
   * Lists a customer's orders.
   *
   * @param request the arguments
   * @return the orders, newest first
   */
  @AgentTool(
      name = "search_customer_orders",
      description =
          "Lists a customer's orders placed in the last date_range_days days, newest first, at"
              + " most 50, with how many matched in total.",
      whenToUse =
          "When the customer asks about their orders but gives no order number. Use status ="
              + " \"pending\" when they ask what has not shipped yet; leave status as \"all\" to"
              + " see everything.",
      scopes = "orders:read",
      sideEffect = SideEffect.READ_ONLY,
      maxResults = MAX_ORDERS)
  public OrderPage searchCustomerOrders(SearchCustomerOrders request) {
    var status = request.status().status();
    List<Order> orders =
        store.search(request.customerId(), status, request.dateRangeDays(), MAX_ORDERS);
    long total = store.count(request.customerId(), status, request.dateRangeDays());
    return new OrderPage(orders, total, total > orders.size());
  }

  /**
   * Arguments of {@code get_order}.
   *
   * @param orderId the order number
   */
  public record GetOrder(
      @Param(value = "The order number, such as O-10001.", pattern = "^O-[0-9]+$")
          String orderId) {}

  /**
   * Looks up one order.
   *
   * @param request the arguments
   * @return the order
   * @throws ToolException if there is no such order
   */
  @AgentTool(
      name = "get_order",
      description = "Gives one order's status, items, total and date by its order number.",
      whenToUse = "When the customer gives an order number and asks about that order.",
      scopes = "orders:read",
      sideEffect = SideEffect.READ_ONLY)
  public Order getOrder(GetOrder request) throws ToolException {
    return store
        .find(request.orderId())
        .orElseThrow(() ->
            ToolException.permanent(
                "there is no order "
                    + request.orderId()
                    + "; ask the customer to check the number, or search their orders"));
  }

  /**
   * Arguments of {@code cancel_order}.
   *
   * @param orderId the order number
   * @param reason why the customer cancels
   */
  public record CancelOrder(
      @Param(value = "The number of the order to cancel, such as O-10001.", pattern = "^O-[0-9]+$")
          String orderId,
      @Param(value = "Why the customer cancels, in their words.", minLength = 3, maxLength = 200)
          String reason) {}

  /**
   * Cancels a pending order.
   *
   * @param request the arguments
   * @return the cancelled order
   * @throws ToolException if there is no such order or it has shipped
   */
  @AgentTool(
      name = "cancel_order",
      description =
          "Cancels one order that has not shipped yet and returns it with status cancelled.",
      whenToUse =
          "When the customer clearly asks to cancel a specific order that is still pending."
              + " Confirm the order number first; a shipped order cannot be cancelled.",
      scopes = "orders:write",
      sideEffect = SideEffect.DESTRUCTIVE)
  public Order cancelOrder(CancelOrder request) throws ToolException {
    Order order = getOrder(new GetOrder(request.orderId()));
    if (order.status() != OrderStatus.PENDING) {
      throw ToolException.permanent(
          "order "
              + order.orderId()
              + " is "
              + order.status().name().toLowerCase(java.util.Locale.ROOT)
              + " and can no longer be cancelled; offer a return instead");
    }
    Order cancelled = order.cancelled();
    store.put(cancelled);
    return cancelled;
  }

  /**
   * Arguments of {@code refund_order}.
   *
   * @param orderId the order number
   * @param reason why the customer gets their money back
   */
  public record RefundOrder(
      @Param(value = "The number of the order to refund, such as O-10001.", pattern = "^O-[0-9]+$")
          String orderId,
      @Param(
              value = "Why the customer is refunded, in their words.",
              minLength = 3,
              maxLength = 200)
          String reason) {}

  /**
   * A refund paid back to the customer.
   *
   * @param orderId the refunded order
   * @param amount the amount paid back, in euros: the order's total
   * @param reason why
   */
  public record Refund(String orderId, java.math.BigDecimal amount, String reason) {}

  /**
   * Refunds a delivered order in full, once.
   *
   * @param request the arguments
   * @return the refund
   * @throws ToolException if there is no such order, it was not delivered, or it was refunded
   *     already
   */
  @AgentTool(
      name = "refund_order",
      description =
          "Pays back the full total of one delivered order to the customer, at most once per"
              + " order, and returns the refund.",
      whenToUse =
          "When the customer asks for their money back for a specific delivered order, for"
              + " example because it arrived damaged.",
      scopes = "orders:write",
      sideEffect = SideEffect.WRITE)
  public Refund refundOrder(RefundOrder request) throws ToolException {
    Order order = getOrder(new GetOrder(request.orderId()));
    if (order.status() != OrderStatus.DELIVERED) {
      throw ToolException.permanent(
          "order "
              + order.orderId()
              + " is "
              + order.status().name().toLowerCase(java.util.Locale.ROOT)
              + "; only a delivered order can be refunded (cancel a pending one instead)");
    }
    if (!store.markRefunded(order.orderId())) {
      throw ToolException.permanent(
          "order " + order.orderId() + " was refunded already; a refund is paid once");
    }
    return new Refund(order.orderId(), order.total(), request.reason());
  }
}
