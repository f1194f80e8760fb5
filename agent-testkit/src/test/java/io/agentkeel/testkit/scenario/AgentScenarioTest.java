package io.agentkeel.testkit.scenario;

import static io.agentkeel.testkit.AgentAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.LoopBudget;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Priority;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.ReviewKind;
import io.agentkeel.api.ReviewRequest;
import io.agentkeel.api.Task;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.api.ValidationResult;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedFailure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The routes of the loop, each run twice: against the in-process scripted model and through
 * LangChain4j's OpenAI client against the scripted HTTP server.
 */
class AgentScenarioTest {

  private static final Principal SUPPORT =
      new Principal("support-bot", "acme", java.util.Set.of("orders:read", "orders:write"));

  private final OrderDeskTools tools = new OrderDeskTools();
  private final InMemoryReviewQueue queue = new InMemoryReviewQueue();
  private Transport.Models models;
  private Agent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
    if (models != null) {
      models.close();
    }
  }

  private Agent agent(Transport transport, ModelScript script, Workflow... workflows) {
    models = transport.models();
    AgentKeel.Builder builder =
        AgentKeel.builder()
            .model("primary", models.model("primary", script))
            .tools(tools)
            .reviewQueue(queue)
            .noPluginDiscovery();
    for (Workflow workflow : workflows) {
      builder.workflow(workflow);
    }
    agent = builder.build();
    return agent;
  }

  private static Task task(String input) {
    return Task.builder().input(input).principal(SUPPORT).build();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void confidentAnswerCompletes(Transport transport) {
    ModelScript script =
        ModelScript.builder()
            .toolCall("lookup_order", "{\"order_id\":\"A-1001\"}")
            .answer("Order A-1001 has shipped.", 0.95, "looked the order up")
            .build();

    AgentResult result = agent(transport, script).execute(task("Where is order A-1001?"));

    assertThat(result)
        .isCompleted()
        .hasAnswer("Order A-1001 has shipped.")
        .calledTools("lookup_order")
        .calledToolWithArguments("lookup_order", "{\"order_id\":\"A-1001\"}")
        .madeModelCalls(2);
    assertThat(result.confidence()).hasValueSatisfying(c -> assertThat(c.value()).isEqualTo(0.95));
    assertThat(models.request("primary", 1)).contains("shipped");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void middlingConfidenceGoesToReviewAndApprovalCompletes(Transport transport) {
    ModelScript script =
        ModelScript.builder().answer("Probably shipped.", 0.7, "no tracking data").build();

    AgentResult result = agent(transport, script).execute(task("Where is my order?"));

    assertThat(result).isInReview().reasonContains("below the auto-complete threshold 0.85");
    ReviewRequest request = ((Outcome.InReview) result.outcome()).request();
    assertThat(request.kind()).isEqualTo(ReviewKind.ANSWER);
    assertThat(request.priority()).isEqualTo(Priority.NORMAL);
    assertThat(queue.pending()).containsExactly(request);

    AgentResult approved = agent.resume(new ReviewDecision.Approve(request.id(), "alice"));

    assertThat(approved).isCompleted().hasAnswer("Probably shipped.");
    assertThat(queue.pending()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void lowConfidenceEscalatesWithHighPriority(Transport transport) {
    ModelScript script = ModelScript.builder().answer("No idea.", 0.2, "guessing").build();

    AgentResult result = agent(transport, script).execute(task("Why was I charged twice?"));

    assertThat(result).isEscalated().reasonContains("below the review threshold 0.5");
    assertThat(((Outcome.Escalated) result.outcome()).priority()).isEqualTo(Priority.HIGH);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void toolErrorGoesBackToTheModelWhichRecovers(Transport transport) {
    ModelScript script =
        ModelScript.builder()
            .toolCall("lookup_order", "{\"order_id\":\"X-404\"}")
            .toolCall("lookup_order", "{\"order_id\":\"A-1001\"}")
            .answer("A-1001 has shipped.", 0.99, "found it on the second try")
            .build();

    AgentResult result = agent(transport, script).execute(task("Where is my order?"));

    assertThat(result)
        .isCompleted()
        .hasToolFailure("lookup_order", ToolFailureKind.TOOL_ERROR)
        .calledTools("lookup_order");
    assertThat(models.request("primary", 1))
        .contains("tool 'lookup_order' failed: there is no order X-404")
        .contains("Try another approach");
    assertThat(result.confidence().orElseThrow().value()).isLessThan(0.99);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void invalidArgumentsAreExplainedAndTheCorrectedCallRuns(Transport transport) {
    ModelScript script =
        ModelScript.builder()
            .toolCall("lookup_order", "{\"order\":\"A-1001\"}")
            .toolCall("lookup_order", "{\"order_id\":\"A-1001\"}")
            .answer("Shipped.", 0.99, "looked it up")
            .build();

    AgentResult result = agent(transport, script).execute(task("Where is A-1001?"));

    assertThat(result)
        .isCompleted()
        .hasToolFailure("lookup_order", ToolFailureKind.INVALID_ARGUMENTS)
        .calledTools("lookup_order");
    assertThat(models.request("primary", 1)).contains("order_id").contains("invalid arguments");
    assertThat(tools.lookups).hasValue(1);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void unknownToolIsReportedWithTheToolsThatExist(Transport transport) {
    ModelScript script =
        ModelScript.builder()
            .toolCall("delete_everything", "{}")
            .answer("I cannot do that.", 0.9, "no such tool")
            .build();

    AgentResult result = agent(transport, script).execute(task("Delete everything"));

    assertThat(result).hasToolFailure("delete_everything", ToolFailureKind.UNKNOWN_TOOL);
    assertThat(models.request("primary", 1))
        .contains("no tool named 'delete_everything'")
        .contains("lookup_order");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aMadeUpToolNameLongerThanAnyToolsIsQuotedShortened(Transport transport) {
    String name = "delete_" + "x".repeat(50_000);
    ModelScript script =
        ModelScript.builder()
            .toolCall(name, "{}")
            .answer("I cannot do that.", 0.9, "no such tool")
            .build();

    AgentResult result = agent(transport, script).execute(task("Delete everything"));

    // Before: the whole name went into the failure's event, the audit and the decision log, and
    // back to the model in the refusal.
    String quoted = "delete_" + "x".repeat(57) + "... (50007 characters)";
    assertThat(result).hasToolFailure(quoted, ToolFailureKind.UNKNOWN_TOOL);
    assertThat(result.trace())
        .filteredOn(AgentEvent.ToolFailed.class::isInstance)
        .singleElement()
        .satisfies(e -> assertThat(((AgentEvent.ToolFailed) e).reason()).hasSizeLessThan(400));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void toolOutsideTheGrantsIsNeverOfferedNorRun(Transport transport) {
    ModelScript script =
        ModelScript.builder()
            .toolCall("issue_refund", "{\"order_id\":\"A-1001\"}")
            .answer("I cannot refund that myself.", 0.9, "no permission")
            .build();

    AgentResult result = agent(transport, script).execute(task("Refund A-1001"));

    assertThat(models.offeredTools("primary", 0))
        .contains("lookup_order", "cancel_order")
        .doesNotContain("issue_refund");
    assertThat(result)
        .hasToolFailure("issue_refund", ToolFailureKind.NOT_PERMITTED)
        .neverCalledTool("issue_refund");
    assertThat(tools.refunds).hasValue(0);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void destructiveCallWaitsForAPersonThenRunsWhenApproved(Transport transport) {
    ModelScript script =
        ModelScript.builder()
            .toolCall("cancel_order", "{\"order_id\":\"A-1001\"}")
            .answer("Order A-1001 is cancelled.", 0.95, "cancelled after approval")
            .build();

    AgentResult suspended = agent(transport, script).execute(task("Cancel A-1001"));

    assertThat(suspended).isInReview().neverCalledTool("cancel_order");
    ReviewRequest request = ((Outcome.InReview) suspended.outcome()).request();
    assertThat(request.kind()).isEqualTo(ReviewKind.DESTRUCTIVE_CALL);
    assertThat(request.pendingCall())
        .hasValueSatisfying(call -> {
          assertThat(call.tool()).isEqualTo("cancel_order");
          assertThat(call.argumentsJson()).contains("A-1001");
        });
    assertThat(tools.cancels).hasValue(0);

    AgentResult resumed = agent.resume(new ReviewDecision.Approve(request.id(), "alice"));

    assertThat(resumed)
        .isCompleted()
        .calledTools("cancel_order")
        .hasAnswer("Order A-1001 is cancelled.");
    assertThat(tools.cancels).hasValue(1);
    assertThat(models.request("primary", 1)).contains("order A-1001 cancelled");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void destructiveCallDeniedEndsTheTaskWithoutRunningIt(Transport transport) {
    ModelScript script =
        ModelScript.builder().toolCall("cancel_order", "{\"order_id\":\"A-1001\"}").build();

    AgentResult suspended = agent(transport, script).execute(task("Cancel A-1001"));
    ReviewRequest request = ((Outcome.InReview) suspended.outcome()).request();

    AgentResult denied =
        agent.resume(new ReviewDecision.Reject(request.id(), "alice", "the order has shipped"));

    assertThat(denied)
        .isFailedWith(FailureCategory.REVIEW_REJECTED)
        .reasonContains("alice denied the call to cancel_order: the order has shipped")
        .hasToolFailure("cancel_order", ToolFailureKind.DENIED);
    assertThat(tools.cancels).hasValue(0);
    assertThat(agent.resume(new ReviewDecision.Approve(request.id(), "bob")))
        .isFailedWith(FailureCategory.UNKNOWN_REVIEW);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void fallbackModelAnswersWhenThePrimaryFails(Transport transport) {
    models = transport.models();
    agent =
        AgentKeel.builder()
            .model(
                "primary",
                models.model(
                    "primary", ModelScript.builder().fail(ScriptedFailure.SERVER_ERROR).build()))
            .model(
                "backup",
                models.model(
                    "backup", ModelScript.builder().answer("Shipped.", 0.95, "ok").build()))
            .tools(tools)
            .noPluginDiscovery()
            .build();

    AgentResult result = agent.execute(task("Where is my order?"));

    assertThat(result).isCompleted().usedFallback("primary", "backup").hasAnswer("Shipped.");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void everyKindOfModelFailureMovesToTheNextModel(Transport transport) {
    models = transport.models();
    agent =
        AgentKeel.builder()
            .model(
                "limited",
                models.model(
                    "limited", ModelScript.builder().fail(ScriptedFailure.RATE_LIMITED).build()))
            .model(
                "garbled",
                models.model(
                    "garbled", ModelScript.builder().fail(ScriptedFailure.MALFORMED).build()))
            .model(
                "stalled",
                models.model(
                    "stalled", ModelScript.builder().fail(ScriptedFailure.TIMEOUT).build()))
            .model(
                "steady",
                models.model("steady", ModelScript.builder().answer("Shipped.", 1.0, "ok").build()))
            .tools(tools)
            .noPluginDiscovery()
            .build();

    AgentResult result = agent.execute(task("Where is my order?"));

    assertThat(result)
        .isCompleted()
        .usedFallback("limited", "garbled")
        .usedFallback("garbled", "stalled")
        .usedFallback("stalled", "steady");
    assertThat(
            result.trace().stream()
                .filter(io.agentkeel.api.AgentEvent.ModelFailed.class::isInstance)
                .map(e -> ((io.agentkeel.api.AgentEvent.ModelFailed) e).kind()))
        .containsExactly(
            io.agentkeel.api.ModelFailureKind.RATE_LIMITED,
            io.agentkeel.api.ModelFailureKind.INVALID_RESPONSE,
            io.agentkeel.api.ModelFailureKind.TIMEOUT);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void failedValidationIsRetriedWithTheReasons(Transport transport) {
    Workflow workflow =
        Workflow.builder("order-status")
            .validator((answer, task) ->
                answer.contains("A-1001")
                    ? ValidationResult.valid()
                    : ValidationResult.invalid("the answer must name the order id A-1001"))
            .build();
    ModelScript script =
        ModelScript.builder()
            .answer("It has shipped.", 1.0, "sure")
            .answer("Order A-1001 has shipped.", 1.0, "sure")
            .build();

    AgentResult result =
        agent(transport, script, workflow)
            .execute(
                Task.builder()
                    .input("Where is A-1001?")
                    .principal(SUPPORT)
                    .workflow("order-status")
                    .build());

    assertThat(result).isCompleted().hasAnswer("Order A-1001 has shipped.");
    assertThat(models.request("primary", 1))
        .contains("did not pass validation")
        .contains("must name the order id A-1001");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void spentStepBudgetEscalatesWithTheReason(Transport transport) {
    Workflow workflow =
        Workflow.builder("tight").budget(LoopBudget.DEFAULT.withMaxSteps(3)).build();
    ModelScript script =
        ModelScript.builder()
            .toolCall("lookup_order", "{\"order_id\":\"A-1\"}")
            .toolCall("lookup_order", "{\"order_id\":\"A-2\"}")
            .toolCall("lookup_order", "{\"order_id\":\"A-3\"}")
            .build();

    AgentResult result =
        agent(transport, script, workflow)
            .execute(
                Task.builder().input("Find my order").principal(SUPPORT).workflow("tight").build());

    assertThat(result).isEscalated().reasonContains("step budget of 3 model calls spent");
    assertThat(models.requests("primary")).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void repeatedCallIsDetectedAsALoop(Transport transport) {
    ModelScript script =
        ModelScript.builder()
            .toolCall("lookup_order", "{\"order_id\":\"A-1\"}")
            .toolCall("lookup_order", "{\"order_id\":\"A-1\"}")
            .toolCall("lookup_order", "{\"order_id\":\"A-1\"}")
            .build();

    AgentResult result = agent(transport, script).execute(task("Where is A-1?"));

    assertThat(result)
        .isEscalated()
        .reasonContains("called lookup_order with the same arguments 3 times")
        .hasToolFailure("lookup_order", ToolFailureKind.REPEATED_CALL);
    assertThat(tools.lookups).hasValue(2);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void toolThatOverrunsItsTimeoutIsStoppedAndReported(Transport transport) {
    Workflow workflow =
        Workflow.builder("quick")
            .budget(LoopBudget.DEFAULT.withToolTimeout(Duration.ofMillis(200)))
            .build();
    ModelScript script =
        ModelScript.builder()
            .toolCall("slow_lookup", "{\"order_id\":\"A-1\"}")
            .answer("The archive did not answer.", 0.9, "timeout")
            .build();

    AgentResult result =
        agent(transport, script, workflow)
            .execute(
                Task.builder().input("Old order").principal(SUPPORT).workflow("quick").build());

    assertThat(result).hasToolFailure("slow_lookup", ToolFailureKind.TIMEOUT);
    assertThat(models.request("primary", 1)).contains("did not answer within");
  }
}
