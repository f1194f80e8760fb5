package io.agentkeel.benchmarks;

import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.tools.spi.Default;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Validation plus binding of one tool call's arguments ({@link RegisteredTool#bind}) for a
 * five-field record: parse, JSON Schema validation, defaults, record construction. Target: at most
 * 20 µs per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ToolValidateBindBenchmark {

  /** Order statuses a search can filter on. */
  public enum Status {
    /** Every order. */
    ALL,
    /** Not shipped yet. */
    PENDING,
    /** With the carrier. */
    SHIPPED
  }

  /**
   * Five arguments: a patterned string, a defaulted enum, a bounded defaulted integer, an optional
   * string and a bounded list.
   *
   * @param customerId the customer
   * @param status which orders
   * @param dateRangeDays how far back
   * @param note optional words
   * @param tags tags to match
   */
  public record SearchOrders(
      @Param(value = "The customer's id, such as C-1042.", pattern = "^C-[0-9]+$")
          String customerId,
      @Param("Which orders to list.") @Default("all") Status status,
      @Param(value = "How many days back to look.", min = 1, max = 365) @Default("30")
          int dateRangeDays,
      @Param(value = "Words in the order note.", maxLength = 40) Optional<String> note,
      @Param(value = "Tags the orders carry.", maxLength = 5) List<String> tags) {}

  /** A typical call: four of five arguments given, one left to its default. */
  static final String ARGUMENTS =
      "{\"customer_id\":\"C-1042\",\"status\":\"pending\",\"note\":\"gift wrap\","
          + "\"tags\":[\"priority\",\"fragile\"]}";

  private RegisteredTool tool;

  /** Registers the tool once: schema generation and compilation are start-up costs. */
  @Setup
  public void setUp() {
    Tool<SearchOrders, String> search =
        Tool.of(
            SearchOrders.class,
            ToolDescriptor.builder("search_customer_orders")
                .description("Lists a customer's orders, newest first.")
                .whenToUse("When the customer asks about orders without an order number.")
                .scopes("orders:read")
                .sideEffect(SideEffect.READ_ONLY)
                .parameters(SearchOrders.class)
                .result(String.class)
                .build(),
            (p, c) -> "[]");
    tool = ToolCatalog.of(search).tools().get(0);
  }

  /**
   * Validates and binds one call's arguments.
   *
   * @return the bound record, so the work is not optimised away
   * @throws ToolException never, for these arguments
   */
  @Benchmark
  public Record validateAndBind() throws ToolException {
    return tool.bind(ARGUMENTS);
  }
}
