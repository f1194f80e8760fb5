package io.agentkeel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.InvalidRevisionException;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Principal;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.ArgumentViolation;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reviewer's edit of a waiting destructive call is checked against the tool's parameters when it
 * is decided: an edit the tool would refuse is refused, naming the argument, and the review stays
 * waiting for a corrected edit. Before the fix such an edit was decided, the call failed on it in
 * the resumed run, and the review was used up.
 */
class EditedCallReviewTest {

  private static final Principal SUPPORT =
      new Principal("support-bot", "acme", Set.of("orders:write"));

  /** What cancel_order takes. */
  public record Cancellation(
      @Param("the order id, such as A-1001") String orderId,
      @Param(value = "how many of the order's items to cancel", min = 1, max = 10) int items) {}

  /** One destructive tool that records the arguments of every call that ran. */
  public static final class OrderTools {
    final List<Cancellation> ran = new CopyOnWriteArrayList<>();

    @AgentTool(
        name = "cancel_order",
        description = "Cancels items of an order that has not shipped.",
        whenToUse = "When the user asks to cancel a specific order.",
        scopes = "orders:write",
        sideEffect = SideEffect.DESTRUCTIVE)
    public String cancel(Cancellation cancellation) {
      ran.add(cancellation);
      return "cancelled " + cancellation.items() + " item(s) of " + cancellation.orderId();
    }
  }

  /** Asks for one cancel_order call, then answers. */
  private static final class CancellingModel implements ChatModel {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public ChatResponse doChat(ChatRequest request) {
      AiMessage reply =
          calls.getAndIncrement() == 0
              ? AiMessage.from(
                  ToolExecutionRequest.builder()
                      .id("call_1")
                      .name("cancel_order")
                      .arguments("{\"order_id\":\"A-1\",\"items\":1}")
                      .build())
              : AiMessage.from(
                  "{\"answer\":\"Cancelled.\",\"confidence\":0.95,"
                      + "\"reasoning_summary\":\"the tool cancelled it\"}");
      return ChatResponse.builder().aiMessage(reply).build();
    }
  }

  private final OrderTools tools = new OrderTools();
  private final CancellingModel model = new CancellingModel();
  private final InMemoryReviewQueue queue = new InMemoryReviewQueue();
  private Agent agent;
  private ReviewRequest request;

  @BeforeEach
  void suspendACancellation() {
    agent =
        AgentKeel.builder()
            .model("primary", model)
            .tools(tools)
            .reviewQueue(queue)
            .noPluginDiscovery()
            .build();
    AgentResult suspended =
        agent.execute(Task.builder().input("Cancel order A-1").principal(SUPPORT).build());
    assertThat(suspended.outcome()).isInstanceOf(Outcome.InReview.class);
    request = ((Outcome.InReview) suspended.outcome()).request();
  }

  @AfterEach
  void close() {
    agent.close();
  }

  private InvalidRevisionException refused(String revision) {
    InvalidRevisionException refused =
        catchThrowableOfType(
            InvalidRevisionException.class,
            () -> agent.resume(new ReviewDecision.Edit(request.id(), "alice", revision)));
    assertThat(refused).as("edit %s was decided", revision).isNotNull();
    return refused;
  }

  private void assertStillWaiting() {
    assertThat(queue.find(request.id())).contains(request);
    assertThat(queue.pending()).containsExactly(request);
    assertThat(tools.ran).isEmpty();
  }

  @Test
  void anEditMissingARequiredArgumentIsRefusedNamingItAndTheReviewStaysWaiting() {
    InvalidRevisionException refused = refused("{\"items\":2}");

    assertThat(refused.requestId()).isEqualTo(request.id());
    assertThat(refused.tool()).isEqualTo("cancel_order");
    assertThat(refused.violations()).extracting(ArgumentViolation::path).contains("$.order_id");
    assertThat(refused.getMessage())
        .contains("cancel_order")
        .contains("$.order_id")
        .contains("Correct these arguments and decide again")
        .contains("still waiting");
    assertStillWaiting();
  }

  @Test
  void anEditOfTheWrongTypeOrOutOfBoundsIsRefusedNamingTheArgument() {
    for (String revision :
        List.of(
            "{\"order_id\":\"A-2\",\"items\":\"two\"}",
            "{\"order_id\":\"A-2\",\"items\":50}",
            "{\"order_id\":\"A-2\",\"items\":0}")) {
      InvalidRevisionException refused = refused(revision);

      assertThat(refused.violations())
          .as(revision)
          .extracting(ArgumentViolation::path)
          .containsExactly("$.items");
      assertThat(refused.getMessage()).as(revision).contains("$.items: expected");
    }
    assertStillWaiting();
  }

  @Test
  void anEditThatIsNotAJsonObjectIsRefused() {
    for (String revision : List.of("order_id: A-2", "[\"A-2\"]", "")) {
      assertThat(refused(revision).violations())
          .as(revision)
          .extracting(ArgumentViolation::path)
          .containsExactly("$");
    }
    assertStillWaiting();
  }

  @Test
  void aValidEditAfterARefusedOneResumesTheTaskAndTheToolRunsWithTheEditedArguments() {
    refused("{\"order_id\":\"A-2\",\"items\":50}");

    AgentResult result =
        agent.resume(
            new ReviewDecision.Edit(request.id(), "alice", "{\"order_id\":\"A-2\",\"items\":3}"));

    assertThat(result.outcome()).as(result.reason()).isInstanceOf(Outcome.Completed.class);
    assertThat(result.taskId()).isEqualTo(request.task().id());
    assertThat(tools.ran).containsExactly(new Cancellation("A-2", 3));
    assertThat(queue.pending()).isEmpty();
    assertThat(model.calls).hasValue(2);
  }
}
