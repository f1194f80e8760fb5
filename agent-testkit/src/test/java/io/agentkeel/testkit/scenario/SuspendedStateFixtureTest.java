package io.agentkeel.testkit.scenario;

import static io.agentkeel.testkit.AgentAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.PendingToolCall;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, part C: a review stored by this version must still resume after upgrades. The fixture
 * {@code suspended/state-v2-cancel-order.json} is a suspended state as version 2 of core's own
 * format wrote it (independent of LangChain4j's message serialiser): a lookup already made, a
 * destructive cancel waiting. If the format changes, this test fails until the reader still reads
 * version 2 (or the change is made a new version with a migration).
 */
class SuspendedStateFixtureTest {

  @Test
  void aStoredVersion2StateStillResumesAndRunsTheApprovedCall() throws IOException {
    OrderDeskTools tools = new OrderDeskTools();
    ScriptedChatModel model =
        ScriptedChatModel.named(
            "primary", ModelScript.builder().answer("Order A-1 is cancelled.", 0.95, "ok").build());
    InMemoryReviewQueue queue = new InMemoryReviewQueue();
    Agent agent =
        AgentKeel.builder()
            .model("primary", model)
            .tools(tools)
            .reviewQueue(queue)
            .noPluginDiscovery()
            .build();
    try {
      Task task =
          Task.builder()
              .id("fixture-task-1")
              .input("Cancel order A-1 please")
              .sessionId("s-1")
              .principal(
                  new Principal("support-bot", "acme", Set.of("orders:read", "orders:write")))
              .build();
      queue.submit(
          new ReviewRequest(
              "fixture-review-1",
              task,
              ReviewKind.DESTRUCTIVE_CALL,
              Priority.NORMAL,
              "tool 'cancel_order' is destructive; a person must confirm the call",
              Optional.empty(),
              Optional.empty(),
              Optional.of(
                  new PendingToolCall(
                      "cancel_order", "{\"order_id\":\"A-1\"}", List.of("orders:write"))),
              fixture("suspended/state-v2-cancel-order.json"),
              Instant.parse("2026-11-30T08:00:00Z")));

      AgentResult result = agent.resume(new ReviewDecision.Approve("fixture-review-1", "alice"));

      assertThat(result).isCompleted().hasAnswer("Order A-1 is cancelled.");
      assertThat(tools.cancels).hasValue(1);
      // The restored conversation is what the model sees next: the earlier lookup and its result.
      assertThat(model.requests().getFirst().messages().toString())
          .contains("Cancel order A-1 please", "lookup_order", "shipped", "order A-1 cancelled");
    } finally {
      agent.close();
    }
  }

  private static String fixture(String path) throws IOException {
    try (InputStream in =
        SuspendedStateFixtureTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
