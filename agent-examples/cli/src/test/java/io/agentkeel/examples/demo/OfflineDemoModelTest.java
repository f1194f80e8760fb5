package io.agentkeel.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.examples.documents.ClaimStore;
import io.agentkeel.examples.documents.ClaimTools;
import io.agentkeel.examples.orders.OrderStore;
import io.agentkeel.examples.orders.OrderTools;
import io.agentkeel.examples.shipping.ShippingTools;
import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Tool;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo model over the real example tools, described to it exactly as core describes them (name,
 * description with "When to use:", the generated schema).
 */
class OfflineDemoModelTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final OfflineDemoModel MODEL = new OfflineDemoModel();
  private static final List<ToolSpecification> TOOLS = tools();

  private static List<ToolSpecification> tools() {
    List<Tool<?, ?>> all = new ArrayList<>();
    all.addAll(AnnotatedTools.of(new OrderTools(OrderStore.withSampleData(Clock.systemUTC()))));
    all.addAll(AnnotatedTools.of(new ShippingTools()));
    all.addAll(AnnotatedTools.of(new ClaimTools(ClaimStore.withSampleData(LocalDate.now()))));
    return ToolCatalog.of(all.toArray(new Tool<?, ?>[0])).tools().stream()
        .map(RegisteredTool::specification)
        .toList();
  }

  private static AiMessage reply(ChatMessage... messages) {
    List<ChatMessage> all = new ArrayList<>();
    all.add(SystemMessage.from("You help customers."));
    all.addAll(List.of(messages));
    return MODEL
        .chat(ChatRequest.builder().messages(all).toolSpecifications(TOOLS).build())
        .aiMessage();
  }

  private static ToolExecutionRequest onlyCall(AiMessage reply) {
    assertThat(reply.toolExecutionRequests()).as("tool calls of %s", reply).hasSize(1);
    return reply.toolExecutionRequests().get(0);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "What are the pending orders of customer C-1042 in the last 90 days? | search_customer_orders | {\"customer_id\":\"C-1042\",\"status\":\"pending\",\"date_range_days\":90}",
        "show me everything customer c-2001 bought | search_customer_orders | {\"customer_id\":\"C-2001\"}",
        "Where is my order O-10003? | get_order | {\"order_id\":\"O-10003\"}",
        "Please cancel order O-10001, I ordered it by mistake | cancel_order | {\"order_id\":\"O-10001\",\"reason\":\"Please cancel order O-10001, I ordered it by mistake\"}",
        "I want my money back for order O-10003, it arrived damaged | refund_order | {\"order_id\":\"O-10003\",\"reason\":\"I want my money back for order O-10003, it arrived damaged\"}",
        "How much does it cost to ship 3 kg to FR by express? | estimate_shipping | {\"country\":\"FR\",\"weight_kg\":3,\"speed\":\"express\"}",
        "How long does a parcel take to arrive in DE? | estimate_shipping | {\"country\":\"DE\"}",
        "Please review expense claim D-1002 before we pay it | check_expense_claim | {\"document_id\":\"D-1002\"}",
      })
  void picksTheToolWhoseWhenToUseIsClosestAndFillsTheArgumentsInTheRequest(
      String request, String tool, String arguments) {
    ToolExecutionRequest call = onlyCall(reply(UserMessage.from(request)));
    assertThat(call.name()).isEqualTo(tool);
    assertThat(JSON.readTree(call.arguments())).isEqualTo(JSON.readTree(arguments));
  }

  @Test
  void aFollowUpOrdinalPicksTheNthValueOfTheRightShapeFromTheEarlierAnswer() {
    AiMessage earlier =
        AiMessage.from(
            OfflineDemoModel.LABEL
                + " From search_customer_orders: 3 results: 1. order_id O-10000, customer_id"
                + " C-1042; 2. order_id O-10001; 3. order_id O-10002.");
    ToolExecutionRequest call =
        onlyCall(
            reply(
                UserMessage.from("What are the pending orders of C-1042?"),
                earlier,
                UserMessage.from("And the second one?")));
    assertThat(call.name()).isEqualTo("get_order");
    assertThat(call.arguments()).isEqualTo("{\"order_id\":\"O-10001\"}");

    ToolExecutionRequest last =
        onlyCall(
            reply(
                UserMessage.from("orders of C-1042?"),
                earlier,
                UserMessage.from("and the last one?")));
    assertThat(last.arguments()).isEqualTo("{\"order_id\":\"O-10002\"}");
  }

  @Test
  void aBareLastIsNotAnOrdinalAndAnUnmatchedRequestIsHandedToAPersonQuotingIt() {
    AiMessage earlier = AiMessage.from("1. order_id O-10000; 2. order_id O-10001");
    AiMessage reply =
        reply(
            UserMessage.from("orders?"),
            earlier,
            UserMessage.from("What did we talk about in the last meeting?"));
    assertThat(reply.hasToolExecutionRequests()).isFalse();
    JsonNode answer = JSON.readTree(reply.text());
    assertThat(answer.get("answer").asString())
        .startsWith(OfflineDemoModel.LABEL)
        .contains("What did we talk about in the last meeting?")
        .contains("A person should take this one");
    assertThat(answer.get("confidence").asDouble()).isEqualTo(OfflineDemoModel.NO_TOOL);
  }

  @Test
  void aMissingRequiredArgumentIsNamedRatherThanGuessed() {
    AiMessage reply = reply(UserMessage.from("Cancel my order please"));
    assertThat(reply.hasToolExecutionRequests()).isFalse();
    assertThat(JSON.readTree(reply.text()).get("answer").asString()).contains("order_id");
  }

  @Test
  void answersFromToolResultsInTheFinalAnswerFormatNumberingListedItems() {
    ToolExecutionRequest call =
        ToolExecutionRequest.builder()
            .id("c1")
            .name("search_customer_orders")
            .arguments("{}")
            .build();
    String result =
        "{\"orders\":[{\"orderId\":\"O-10000\",\"status\":\"PENDING\"},{\"orderId\":\"O-10001\","
            + "\"status\":\"PENDING\"}],\"total\":7,\"truncated\":true}";
    AiMessage reply =
        reply(
            UserMessage.from("pending orders of C-1042?"),
            AiMessage.from(List.of(call)),
            ToolExecutionResultMessage.from(call, result));
    JsonNode answer = JSON.readTree(reply.text());
    assertThat(answer.get("answer").asString())
        .startsWith(OfflineDemoModel.LABEL)
        .contains("7 results, the first 2")
        .contains("1. orderId O-10000, status PENDING; 2. orderId O-10001");
    assertThat(answer.get("confidence").asDouble()).isEqualTo(OfflineDemoModel.CONFIDENT);
    assertThat(answer.get("reasoning_summary").asString()).contains("search_customer_orders");
  }

  @Test
  void aToolsOwnScoreCapsTheConfidenceAndAToolErrorLowersIt() {
    ToolExecutionRequest call =
        ToolExecutionRequest.builder().id("c1").name("check_expense_claim").arguments("{}").build();
    AiMessage scored =
        reply(
            UserMessage.from("review D-1002"),
            AiMessage.from(List.of(call)),
            ToolExecutionResultMessage.from(
                call,
                "{\"documentId\":\"D-1002\",\"verdict\":\"check\",\"score\":0.7,\"findings\":[\"no receipt\"]}"));
    JsonNode answer = JSON.readTree(scored.text());
    assertThat(answer.get("confidence").asDouble()).isEqualTo(0.7);
    assertThat(answer.get("answer").asString()).contains("findings: no receipt");

    AiMessage failed =
        reply(
            UserMessage.from("review D-9999"),
            AiMessage.from(List.of(call)),
            ToolExecutionResultMessage.builder()
                .id("c1")
                .toolName("check_expense_claim")
                .text("there is no claim D-9999; check the number")
                .isError(true)
                .build());
    JsonNode error = JSON.readTree(failed.text());
    assertThat(error.get("confidence").asDouble()).isEqualTo(OfflineDemoModel.AFTER_TOOL_ERROR);
    assertThat(error.get("answer").asString())
        .contains("could not do it: there is no claim D-9999");
  }

  @Test
  void withoutToolsItSaysSoPlainly() {
    AiMessage reply =
        MODEL
            .chat(ChatRequest.builder().messages(List.of(UserMessage.from("hello"))).build())
            .aiMessage();
    assertThat(JSON.readTree(reply.text()).get("answer").asString())
        .startsWith(OfflineDemoModel.LABEL)
        .contains("No tools");
  }

  @Test
  void shapeOfAnExampleGeneralisesDigitsAndKeepsLetters() {
    assertThat(ArgumentFinder.shapeOf("The customer's id, such as C-1042.").orElseThrow().pattern())
        .contains("\\d+");
    assertThat(
            ArgumentFinder.shapeOf("An id, such as INV-2024-0001.")
                .orElseThrow()
                .matcher("pay INV-1999-77 now")
                .find())
        .isTrue();
    assertThat(
            ArgumentFinder.shapeOf("The country code, such as DE.")
                .orElseThrow()
                .matcher("ship to it")
                .find())
        .isFalse();
    assertThat(ArgumentFinder.shapeOf("Free text.")).isEmpty();
  }
}
