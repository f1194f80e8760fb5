package io.agentkeel.testkit;

import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.FailureCategory;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.ToolFailureKind;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Assertions on an {@link AgentResult}: how the task ended, what the answer was, and which tools
 * and models the agent used, read from the result's {@linkplain AgentResult#trace() trace}. Get one
 * from {@link AgentAssertions#assertThat(AgentResult)}.
 *
 * <p>A tool counts as <em>called</em> when its code ran: a {@link AgentEvent.ToolCalled} event, or
 * a {@link AgentEvent.ToolFailed} event of kind {@link ToolFailureKind#TIMEOUT}, {@link
 * ToolFailureKind#TOOL_ERROR} or {@link ToolFailureKind#CRASHED}. A tool the model asked for but
 * that never ran (unknown, invalid arguments, not permitted, repeated, denied) was
 * <em>requested</em>, not called.
 *
 * <p>Each method fails with an {@link AssertionError} whose message shows the tool events of the
 * trace. Not thread-safe, like every AssertJ assertion object.
 */
public final class AgentResultAssert extends AbstractAssert<AgentResultAssert, AgentResult> {

  /** Failure kinds that mean the tool's code ran. */
  private static final Set<ToolFailureKind> RAN =
      EnumSet.of(ToolFailureKind.TIMEOUT, ToolFailureKind.TOOL_ERROR, ToolFailureKind.CRASHED);

  /** Compares JSON numbers by value, so {@code 20} equals {@code 20.0}. */
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.equals(b)) {
          return 0;
        }
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
      };

  AgentResultAssert(AgentResult actual) {
    super(actual, AgentResultAssert.class);
  }

  /**
   * Checks that the task ended with an outcome of the given type.
   *
   * @param type the expected outcome type, such as {@code Outcome.Completed.class}
   * @return this assertion
   */
  public AgentResultAssert hasOutcome(Class<? extends Outcome> type) {
    Objects.requireNonNull(type, "type");
    isNotNull();
    if (!type.isInstance(actual.outcome())) {
      failWithMessage(
          "Expecting the task to end %s but it ended %s (reason: %s)%s",
          type.getSimpleName(), actual.outcome().describe(), actual.reason(), toolEvents());
    }
    return this;
  }

  /**
   * Checks that the task completed.
   *
   * @return this assertion
   */
  public AgentResultAssert isCompleted() {
    return hasOutcome(Outcome.Completed.class);
  }

  /**
   * Checks that the task waits for a person's review.
   *
   * @return this assertion
   */
  public AgentResultAssert isInReview() {
    return hasOutcome(Outcome.InReview.class);
  }

  /**
   * Checks that the task was escalated to a person.
   *
   * @return this assertion
   */
  public AgentResultAssert isEscalated() {
    return hasOutcome(Outcome.Escalated.class);
  }

  /**
   * Checks that a guard refused the task.
   *
   * @return this assertion
   */
  public AgentResultAssert isRefused() {
    return hasOutcome(Outcome.Refused.class);
  }

  /**
   * Checks that the task was rate limited.
   *
   * @return this assertion
   */
  public AgentResultAssert isRateLimited() {
    return hasOutcome(Outcome.RateLimited.class);
  }

  /**
   * Checks that the task failed.
   *
   * @return this assertion
   */
  public AgentResultAssert isFailed() {
    return hasOutcome(Outcome.Failed.class);
  }

  /**
   * Checks that the task failed in the given category.
   *
   * @param category the expected category
   * @return this assertion
   */
  public AgentResultAssert isFailedWith(FailureCategory category) {
    Objects.requireNonNull(category, "category");
    isFailed();
    FailureCategory found = ((Outcome.Failed) actual.outcome()).category();
    if (found != category) {
      failWithMessage(
          "Expecting the task to fail with %s but it failed with %s (reason: %s)",
          category, found, actual.reason());
    }
    return this;
  }

  /**
   * Checks that the result's reason contains the text.
   *
   * @param text what the reason should contain, case-sensitive
   * @return this assertion
   */
  public AgentResultAssert reasonContains(String text) {
    Objects.requireNonNull(text, "text");
    isNotNull();
    if (!actual.reason().contains(text)) {
      failWithMessage(
          "Expecting the reason to contain \"%s\" but it was \"%s\"", text, actual.reason());
    }
    return this;
  }

  /**
   * Checks that the answer equals the text.
   *
   * @param expected the whole answer
   * @return this assertion
   */
  public AgentResultAssert hasAnswer(String expected) {
    Objects.requireNonNull(expected, "expected");
    String answer = answer();
    if (!answer.equals(expected)) {
      failWithMessage("Expecting the answer \"%s\" but it was \"%s\"", expected, answer);
    }
    return this;
  }

  /**
   * Checks that the answer contains the text.
   *
   * @param text what the answer should contain, case-sensitive
   * @return this assertion
   */
  public AgentResultAssert answerContains(String text) {
    Objects.requireNonNull(text, "text");
    String answer = answer();
    if (!answer.contains(text)) {
      failWithMessage("Expecting the answer to contain \"%s\" but it was \"%s\"", text, answer);
    }
    return this;
  }

  /**
   * Checks that the result holds no answer.
   *
   * @return this assertion
   */
  public AgentResultAssert hasNoAnswer() {
    isNotNull();
    if (actual.answer().isPresent()) {
      failWithMessage("Expecting no answer but it was \"%s\"", actual.answer().get());
    }
    return this;
  }

  /**
   * Checks the tools that were called successfully ({@link AgentEvent.ToolCalled}), exactly and in
   * order. With no names, checks that no tool call succeeded.
   *
   * @param names the tool names, in the order they were called; repeat a name called twice
   * @return this assertion
   */
  public AgentResultAssert calledTools(String... names) {
    Objects.requireNonNull(names, "names");
    isNotNull();
    List<String> expected = Arrays.asList(names);
    List<String> called =
        events(AgentEvent.ToolCalled.class).map(AgentEvent.ToolCalled::tool).toList();
    if (!called.equals(expected)) {
      failWithMessage(
          "Expecting the tools %s to be called successfully, in this order, but they were %s%s",
          expected, called, toolEvents());
    }
    return this;
  }

  /**
   * Checks that the tool was called successfully at least once with arguments equal, as JSON, to
   * the given ones: key order, white space and number notation ({@code 20} and {@code 20.0}) do not
   * matter.
   *
   * @param name the tool's name
   * @param argumentsJson the expected arguments, as JSON
   * @return this assertion
   * @throws IllegalArgumentException if {@code argumentsJson} is not valid JSON
   */
  public AgentResultAssert calledToolWithArguments(String name, String argumentsJson) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(argumentsJson, "argumentsJson");
    JsonNode expected;
    try {
      expected = OpenAiWire.JSON.readTree(argumentsJson);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "the expected arguments for tool '"
              + name
              + "' are not valid JSON ("
              + e.getOriginalMessage()
              + "); write them as a JSON object such as {\"orderId\": \"A-17\"}",
          e);
    }
    isNotNull();
    List<AgentEvent.ToolCalled> calls =
        events(AgentEvent.ToolCalled.class).filter(call -> call.tool().equals(name)).toList();
    boolean found = calls.stream().anyMatch(call -> sameJson(expected, call.argumentsJson()));
    if (!found) {
      failWithMessage(
          "Expecting tool '%s' to be called successfully with arguments %s but %s%s",
          name,
          argumentsJson,
          calls.isEmpty()
              ? "it was never called successfully"
              : "it was called with "
                  + calls.stream().map(AgentEvent.ToolCalled::argumentsJson).toList(),
          toolEvents());
    }
    return this;
  }

  /**
   * Checks that the tool's code never ran: no successful call, and no failure after it ran
   * (timeout, tool error, crash). A call the agent stopped before the tool ran (unknown tool,
   * invalid arguments, not permitted, repeated, denied) does not count.
   *
   * @param name the tool's name
   * @return this assertion
   * @see #neverRequestedTool(String)
   */
  public AgentResultAssert neverCalledTool(String name) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    boolean ran =
        actual.trace().stream()
            .anyMatch(event ->
                switch (event) {
                  case AgentEvent.ToolCalled called -> called.tool().equals(name);
                  case AgentEvent.ToolFailed failed ->
                      failed.tool().equals(name) && RAN.contains(failed.kind());
                  default -> false;
                });
    if (ran) {
      failWithMessage("Expecting tool '%s' never to run but it did%s", name, toolEvents());
    }
    return this;
  }

  /**
   * Checks that no tool event names the tool: the model never asked for it, or the agent recorded
   * nothing of it.
   *
   * @param name the tool's name
   * @return this assertion
   */
  public AgentResultAssert neverRequestedTool(String name) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    boolean named =
        actual.trace().stream()
            .anyMatch(event ->
                switch (event) {
                  case AgentEvent.ToolCalled called -> called.tool().equals(name);
                  case AgentEvent.ToolFailed failed -> failed.tool().equals(name);
                  default -> false;
                });
    if (named) {
      failWithMessage("Expecting tool '%s' never to be requested but it was%s", name, toolEvents());
    }
    return this;
  }

  /**
   * Checks that a call of the tool failed for the given reason.
   *
   * @param name the tool's name, as the model gave it
   * @param kind why it failed
   * @return this assertion
   */
  public AgentResultAssert hasToolFailure(String name, ToolFailureKind kind) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    isNotNull();
    boolean found =
        events(AgentEvent.ToolFailed.class)
            .anyMatch(failed -> failed.tool().equals(name) && failed.kind() == kind);
    if (!found) {
      failWithMessage(
          "Expecting a call of tool '%s' to fail with %s but none did%s", name, kind, toolEvents());
    }
    return this;
  }

  /**
   * Checks that the agent moved to another model of the fallback chain at least once.
   *
   * @return this assertion
   */
  public AgentResultAssert usedFallback() {
    isNotNull();
    if (events(AgentEvent.FallbackUsed.class).findAny().isEmpty()) {
      failWithMessage(
          "Expecting the agent to use a fallback model but it did not%s", modelEvents());
    }
    return this;
  }

  /**
   * Checks that the agent moved from one model of the fallback chain to another.
   *
   * @param from the name of the model that failed
   * @param to the name of the model tried next
   * @return this assertion
   */
  public AgentResultAssert usedFallback(String from, String to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    isNotNull();
    boolean found =
        events(AgentEvent.FallbackUsed.class)
            .anyMatch(used -> from.equals(used.from()) && to.equals(used.to()));
    if (!found) {
      failWithMessage(
          "Expecting the agent to fall back from '%s' to '%s' but it did not%s",
          from, to, modelEvents());
    }
    return this;
  }

  /**
   * Checks that the agent never moved to a fallback model.
   *
   * @return this assertion
   */
  public AgentResultAssert neverUsedFallback() {
    isNotNull();
    if (events(AgentEvent.FallbackUsed.class).findAny().isPresent()) {
      failWithMessage(
          "Expecting the agent never to use a fallback model but it did%s", modelEvents());
    }
    return this;
  }

  /**
   * Checks how many model calls succeeded ({@link AgentEvent.ModelCalled} events).
   *
   * @param expected the number of answered model calls
   * @return this assertion
   */
  public AgentResultAssert madeModelCalls(int expected) {
    isNotNull();
    long made = events(AgentEvent.ModelCalled.class).count();
    if (made != expected) {
      failWithMessage(
          "Expecting %s answered model calls but there were %s%s", expected, made, modelEvents());
    }
    return this;
  }

  private String answer() {
    isNotNull();
    Optional<String> answer = actual.answer();
    if (answer.isEmpty()) {
      failWithMessage(
          "Expecting an answer but the result has none; it ended %s (reason: %s)",
          actual.outcome().describe(), actual.reason());
    }
    return answer.orElseThrow();
  }

  private <E extends AgentEvent> java.util.stream.Stream<E> events(Class<E> type) {
    return actual.trace().stream().filter(type::isInstance).map(type::cast);
  }

  private static boolean sameJson(JsonNode expected, String actualJson) {
    if (actualJson == null) {
      return false;
    }
    try {
      return expected.equals(NUMBERS_BY_VALUE, OpenAiWire.JSON.readTree(actualJson));
    } catch (JacksonException e) {
      return false;
    }
  }

  private String toolEvents() {
    String events =
        actual.trace().stream()
            .map(event ->
                switch (event) {
                  case AgentEvent.ToolCalled called ->
                      "called " + called.tool() + " " + called.argumentsJson();
                  case AgentEvent.ToolFailed failed ->
                      "failed "
                          + failed.tool()
                          + " "
                          + failed.argumentsJson()
                          + " ("
                          + failed.kind()
                          + ": "
                          + failed.reason()
                          + ")";
                  default -> null;
                })
            .filter(Objects::nonNull)
            .collect(Collectors.joining("\n  ", "\n  ", ""));
    return events.isBlank() ? "\nThe trace holds no tool events." : "\nTool events:" + events;
  }

  private String modelEvents() {
    String events =
        actual.trace().stream()
            .map(event ->
                switch (event) {
                  case AgentEvent.ModelCalled called ->
                      "model " + called.model() + " answered step " + called.step();
                  case AgentEvent.ModelFailed failed ->
                      "model " + failed.model() + " failed (" + failed.kind() + ")";
                  case AgentEvent.FallbackUsed used ->
                      "fell back from " + used.from() + " to " + used.to();
                  default -> null;
                })
            .filter(Objects::nonNull)
            .collect(Collectors.joining("\n  ", "\n  ", ""));
    return events.isBlank() ? "\nThe trace holds no model events." : "\nModel events:" + events;
  }
}
