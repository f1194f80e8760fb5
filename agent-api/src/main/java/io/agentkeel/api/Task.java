package io.agentkeel.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One piece of work for an agent: the user's input, on whose behalf, under which workflow, and the
 * facts the workflow needs. Immutable; build one with {@link #builder()}.
 *
 * @param id unique id, used in every event and in the audit log
 * @param input what the user asked, as given; the input guards see it before the model does
 * @param principal who the task runs for
 * @param workflow the name of the {@link Workflow} that governs it
 * @param sessionId the conversation it belongs to, for session memory; empty for a one-off task
 * @param attributes named facts, such as {@code order_id}, that the workflow may require
 */
public record Task(
    String id,
    String input,
    Principal principal,
    String workflow,
    Optional<String> sessionId,
    Map<String, String> attributes) {

  /**
   * Validates the task.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the id or workflow is blank
   */
  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(sessionId, "sessionId");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a task id must not be blank");
    }
    if (workflow.isBlank()) {
      throw new IllegalArgumentException("task '" + id + "' needs a workflow name");
    }
    attributes = Map.copyOf(attributes);
  }

  /**
   * One named fact of the task.
   *
   * @param name the attribute's name
   * @return its value, if present
   */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /**
   * Starts a task with a random id in the {@link Workflow#DEFAULT_NAME default} workflow.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Task}; not thread-safe. */
  public static final class Builder {
    private String id = UUID.randomUUID().toString();
    private String input;
    private Principal principal;
    private String workflow = Workflow.DEFAULT_NAME;
    private String sessionId;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the id; a random UUID when not set.
     *
     * @param id the id
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * Sets the user's input; required.
     *
     * @param input the input
     * @return this builder
     */
    public Builder input(String input) {
      this.input = input;
      return this;
    }

    /**
     * Sets who the task runs for; required.
     *
     * @param principal the principal
     * @return this builder
     */
    public Builder principal(Principal principal) {
      this.principal = principal;
      return this;
    }

    /**
     * Sets the workflow's name; {@code default} when not set.
     *
     * @param workflow the workflow name
     * @return this builder
     */
    public Builder workflow(String workflow) {
      this.workflow = workflow;
      return this;
    }

    /**
     * Sets the conversation the task belongs to.
     *
     * @param sessionId the session id
     * @return this builder
     */
    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    /**
     * Adds a named fact.
     *
     * @param name the attribute's name
     * @param value its value
     * @return this builder
     */
    public Builder attribute(String name, String value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the task.
     *
     * @return the task
     * @throws NullPointerException if the input or principal was not set
     */
    public Task build() {
      Objects.requireNonNull(input, "a task needs an input");
      Objects.requireNonNull(principal, "a task needs a principal");
      return new Task(id, input, principal, workflow, Optional.ofNullable(sessionId), attributes);
    }
  }
}
