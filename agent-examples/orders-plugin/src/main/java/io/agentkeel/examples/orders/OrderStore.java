package io.agentkeel.examples.orders;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory order store with sample data made in code. Thread-safe. */
public final class OrderStore {

  private static final String[] ITEMS = {
    "walking boots", "rain jacket", "thermos flask", "trail map", "head torch", "wool socks"
  };

  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final java.util.Set<String> refunded = ConcurrentHashMap.newKeySet();
  private final Clock clock;

  /**
   * Makes an empty store.
   *
   * @param clock the clock that says what "now" is
   */
  public OrderStore(Clock clock) {
    this.clock = clock;
  }

  /**
   * Makes a store holding sample orders placed before the clock's now: customer {@code C-1042} has
   * 60 orders over 120 days (more than a search returns), {@code C-2001} has three, {@code C-3003}
   * none.
   *
   * @param clock the clock that says what "now" is
   * @return the store
   */
  public static OrderStore withSampleData(Clock clock) {
    OrderStore store = new OrderStore(clock);
    Instant now = clock.instant();
    OrderStatus[] cycle = {
      OrderStatus.PENDING,
      OrderStatus.SHIPPED,
      OrderStatus.DELIVERED,
      OrderStatus.DELIVERED,
      OrderStatus.CANCELLED
    };
    for (int i = 0; i < 60; i++) {
      store.put(
          new Order(
              "O-" + (10_000 + i),
              "C-1042",
              now.minus(Duration.ofHours(2L + 48L * i)),
              i < 3 ? OrderStatus.PENDING : cycle[i % cycle.length],
              BigDecimal.valueOf(1_000 + 137L * i, 2),
              ITEMS[i % ITEMS.length]));
    }
    store.put(
        new Order(
            "O-20001",
            "C-2001",
            now.minus(Duration.ofDays(3)),
            OrderStatus.PENDING,
            new BigDecimal("49.90"),
            "rain jacket"));
    store.put(
        new Order(
            "O-20002",
            "C-2001",
            now.minus(Duration.ofDays(12)),
            OrderStatus.SHIPPED,
            new BigDecimal("12.50"),
            "trail map"));
    store.put(
        new Order(
            "O-20003",
            "C-2001",
            now.minus(Duration.ofDays(80)),
            OrderStatus.DELIVERED,
            new BigDecimal("89.00"),
            "walking boots"));
    return store;
  }

  /**
   * Adds or replaces an order.
   *
   * @param order the order
   */
  public void put(Order order) {
    orders.put(order.orderId(), order);
  }

  /**
   * Finds an order by number.
   *
   * @param orderId the order number
   * @return the order, if there is one
   */
  public Optional<Order> find(String orderId) {
    return Optional.ofNullable(orders.get(orderId));
  }

  /**
   * Lists a customer's orders placed in the last days, newest first.
   *
   * @param customerId the customer
   * @param status the status to keep, or empty for all
   * @param days how many days back to look
   * @param limit the most orders to return
   * @return the orders
   */
  public List<Order> search(String customerId, Optional<OrderStatus> status, int days, int limit) {
    Instant since = clock.instant().minus(Duration.ofDays(days));
    return orders.values().stream()
        .filter(o -> o.customerId().equals(customerId))
        .filter(o -> status.isEmpty() || o.status() == status.get())
        .filter(o -> !o.placedAt().isBefore(since))
        .sorted(Comparator.comparing(Order::placedAt).reversed())
        .limit(limit)
        .toList();
  }

  /**
   * Counts a customer's orders placed in the last days.
   *
   * @param customerId the customer
   * @param status the status to keep, or empty for all
   * @param days how many days back to look
   * @return how many there are
   */
  public long count(String customerId, Optional<OrderStatus> status, int days) {
    return search(customerId, status, days, Integer.MAX_VALUE).size();
  }

  /**
   * Records that an order was refunded.
   *
   * @param orderId the order number
   * @return true if it was not refunded before, false if it was
   */
  public boolean markRefunded(String orderId) {
    return refunded.add(orderId);
  }
}
