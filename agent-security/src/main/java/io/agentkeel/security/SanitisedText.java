package io.agentkeel.security;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link Sanitiser#sanitise}: the clean text and what was changed, so that a guard
 * can report it.
 *
 * @param text the sanitised text
 * @param changes what was changed, in the order applied; empty when nothing was
 */
public record SanitisedText(String text, List<Change> changes) {
  /** Copies the list. */
  public SanitisedText {
    Objects.requireNonNull(text, "text");
    changes = List.copyOf(changes);
  }

  /**
   * Tells whether anything was changed.
   *
   * @return whether the text differs from the input
   */
  public boolean changed() {
    return !changes.isEmpty();
  }

  /**
   * One kind of change, with how many characters it touched.
   *
   * @param kind what was done
   * @param count how many characters were changed or removed
   */
  public record Change(Kind kind, int count) {
    /** Checks for null. */
    public Change {
      Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String toString() {
      return kind.name().toLowerCase(java.util.Locale.ROOT) + "=" + count;
    }
  }

  /** What a sanitiser may do to a text. */
  public enum Kind {
    /** Unicode NFKC normalisation changed the text (full-width letters, ligatures). */
    NORMALISED,
    /** Control characters other than newline and tab were removed. */
    CONTROL_REMOVED,
    /** Invisible characters (zero-width, soft hyphen, tag characters) were removed. */
    INVISIBLE_REMOVED,
    /** Bidirectional override and isolate characters were removed. */
    BIDI_REMOVED,
    /** The text was cut to the length limit. */
    TRUNCATED
  }
}
