package io.agentkeel.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.core.tool.ToolDesignLint;
import io.agentkeel.examples.orders.OrderTools.OrderPage;
import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OrderToolsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private final OrderTools tools = new OrderTools(OrderStore.withSampleData(CLOCK));
  private final ToolCatalog catalog =
      ToolCatalog.of(AnnotatedTools.of(tools).toArray(new Tool<?, ?>[0]));

  private RegisteredTool search() {
    return catalog.find("search_customer_orders").orElseThrow();
  }

  @Test
  void searchSchemaHasRequiredCustomerIdStatusEnumAndBoundedDays() {
    JsonNode schema = JsonMapper.builder().build().readTree(search().parameterSchemaJson());
    assertThat(schema.at("/properties/customer_id/type").asString()).isEqualTo("string");
    assertThat(schema.get("required").toString()).isEqualTo("[\"customer_id\"]");
    JsonNode status = schema.at("/properties/status");
    assertThat(status.get("type").asString()).isEqualTo("string");
    assertThat(status.get("enum").toString())
        .isEqualTo("[\"all\",\"pending\",\"shipped\",\"delivered\",\"cancelled\"]");
    assertThat(status.get("default").asString()).isEqualTo("all");
    JsonNode days = schema.at("/properties/date_range_days");
    assertThat(days.get("type").asString()).isEqualTo("integer");
    assertThat(days.get("default").isIntegralNumber()).isTrue();
    assertThat(days.get("default").asInt()).isEqualTo(30);
    assertThat(days.get("minimum").asInt()).isEqualTo(1);
    assertThat(days.get("maximum").asInt()).isEqualTo(365);
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
    assertThat(search().descriptor().whenToUse()).contains("status = \"pending\"");
    assertThat(search().descriptor().maxResults()).isEqualTo(50);
  }

  @Test
  void searchReturnsAtMostFiftyNewestFirst() throws Exception {
    OrderTools.SearchCustomerOrders args =
        (OrderTools.SearchCustomerOrders)
            search().bind("{\"customer_id\":\"C-1042\",\"date_range_days\":365}");
    OrderPage page = tools.searchCustomerOrders(args);
    assertThat(page.orders()).hasSize(50);
    assertThat(page.total()).isEqualTo(60);
    assertThat(page.truncated()).isTrue();
    assertThat(page.orders()).isSortedAccordingTo(Comparator.comparing(Order::placedAt).reversed());
  }

  @Test
  void searchDefaultsToThirtyDaysOfAllStatusesAndFiltersPending() throws Exception {
    OrderPage recent =
        tools.searchCustomerOrders(
            (OrderTools.SearchCustomerOrders) search().bind("{\"customer_id\":\"C-1042\"}"));
    assertThat(recent.orders())
        .hasSize(15)
        .allSatisfy(
            o -> assertThat(o.placedAt()).isAfter(CLOCK.instant().minusSeconds(30L * 86_400)));
    OrderPage pending =
        tools.searchCustomerOrders(
            (OrderTools.SearchCustomerOrders)
                search().bind("{\"customer_id\":\"C-2001\",\"status\":\"pending\"}"));
    assertThat(pending.orders()).extracting(Order::orderId).containsExactly("O-20001");
  }

  @Test
  void getOrderFailsLoudlyForAnUnknownNumber() {
    assertThatThrownBy(() -> tools.getOrder(new OrderTools.GetOrder("O-99999")))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("no order O-99999")
        .satisfies(e -> assertThat(((ToolException) e).retryable()).isFalse());
  }

  @Test
  void cancelOrderCancelsPendingAndRefusesShipped() throws Exception {
    assertThat(tools.cancelOrder(new OrderTools.CancelOrder("O-20001", "changed my mind")).status())
        .isEqualTo(OrderStatus.CANCELLED);
    assertThatThrownBy(() -> tools.cancelOrder(new OrderTools.CancelOrder("O-20002", "too slow")))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("shipped");
  }

  @Test
  void refundOrderPaysADeliveredOrderOnceAndRefusesOthers() throws Exception {
    OrderTools.Refund refund =
        tools.refundOrder(new OrderTools.RefundOrder("O-20003", "arrived damaged"));
    assertThat(refund.amount()).isEqualByComparingTo("89.00");
    assertThatThrownBy(() -> tools.refundOrder(new OrderTools.RefundOrder("O-20003", "again")))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("refunded already");
    assertThatThrownBy(() -> tools.refundOrder(new OrderTools.RefundOrder("O-20001", "not yet")))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("only a delivered order");
    RegisteredTool registered = catalog.find("refund_order").orElseThrow();
    assertThat(registered.descriptor().scopes()).containsExactly("orders:write");
    assertThat(registered.descriptor().sideEffect())
        .isEqualTo(io.agentkeel.tools.spi.SideEffect.WRITE);
  }

  @Test
  void lintIsClean() {
    assertThat(ToolDesignLint.check(catalog)).isEmpty();
    assertThat(catalog.find("cancel_order").orElseThrow().descriptor().scopes())
        .containsExactly("orders:write");
    assertThat(catalog.tools())
        .extracting(RegisteredTool::name)
        .containsExactlyElementsOf(
            List.of("cancel_order", "get_order", "refund_order", "search_customer_orders"));
  }
}
