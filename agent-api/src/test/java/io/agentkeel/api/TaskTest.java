package io.agentkeel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskTest {

  static final Principal BOT = Principal.of("support-bot", "orders:read");

  @Test
  void builderGivesARandomIdTheDefaultWorkflowAndNoSession() {
    Task first = Task.builder().input("where is my order?").principal(BOT).build();
    Task second = Task.builder().input("where is my order?").principal(BOT).build();

    assertThat(UUID.fromString(first.id())).isNotNull();
    assertThat(first.id()).isNotEqualTo(second.id());
    assertThat(first.workflow()).isEqualTo(Workflow.DEFAULT_NAME).isEqualTo("default");
    assertThat(first.sessionId()).isEmpty();
    assertThat(first.attributes()).isEmpty();
    assertThat(first.input()).isEqualTo("where is my order?");
    assertThat(first.principal()).isSameAs(BOT);
  }

  @Test
  void builderTakesEveryValue() {
    Task task =
        Task.builder()
            .id("task-7")
            .input("cancel A-17")
            .principal(BOT)
            .workflow("cancellations")
            .sessionId("session-3")
            .attribute("order_id", "A-17")
            .attribute("channel", "chat")
            .build();

    assertThat(task.id()).isEqualTo("task-7");
    assertThat(task.workflow()).isEqualTo("cancellations");
    assertThat(task.sessionId()).contains("session-3");
    assertThat(task.attributes())
        .containsExactlyInAnyOrderEntriesOf(Map.of("order_id", "A-17", "channel", "chat"));
  }

  @Test
  void builderRequiresAnInput() {
    assertThatNullPointerException()
        .isThrownBy(() -> Task.builder().principal(BOT).build())
        .withMessage("a task needs an input");
  }

  @Test
  void builderRequiresAPrincipal() {
    assertThatNullPointerException()
        .isThrownBy(() -> Task.builder().input("hi").build())
        .withMessage("a task needs a principal");
  }

  @Test
  void attributeLookupFindsPresentNamesOnly() {
    Task task = Task.builder().input("hi").principal(BOT).attribute("order_id", "A-17").build();

    assertThat(task.attribute("order_id")).contains("A-17");
    assertThat(task.attribute("customer_id")).isEmpty();
    assertThat(task.attribute("ORDER_ID")).isEmpty();
  }

  @Test
  void attributesAreCopiedFromTheBuilderAndCannotBeChanged() {
    Task.Builder builder = Task.builder().input("hi").principal(BOT).attribute("a", "1");
    Task task = builder.build();
    builder.attribute("b", "2");

    assertThat(task.attributes()).containsOnlyKeys("a");
    assertThat(builder.build().attributes()).containsOnlyKeys("a", "b");
    assertThatThrownBy(() -> task.attributes().put("b", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void constructorCopiesTheAttributes() {
    Map<String, String> attributes = new HashMap<>(Map.of("a", "1"));
    Task task = new Task("t-1", "hi", BOT, "default", Optional.empty(), attributes);
    attributes.put("b", "2");

    assertThat(task.attributes()).containsOnlyKeys("a");
  }

  @Test
  void attributesMustNotBeNull() {
    Task.Builder builder = Task.builder();

    assertThatNullPointerException()
        .isThrownBy(() -> builder.attribute(null, "1"))
        .withMessage("name");
    assertThatNullPointerException()
        .isThrownBy(() -> builder.attribute("a", null))
        .withMessage("value");
  }

  @Test
  void rejectsABlankIdOrWorkflow() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Task.builder().id(" ").input("hi").principal(BOT).build())
        .withMessage("a task id must not be blank");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Task.builder().id("t-1").workflow("").input("hi").principal(BOT).build())
        .withMessage("task 't-1' needs a workflow name");
  }

  @Test
  void rejectsNullComponentsNamingThem() {
    assertThatNullPointerException()
        .isThrownBy(() -> Task.builder().id(null).input("hi").principal(BOT).build())
        .withMessage("id");
    assertThatNullPointerException()
        .isThrownBy(() -> Task.builder().workflow(null).input("hi").principal(BOT).build())
        .withMessage("workflow");
  }
}
