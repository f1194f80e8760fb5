package io.agentkeel.examples.orders;

/** Where an order is in its life. */
public enum OrderStatus {
  /** Placed and not shipped yet; it can still be cancelled. */
  PENDING,
  /** Handed to the carrier. */
  SHIPPED,
  /** Received by the customer. */
  DELIVERED,
  /** Cancelled before shipping. */
  CANCELLED
}
