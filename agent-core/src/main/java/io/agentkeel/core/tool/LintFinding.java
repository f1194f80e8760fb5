package io.agentkeel.core.tool;

import java.util.Objects;

/**
 * One finding of the {@link ToolDesignLint}: a rule of good tool design that a tool breaks, why it
 * matters to the model, and how to fix it.
 *
 * @param tool the tool's name
 * @param rule the rule's id, such as {@code vague-name}
 * @param reason why the tool breaks the rule, naming the part at fault
 * @param fix what to change
 */
public record LintFinding(String tool, String rule, String reason, String fix) {

  /**
   * Checks that no component is null.
   *
   * @throws NullPointerException if one is
   */
  public LintFinding {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(fix, "fix");
  }

  /**
   * The key that names this finding for explanations: {@code tool:rule}.
   *
   * @return the key
   */
  public String key() {
    return tool + ":" + rule;
  }

  /**
   * Renders the finding as one line.
   *
   * @return e.g. {@code do_stuff [vague-name]: ... Fix: ...}
   */
  @Override
  public String toString() {
    return tool + " [" + rule + "]: " + reason + " Fix: " + fix;
  }
}
