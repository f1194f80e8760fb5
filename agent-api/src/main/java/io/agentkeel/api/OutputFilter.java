package io.agentkeel.api;

/**
 * Cleans every text that leaves the agent, such as personal data and secrets: answers, reasoning
 * summaries, review requests, event fields (and so audit entries and decision logs) and memory
 * writes, each marked with its {@link OutputChannel}. Filters run in a fixed order, each on the
 * previous one's output.
 *
 * <p>A filter that throws or runs out of time fails closed: the text is withheld. Implementations
 * must be thread-safe and quick: they run on every event of every task.
 */
public interface OutputFilter {

  /**
   * The filter's name, for events.
   *
   * @return the name
   */
  String name();

  /**
   * Filters one outgoing text.
   *
   * @param text the text so far
   * @param channel where it is going
   * @param context the run it belongs to
   * @return the filtered text; the input itself when nothing needed changing
   */
  String filter(String text, OutputChannel channel, RunContext context);

  /**
   * A filter that changes nothing.
   *
   * @return the filter
   */
  static OutputFilter identity() {
    return new OutputFilter() {
      @Override
      public String name() {
        return "identity";
      }

      @Override
      public String filter(String text, OutputChannel channel, RunContext context) {
        return text;
      }
    };
  }
}
