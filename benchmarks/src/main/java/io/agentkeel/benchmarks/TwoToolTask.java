package io.agentkeel.benchmarks;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import java.time.Duration;
import java.util.List;

/**
 * The task both frameworks run: look an order up, ask for its delivery estimate, answer. The model
 * decides from the conversation alone (how many tool results it holds), so one instance serves any
 * number of concurrent conversations, in either framework.
 */
final class TwoToolTask {

  static final String ANSWER =
      "{\"answer\":\"Order A-1001 shipped and arrives in 2 days.\",\"confidence\":0.95,"
          + "\"reasoning_summary\":\"looked up the order and its delivery estimate\"}";

  private TwoToolTask() {}

  /**
   * A model that answers at once, or after a fixed latency that stands in for the network. It asks
   * for {@code lookup_order}, then (with two tool calls) {@code delivery_estimate}, then answers:
   * one model call more than tool calls.
   */
  static class ScriptlessModel implements ChatModel {
    private final Duration latency;
    private final int toolCalls;

    ScriptlessModel(Duration latency) {
      this(latency, 2);
    }

    ScriptlessModel(Duration latency, int toolCalls) {
      this.latency = latency;
      this.toolCalls = toolCalls;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      if (!latency.isZero()) {
        try {
          Thread.sleep(latency);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      int results = toolResults(request.messages());
      AiMessage reply =
          switch (results >= toolCalls ? Integer.MAX_VALUE : results) {
            case 0 ->
                AiMessage.from(
                    ToolExecutionRequest.builder()
                        .id("call_1")
                        .name("lookup_order")
                        .arguments("{\"order_id\":\"A-1001\"}")
                        .build());
            case 1 ->
                AiMessage.from(
                    ToolExecutionRequest.builder()
                        .id("call_2")
                        .name("delivery_estimate")
                        .arguments("{\"order_id\":\"A-1001\"}")
                        .build());
            default -> AiMessage.from(ANSWER);
          };
      return ChatResponse.builder().aiMessage(reply).tokenUsage(new TokenUsage(40, 20)).build();
    }
  }

  /** How many tool results the conversation holds. */
  static int toolResults(List<ChatMessage> messages) {
    int results = 0;
    for (ChatMessage message : messages) {
      if (message instanceof ToolExecutionResultMessage) {
        results++;
      }
    }
    return results;
  }

  /** The order the tools talk about. */
  public record OrderRef(@Param("the order id, such as A-1001") String orderId) {}

  /** What lookup_order returns. */
  public record Order(String orderId, String status) {}

  /** The two tools, declared for AgentKeel. */
  public static final class AgentKeelTools {
    /**
     * Looks an order up.
     *
     * @param ref the order
     * @return the order
     */
    @AgentTool(
        name = "lookup_order",
        description = "Looks up one order's status.",
        whenToUse = "When the user asks about a specific order and gives its id.",
        scopes = "orders:read",
        sideEffect = SideEffect.READ_ONLY)
    public Order lookup(OrderRef ref) {
      return new Order(ref.orderId(), "shipped");
    }

    /**
     * Estimates delivery.
     *
     * @param ref the order
     * @return days to delivery
     */
    @AgentTool(
        name = "delivery_estimate",
        description = "Estimates in how many days a shipped order arrives.",
        whenToUse = "When the user asks when a shipped order will arrive.",
        scopes = "orders:read",
        sideEffect = SideEffect.READ_ONLY)
    public String estimate(OrderRef ref) {
      return "2 days";
    }
  }

  /** The same two tools, declared for LangChain4j AiServices. */
  public static final class LangChain4jTools {
    /**
     * Looks an order up.
     *
     * @param orderId the order id
     * @return the order
     */
    @dev.langchain4j.agent.tool.Tool(name = "lookup_order", value = "Looks up one order's status.")
    public Order lookup(
        @dev.langchain4j.agent.tool.P("the order id, such as A-1001") String orderId) {
      return new Order(orderId, "shipped");
    }

    /**
     * Estimates delivery.
     *
     * @param orderId the order id
     * @return days to delivery
     */
    @dev.langchain4j.agent.tool.Tool(
        name = "delivery_estimate",
        value = "Estimates in how many days a shipped order arrives.")
    public String estimate(
        @dev.langchain4j.agent.tool.P("the order id, such as A-1001") String orderId) {
      return "2 days";
    }
  }

  /** What AiServices implements. */
  public interface Assistant {
    /**
     * Runs the task.
     *
     * @param message the user's message
     * @return the model's final text
     */
    String chat(String message);
  }
}
