package io.agentkeel.tools.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
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
            Add.class,
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
            Add.class,
            DESCRIPTOR,
            (parameters, context) -> {
              throw failure;
            });

    assertThat(catchThrowable(() -> tool.invoke(new Add(1, 1), CONTEXT))).isSameAs(failure);
  }

  @Test
  void ofRejectsNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> Tool.<Add, Integer>of(Add.class, null, (p, c) -> 0))
        .withMessage("descriptor");
    assertThatNullPointerException()
        .isThrownBy(() -> Tool.<Add, Integer>of(Add.class, DESCRIPTOR, null))
        .withMessage("function");
    assertThatNullPointerException()
        .isThrownBy(() -> Tool.<Add, Integer>of(null, DESCRIPTOR, (p, c) -> 0))
        .withMessage("parameterType");
  }

  record Subtract(int a, int b) {}

  @Test
  void ofKeepsTheParameterTypeInsideListOf() throws ToolException {
    // Without the record class first, p would be a plain Record here and p.a() would not compile.
    List<Tool<?, ?>> tools = List.of(Tool.of(Add.class, DESCRIPTOR, (p, c) -> p.a() + p.b()));

    @SuppressWarnings("unchecked")
    Tool<Add, Integer> tool = (Tool<Add, Integer>) tools.get(0);
    assertThat(tool.invoke(new Add(4, 5), CONTEXT)).isEqualTo(9);
  }

  @Test
  void ofRejectsARecordThatIsNotTheDescriptors() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Tool.of(Subtract.class, DESCRIPTOR, (p, c) -> p.a() - p.b()))
        .withMessage(
            "tool 'add_numbers' is made for parameter record "
                + Subtract.class.getName()
                + " but its descriptor declares "
                + Add.class.getName()
                + "; pass the same record to Tool.of and to ToolDescriptor.Builder.parameters");
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
