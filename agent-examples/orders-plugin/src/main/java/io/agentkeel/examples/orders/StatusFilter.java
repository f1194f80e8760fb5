package io.agentkeel.examples.orders;

import java.util.Optional;

/** Which orders a search lists: all of them, or those in one status. */
public enum StatusFilter {
  /** Every order, whatever its status. */
  ALL,
  /** Orders not shipped yet. */
  PENDING,
  /** Orders with the carrier. */
  SHIPPED,
  /** Orders received. */
  DELIVERED,
  /** Cancelled orders. */
  CANCELLED;

  /**
   * The status this filter keeps.
   *
   * @return the status, or empty for {@link #ALL}
   */
  public Optional<OrderStatus> status() {
    return this == ALL ? Optional.empty() : Optional.of(OrderStatus.valueOf(name()));
  }
}
