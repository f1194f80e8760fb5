package io.agentkeel.examples.orders;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One customer order.
 *
 * @param orderId the order number, such as {@code O-10001}
 * @param customerId the customer, such as {@code C-1042}
 * @param placedAt when the order was placed
 * @param status where the order is
 * @param total the amount charged, in euros
 * @param item what was ordered
 */
public record Order(
    String orderId,
    String customerId,
    Instant placedAt,
    OrderStatus status,
    BigDecimal total,
    String item) {

  /**
   * The same order, cancelled.
   *
   * @return the cancelled order
   */
  public Order cancelled() {
    return new Order(orderId, customerId, placedAt, OrderStatus.CANCELLED, total, item);
  }
}
