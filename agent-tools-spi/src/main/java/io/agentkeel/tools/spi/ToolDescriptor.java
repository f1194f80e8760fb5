package io.agentkeel.tools.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the agent knows about a tool before calling it: what it is called, what it does, when
 * to use it, what it needs and what it may break.
 *
 * <p>Instances are immutable and validated on construction: a name that is not snake_case, a blank
 * description or a malformed scope fails at once with an {@link IllegalArgumentException} that
 * names the problem. Build one with {@link #builder(String)}.
 *
 * @param name unique snake_case name, at most 64 characters
 * @param description what the tool does; never blank
 * @param whenToUse when the agent should pick this tool; may be empty, which the tool design lint
 *     reports
 * @param scopes permission scopes a principal needs, sorted and without duplicates, each of the
 *     form {@code resource:action}
 * @param sideEffect what the tool does to the world
 * @param parameterType the record whose components are the tool's arguments
 * @param resultType the type of value the tool returns
 * @param maxResults the most items a list result holds, {@code 0} when the result is not a list
 * @param usesIdempotencyKey whether the tool passes {@link ToolContext#idempotencyKey()} on to the
 *     system it changes, so that running a call twice with one key changes it once; a write or
 *     destructive call that may have run before its process died is then run again instead of going
 *     to a person
 */
public record ToolDescriptor(
    String name,
    String description,
    String whenToUse,
    List<String> scopes,
    SideEffect sideEffect,
    Class<? extends Record> parameterType,
    Class<?> resultType,
    int maxResults,
    boolean usesIdempotencyKey) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9_.-]*(:[a-z][a-z0-9_.-]*)+");

  /** The longest tool name that model providers accept. */
  public static final int MAX_NAME_LENGTH = 64;

  /**
   * Validates and normalises the descriptor.
   *
   * @throws IllegalArgumentException if a component is malformed, naming which and why
   * @throws NullPointerException if a component is null
   */
  public ToolDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(whenToUse, "whenToUse");
    Objects.requireNonNull(scopes, "scopes");
    Objects.requireNonNull(sideEffect, "sideEffect");
    Objects.requireNonNull(parameterType, "parameterType");
    Objects.requireNonNull(resultType, "resultType");
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "tool name '"
              + name
              + "' must be snake_case (lower-case letters, digits and single underscores, starting"
              + " with a letter) and at most "
              + MAX_NAME_LENGTH
              + " characters, e.g. 'search_customer_orders'");
    }
    if (description.isBlank()) {
      throw new IllegalArgumentException(
          "tool '" + name + "' needs a description that says what it does");
    }
    for (String scope : scopes) {
      if (!isValidScope(scope)) {
        throw new IllegalArgumentException(
            "tool '"
                + name
                + "' has malformed scope '"
                + scope
                + "': write scopes as resource:action in lower case, e.g. 'orders:read'");
      }
    }
    scopes = scopes.stream().distinct().sorted().toList();
    if (!parameterType.isRecord()) {
      throw new IllegalArgumentException(
          "tool '" + name + "' parameter type " + parameterType.getName() + " must be a record");
    }
    if (maxResults < 0) {
      throw new IllegalArgumentException(
          "tool '"
              + name
              + "' maxResults is "
              + maxResults
              + "; use 0 for a result that is no list");
    }
  }

  /**
   * A descriptor of a tool that does not use the idempotency key.
   *
   * @param name unique snake_case name
   * @param description what the tool does
   * @param whenToUse when the agent should pick this tool
   * @param scopes permission scopes a principal needs
   * @param sideEffect what the tool does to the world
   * @param parameterType the parameter record
   * @param resultType the result type
   * @param maxResults the most items a list result holds, or {@code 0}
   * @throws IllegalArgumentException if a component is malformed
   */
  public ToolDescriptor(
      String name,
      String description,
      String whenToUse,
      List<String> scopes,
      SideEffect sideEffect,
      Class<? extends Record> parameterType,
      Class<?> resultType,
      int maxResults) {
    this(
        name,
        description,
        whenToUse,
        scopes,
        sideEffect,
        parameterType,
        resultType,
        maxResults,
        false);
  }

  /**
   * Tells whether a text is a valid tool name: snake_case and at most {@value #MAX_NAME_LENGTH}
   * characters.
   *
   * @param name the candidate, not null
   * @return whether it is a valid tool name
   */
  public static boolean isValidName(String name) {
    return name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
  }

  /**
   * Tells whether a text is a well-formed permission scope, {@code resource:action} in lower case.
   *
   * @param scope the candidate, not null
   * @return whether it is well formed
   */
  public static boolean isValidScope(String scope) {
    return SCOPE.matcher(scope).matches();
  }

  /**
   * Tells whether this tool's result is bounded, i.e. it declares a {@link #maxResults()} limit.
   *
   * @return whether a limit is declared
   */
  public boolean hasResultLimit() {
    return maxResults > 0;
  }

  /**
   * Starts a descriptor for a tool of this name.
   *
   * @param name the tool's snake_case name
   * @return a builder; {@link Builder#build()} validates
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link ToolDescriptor}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private String description = "";
    private String whenToUse = "";
    private List<String> scopes = List.of();
    private SideEffect sideEffect;
    private Class<? extends Record> parameterType;
    private Class<?> resultType = Object.class;
    private int maxResults;
    private boolean usesIdempotencyKey;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Sets what the tool does.
     *
     * @param description one or two sentences
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets when the agent should pick this tool.
     *
     * @param whenToUse the situation in which the tool is the right choice
     * @return this builder
     */
    public Builder whenToUse(String whenToUse) {
      this.whenToUse = whenToUse;
      return this;
    }

    /**
     * Sets the permission scopes a principal needs.
     *
     * @param scopes scopes of the form {@code resource:action}
     * @return this builder
     */
    public Builder scopes(String... scopes) {
      this.scopes = Arrays.asList(scopes.clone());
      return this;
    }

    /**
     * Sets what the tool does to the world; required.
     *
     * @param sideEffect the side-effect level
     * @return this builder
     */
    public Builder sideEffect(SideEffect sideEffect) {
      this.sideEffect = sideEffect;
      return this;
    }

    /**
     * Sets the record whose components are the tool's arguments; required.
     *
     * @param parameterType the parameter record
     * @return this builder
     */
    public Builder parameters(Class<? extends Record> parameterType) {
      this.parameterType = parameterType;
      return this;
    }

    /**
     * Sets the type of value the tool returns; {@code Object} when not set.
     *
     * @param resultType the result type
     * @return this builder
     */
    public Builder result(Class<?> resultType) {
      this.resultType = resultType;
      return this;
    }

    /**
     * Sets the most items a list result holds.
     *
     * @param maxResults a positive limit
     * @return this builder
     */
    public Builder maxResults(int maxResults) {
      this.maxResults = maxResults;
      return this;
    }

    /**
     * Declares that the tool passes {@link ToolContext#idempotencyKey()} on to the system it
     * changes, so that a call repeated with one key changes it once.
     *
     * @param usesIdempotencyKey whether it does
     * @return this builder
     */
    public Builder usesIdempotencyKey(boolean usesIdempotencyKey) {
      this.usesIdempotencyKey = usesIdempotencyKey;
      return this;
    }

    /**
     * Validates and builds the descriptor.
     *
     * @return the descriptor
     * @throws IllegalArgumentException if a value is malformed
     * @throws NullPointerException if the side effect or parameter type was not set
     */
    public ToolDescriptor build() {
      Objects.requireNonNull(sideEffect, () -> "tool '" + name + "' needs a sideEffect");
      Objects.requireNonNull(parameterType, () -> "tool '" + name + "' needs a parameter record");
      return new ToolDescriptor(
          name,
          description,
          whenToUse,
          scopes,
          sideEffect,
          parameterType,
          resultType,
          maxResults,
          usesIdempotencyKey);
    }
  }
}
