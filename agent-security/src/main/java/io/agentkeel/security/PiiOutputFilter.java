package io.agentkeel.security;

import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.RunContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The output filter of agent-security: redacts personal data and secrets from everything that
 * leaves the agent (answers, reasoning summaries, review requests, event fields and so audit
 * entries, memory writes), in a {@link RedactionStyle} per channel. Thread-safe.
 */
public final class PiiOutputFilter implements OutputFilter {
  private final PiiDetector detector;
  private final Map<OutputChannel, PiiRedactor> redactors = new EnumMap<>(OutputChannel.class);

  /**
   * Creates the filter.
   *
   * @param detector what to find
   * @param defaultStyle the style of every channel not in {@code perChannel}
   * @param perChannel styles that differ per channel
   */
  public PiiOutputFilter(
      PiiDetector detector,
      RedactionStyle defaultStyle,
      Map<OutputChannel, RedactionStyle> perChannel) {
    this.detector = Objects.requireNonNull(detector, "detector");
    for (OutputChannel c : OutputChannel.values()) {
      RedactionStyle style = perChannel.getOrDefault(c, defaultStyle);
      if (style == RedactionStyle.PSEUDONYM) {
        style = RedactionStyle.PLACEHOLDER; // pseudonyms belong to the model boundary's session
      }
      redactors.put(c, new PiiRedactor(detector, style));
    }
  }

  @Override
  public String name() {
    return "agentkeel-pii";
  }

  @Override
  public String filter(String text, OutputChannel channel, RunContext context) {
    Redacted r = redactors.get(channel).redact(text);
    return r.changed() ? r.text() : text;
  }

  /**
   * The detector.
   *
   * @return the detector
   */
  public PiiDetector detector() {
    return detector;
  }
}
