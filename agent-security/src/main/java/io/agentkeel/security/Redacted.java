package io.agentkeel.security;

import java.util.List;
import java.util.Objects;

/**
 * The result of redacting a text.
 *
 * @param text the redacted text
 * @param findings what was replaced, with positions in the original text
 */
public record Redacted(String text, List<PiiFinding> findings) {
  /** Copies the findings. */
  public Redacted {
    Objects.requireNonNull(text, "text");
    findings = List.copyOf(findings);
  }

  /**
   * Tells whether anything was replaced.
   *
   * @return whether the text changed
   */
  public boolean changed() {
    return !findings.isEmpty();
  }
}
