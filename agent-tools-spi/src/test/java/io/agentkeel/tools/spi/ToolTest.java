package io.agentkeel.tools.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolTest {

  record Add(int a, int b) {}

  static final ToolDescriptor DESCRIPTOR =
      ToolDescriptor.builder("add_numbers")
          .description("Adds two numbers.")
          .sideEffect(SideEffect.READ_ONLY)
          .parameters(Add.class)
          .result(Integer.class)
          .build();

  static final ToolContext CONTEXT =
      new ToolContext("task-1", "support-bot", Instant.parse("2030-01-01T00:00:00Z"));

  @Test
  void ofMakesAToolFromADescriptorAndAFunction() throws ToolException {
    List<ToolContext> seen = new ArrayList<>();
    Tool<Add, Integer> tool =
        Tool.of(
            DESCRIPTOR,
            (parameters, context) -> {
              seen.add(context);
              return parameters.a() + parameters.b();
            });

    assertThat(tool.descriptor()).isSameAs(DESCRIPTOR);
    assertThat(tool.invoke(new Add(2, 3), CONTEXT)).isEqualTo(5);
    assertThat(seen).containsExactly(CONTEXT);
    assertThat(tool).hasToString("Tool[add_numbers]");
  }

  @Test
  void ofPassesTheFunctionsToolExceptionThrough() {
    ToolException failure = ToolException.retryable("the calculator is busy");
    Tool<Add, Integer> tool =
        Tool.of(
            DESCRIPTOR,
            (parameters, context) -> {
              throw failure;
            });

    assertThat(catchThrowable(() -> tool.invoke(new Add(1, 1), CONTEXT))).isSameAs(failure);
  }

  @Test
  void ofRejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> Tool.<Add, Integer>of(null, (p, c) -> 0))
        .withMessage("descriptor");
    assertThatNullPointerException()
        .isThrownBy(() -> Tool.<Add, Integer>of(DESCRIPTOR, null))
        .withMessage("function");
  }

  @Test
  void toolContextRejectsNullComponentsNamingThem() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ToolContext(null, "p", Instant.EPOCH))
        .withMessage("taskId");
    assertThatNullPointerException()
        .isThrownBy(() -> new ToolContext("t", null, Instant.EPOCH))
        .withMessage("principalId");
    assertThatNullPointerException()
        .isThrownBy(() -> new ToolContext("t", "p", null))
        .withMessage("deadline");
  }
}
