package io.agentkeel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkflowTest {

  static final OutputValidator NOT_EMPTY =
      (answer, task) ->
          answer.isBlank()
              ? ValidationResult.invalid("the answer is empty")
              : ValidationResult.valid();

  @Test
  void defaultsAllowEveryToolAndRequireNothing() {
    Workflow workflow = Workflow.defaults();

    assertThat(workflow.name()).isEqualTo("default").isEqualTo(Workflow.DEFAULT_NAME);
    assertThat(workflow.allowedTools()).containsExactly(Workflow.ALL_TOOLS);
    assertThat(workflow.allowsTool("cancel_order")).isTrue();
    assertThat(workflow.allowsTool("anything_at_all")).isTrue();
    assertThat(workflow.requiredAttributes()).isEmpty();
    assertThat(workflow.validators()).isEmpty();
    assertThat(workflow.thresholds()).isEqualTo(ConfidenceThresholds.DEFAULT);
    assertThat(workflow.budget()).isEqualTo(LoopBudget.DEFAULT);
    assertThat(workflow.trigger()).isNotBlank();
    assertThat(workflow.instructions()).isNotBlank();
  }

  @Test
  void anExplicitListReplacesAllTools() {
    Workflow workflow =
        Workflow.builder("order_status").allowTools("search_orders", "get_order").build();

    assertThat(workflow.allowsTool("search_orders")).isTrue();
    assertThat(workflow.allowsTool("get_order")).isTrue();
    assertThat(workflow.allowsTool("cancel_order")).isFalse();
    assertThat(workflow.allowsTool("*")).isFalse();
    assertThat(workflow.allowedTools()).containsExactlyInAnyOrder("search_orders", "get_order");
  }

  @Test
  void anEmptyListAllowsNoTool() {
    Workflow workflow = Workflow.builder("chat_only").allowTools().build();

    assertThat(workflow.allowsTool("search_orders")).isFalse();
  }

  @Test
  void theWildcardInAListAllowsEveryTool() {
    Workflow workflow = Workflow.builder("open").allowTools("search_orders", "*").build();

    assertThat(workflow.allowsTool("cancel_order")).isTrue();
  }

  @Test
  void requiredAttributesAccumulateInOrderAndCannotBeChanged() {
    Workflow workflow =
        Workflow.builder("refunds").requires("order_id").requires("amount", "currency").build();

    assertThat(workflow.requiredAttributes()).containsExactly("order_id", "amount", "currency");
    assertThatThrownBy(() -> workflow.requiredAttributes().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void takesThresholdsBudgetValidatorsTriggerAndInstructions() {
    ConfidenceThresholds thresholds = new ConfidenceThresholds(0.95, 0.6);
    LoopBudget budget = LoopBudget.DEFAULT.withMaxSteps(4).withMaxDuration(Duration.ofSeconds(20));

    Workflow workflow =
        Workflow.builder("refunds")
            .trigger("a refund request by email")
            .instructions("Refund only delivered orders.")
            .thresholds(thresholds)
            .budget(budget)
            .validator(NOT_EMPTY)
            .build();

    assertThat(workflow.trigger()).isEqualTo("a refund request by email");
    assertThat(workflow.instructions()).isEqualTo("Refund only delivered orders.");
    assertThat(workflow.thresholds()).isSameAs(thresholds);
    assertThat(workflow.thresholds().route(0.9)).isEqualTo(Route.REVIEW);
    assertThat(workflow.budget()).isEqualTo(budget);
    assertThat(workflow.validators()).containsExactly(NOT_EMPTY);
  }

  @Test
  void aBuiltWorkflowDoesNotChangeWithItsBuilder() {
    Workflow.Builder builder =
        Workflow.builder("refunds").allowTools("refund").requires("order_id");
    Workflow first = builder.build();
    builder.allowTools("cancel_order").requires("amount").validator(NOT_EMPTY);

    assertThat(first.allowsTool("refund")).isTrue();
    assertThat(first.allowsTool("cancel_order")).isFalse();
    assertThat(first.requiredAttributes()).containsExactly("order_id");
    assertThat(first.validators()).isEmpty();
  }

  @Test
  void rejectsABlankOrNullName() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Workflow.builder(" ").build())
        .withMessage("a workflow needs a name");
    assertThatNullPointerException().isThrownBy(() -> Workflow.builder(null)).withMessage("name");
  }

  @Test
  void rejectsNullPartsNamingThem() {
    assertThatNullPointerException()
        .isThrownBy(() -> Workflow.builder("w").thresholds(null).build())
        .withMessage("thresholds");
    assertThatNullPointerException()
        .isThrownBy(() -> Workflow.builder("w").budget(null).build())
        .withMessage("budget");
    assertThatNullPointerException()
        .isThrownBy(() -> Workflow.builder("w").validator(null))
        .withMessage("validator");
  }
}
