package io.agentkeel.testkit.scenario;

import static io.agentkeel.testkit.AgentAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A call repeated with the same arguments is stopped as a loop whatever the types of its arguments:
 * calls were counted by the bound record, whose equals compares an array component by identity, so
 * a tool taking an array was never found called twice.
 */
class RepeatedArrayCallTest {

  private static final Principal SUPPORT =
      new Principal("support-bot", "acme", Set.of("orders:read"));

  /** The arguments of a lookup of several orders. */
  public record LookupOrders(@Param("The order ids, such as A-1.") String[] orderIds) {}

  /** Looks orders up, counting the calls. */
  public static final class BatchTools {
    final AtomicInteger lookups = new AtomicInteger();

    /**
     * Looks orders up.
     *
     * @param lookup the orders
     * @return their status
     */
    @AgentTool(
        name = "lookup_orders",
        description = "Looks up the status of several orders at once.",
        whenToUse = "When the customer asks where some of their orders are.",
        scopes = "orders:read",
        sideEffect = SideEffect.READ_ONLY)
    public String lookupOrders(LookupOrders lookup) {
      lookups.incrementAndGet();
      return "in transit";
    }
  }

  @Test
  void theSameArrayArgumentsThreeTimesAreStoppedAsALoop() {
    String call = "{\"order_ids\":[\"A-1\",\"A-2\"]}";
    BatchTools tools = new BatchTools();
    AgentResult result;
    try (Agent agent =
        AgentKeel.builder()
            .model(
                "primary",
                ScriptedChatModel.named(
                    "primary",
                    ModelScript.builder()
                        .toolCall("lookup_orders", call)
                        .toolCall("lookup_orders", call)
                        .toolCall("lookup_orders", call)
                        .answer("Both are in transit.", 0.95, "looked up")
                        .build()))
            .tools(tools)
            .noPluginDiscovery()
            .build()) {
      result =
          agent.execute(Task.builder().input("Where are A-1 and A-2?").principal(SUPPORT).build());
    }

    assertThat(result)
        .isEscalated()
        .reasonContains("called lookup_orders with the same arguments 3 times")
        .hasToolFailure("lookup_orders", ToolFailureKind.REPEATED_CALL);
    assertThat(tools.lookups).hasValue(2);
  }
}
