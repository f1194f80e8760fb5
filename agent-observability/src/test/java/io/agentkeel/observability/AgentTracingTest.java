package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Spans of a real agent, exported to the OpenTelemetry SDK's in-memory exporter. */
class AgentTracingTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = Events.sdk(exporter);
  private io.agentkeel.api.Agent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
    sdk.close();
  }

  private static List<SpanData> named(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).toList();
  }

  @Test
  void spanTreeAttributesErrorsAndResumeLink() {
    ShopTools tools = new ShopTools();
    Observability observability =
        Observability.builder().meterRegistry(new SimpleMeterRegistry()).openTelemetry(sdk).build();
    ModelScript script =
        ModelScript.builder()
            .toolCall("lookup_order", "{\"order_id\":\"A-2\"}")
            .toolCall("refund", "{\"order_id\":\"A-2\"}")
            .answer("A-2 shipped; the refund failed.", 0.7, "refund service down")
            .build();
    agent = AgentScenarioTest.agent(script, tools, observability, List.of());

    AgentResult first = agent.execute(AgentScenarioTest.task("t2", "Refund A-2"));
    assertThat(first.outcome()).isInstanceOf(Outcome.InReview.class);
    List<SpanData> spans = exporter.getFinishedSpanItems();

    List<SpanData> agents = named(spans, "invoke_agent orders");
    assertThat(agents).hasSize(1);
    SpanData root = agents.get(0);
    assertThat(root.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
        .isEqualTo("invoke_agent");
    assertThat(root.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.name")))
        .isEqualTo("orders");
    assertThat(root.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(3L * ModelScript.INPUT_TOKENS_PER_REPLY);
    assertThat(root.getEvents().stream().map(e -> e.getName()))
        .contains("agentkeel.routed", "agentkeel.review_requested");

    List<SpanData> chats = named(spans, "chat primary");
    assertThat(chats).hasSize(3);
    for (SpanData chat : chats) {
      assertThat(chat.getParentSpanId()).isEqualTo(root.getSpanId());
      assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
          .isEqualTo("chat");
      assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name")))
          .isNotBlank();
      assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")))
          .isEqualTo("primary");
      assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
          .isEqualTo(ModelScript.OUTPUT_TOKENS_PER_REPLY);
    }

    SpanData lookup = named(spans, "execute_tool lookup_order").get(0);
    assertThat(lookup.getParentSpanId()).isEqualTo(root.getSpanId());
    assertThat(lookup.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
        .isEqualTo("lookup_order");
    assertThat(lookup.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.id")))
        .isNotBlank();
    long[] run = tools.lookupRuns.peek();
    assertThat(lookup.getEndEpochNanos() - lookup.getStartEpochNanos())
        .as("the tool span covers the tool's real run time")
        .isGreaterThanOrEqualTo(run[1] - run[0])
        .isGreaterThanOrEqualTo(Duration.ofMillis(ShopTools.LOOKUP_MILLIS).toNanos());

    SpanData refund = named(spans, "execute_tool refund").get(0);
    assertThat(refund.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(refund.getAttributes().get(AttributeKey.stringKey("error.type"))).isNotBlank();

    exporter.reset();
    Outcome.InReview review = (Outcome.InReview) first.outcome();
    AgentResult resumed =
        agent.resume(new ReviewDecision.Approve(review.request().id(), "reviewer"));
    assertThat(resumed.completed()).isTrue();
    SpanData second = named(exporter.getFinishedSpanItems(), "invoke_agent orders").get(0);
    assertThat(second.getLinks()).hasSize(1);
    assertThat(second.getLinks().get(0).getSpanContext().getSpanId()).isEqualTo(root.getSpanId());
    assertThat(second.getEvents().stream().map(e -> e.getName()))
        .contains("agentkeel.review_decided");
  }

  @Test
  void capturedToolResultsPassTheAgentsOutputFilters() {
    // Observability is given no filters: the agent creates the content recorder with its own.
    Observability observability =
        Observability.builder()
            .meterRegistry(new SimpleMeterRegistry())
            .openTelemetry(sdk)
            .tracing(new TracingSettings(true, true, "shop-agent"))
            .build();
    ModelScript script =
        ModelScript.builder()
            .toolCall("lookup_order", "{\"order_id\":\"A-9\"}")
            .answer("A-9 shipped.", 0.95, "looked it up")
            .build();
    agent =
        AgentScenarioTest.agent(
            script, new ShopTools(), observability, List.of(new Events.EmailFilter()));
    assertThat(agent.execute(AgentScenarioTest.task("c1", "Where is A-9?")).completed()).isTrue();
    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData tool = named(spans, "execute_tool lookup_order").get(0);
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.arguments")))
        .isEqualTo("{\"order_id\":\"A-9\"}");
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.result")))
        .contains("shipped")
        .contains("[email]")
        .doesNotContain("mia@example.com");
    assertThat(named(spans, "invoke_agent shop-agent")).hasSize(1);
  }

  @Test
  void everyDecisionLogLineOfARunNamesTheRunsSpanTheLastOneToo() {
    Observability observability =
        Observability.builder().meterRegistry(new SimpleMeterRegistry()).openTelemetry(sdk).build();
    ModelScript script =
        ModelScript.builder()
            .toolCall("lookup_order", "{\"order_id\":\"A-9\"}")
            .answer("A-9 shipped.", 0.95, "looked it up")
            .build();
    agent = AgentScenarioTest.agent(script, new ShopTools(), observability, List.of());
    List<JsonNode> lines;
    try (LogCapture capture = new LogCapture()) {
      assertThat(agent.execute(AgentScenarioTest.task("s1", "Where is A-9?")).completed()).isTrue();
      observability.listener().flush();
      ObjectMapper json = new ObjectMapper();
      lines = capture.lines().stream().map(json::readTree).toList();
    }
    SpanData root = named(exporter.getFinishedSpanItems(), "invoke_agent orders").get(0);
    assertThat(lines)
        .extracting(line -> line.get("event").asString())
        .contains("task_started", "model_called", "tool_called", "task_finished");
    // task_finished comes after tracing ended the span: it still names it.
    for (JsonNode line : lines) {
      assertThat(line.path("trace_id").asString()).as(line.toString()).isEqualTo(root.getTraceId());
      assertThat(line.path("span_id").asString()).as(line.toString()).isEqualTo(root.getSpanId());
    }
  }

  @Test
  void theModelsCallIdReachesToolSpansOnlyThroughTheOutputFilters() {
    // The call id is the model's own text (core only escapes control characters): a
    // prompt-injected model can put personal data in it. The decision log filters it; the span
    // must too, with content capture off (the id is always on the span) and on, and with the
    // agent's filters when observability is given none.
    for (boolean capture : new boolean[] {false, true}) {
      for (boolean filtersGiven : new boolean[] {false, true}) {
        exporter.reset();
        Observability.Builder builder =
            Observability.builder()
                .meterRegistry(new SimpleMeterRegistry())
                .openTelemetry(sdk)
                .tracing(new TracingSettings(true, capture, ""));
        if (filtersGiven) {
          builder.outputFilters(List.of(new Events.EmailFilter()));
        }
        ModelScript script =
            ModelScript.builder()
                .toolCall("lookup_order", "{\"order_id\":\"A-9\"}")
                .answer("A-9 shipped.", 0.95, "looked it up")
                .build();
        agent =
            AgentKeel.builder()
                .model("primary", new HostileCallIds(ScriptedChatModel.named("primary", script)))
                .tools(new ShopTools())
                .workflow(AgentScenarioTest.ORDERS)
                .reviewQueue(new InMemoryReviewQueue())
                .extension(new ObservabilityExtension(builder.build()))
                .add(OutputFilter.class, new Events.EmailFilter())
                .noPluginDiscovery()
                .build();
        assertThat(agent.execute(AgentScenarioTest.task("id-" + capture + filtersGiven, "A-9?")))
            .extracting(AgentResult::completed)
            .isEqualTo(true);
        agent.close();
        agent = null;
        SpanData tool = named(exporter.getFinishedSpanItems(), "execute_tool lookup_order").get(0);
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.id")))
            .as("capture %s, filters given %s", capture, filtersGiven)
            .isEqualTo("[email]");
      }
    }
  }

  /** A model whose tool call ids carry an e-mail address. */
  private record HostileCallIds(ChatModel model) implements ChatModel {
    @Override
    public ChatResponse doChat(ChatRequest request) {
      var response = model.chat(request);
      var message = response.aiMessage();
      if (!message.hasToolExecutionRequests()) {
        return response;
      }
      var calls =
          message.toolExecutionRequests().stream()
              .map(c -> c.toBuilder().id("call_mallory@example.com").build())
              .toList();
      return response.toBuilder().aiMessage(AiMessage.from(calls)).build();
    }
  }

  @Test
  void capturedToolArgumentsPassTheOutputFilters() {
    // The arguments are the model's text: with content capture on they go on the span, and,
    // like the result, only after the output filters (the agent's, or those given to the builder).
    for (boolean filtersGiven : new boolean[] {false, true}) {
      exporter.reset();
      Observability.Builder builder =
          Observability.builder()
              .meterRegistry(new SimpleMeterRegistry())
              .openTelemetry(sdk)
              .tracing(new TracingSettings(true, true, ""));
      if (filtersGiven) {
        builder.outputFilters(List.of(new Events.EmailFilter()));
      }
      ModelScript script =
          ModelScript.builder()
              .toolCall("lookup_order", "{\"order_id\":\"ivy@example.com\"}")
              .answer("Done.", 0.95, "looked it up")
              .build();
      agent =
          AgentScenarioTest.agent(
              script, new ShopTools(), builder.build(), List.of(new Events.EmailFilter()));
      agent.execute(AgentScenarioTest.task("args-" + filtersGiven, "Where is my order?"));
      agent.close();
      agent = null;
      SpanData tool = named(exporter.getFinishedSpanItems(), "execute_tool lookup_order").get(0);
      assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.arguments")))
          .as("filters given %s", filtersGiven)
          .isEqualTo("{\"order_id\":\"[email]\"}");
    }
  }
}
