package io.agentkeel.api;

/**
 * Cleans what leaves the agent, such as personal data and secrets in an answer. Filters run in a
 * fixed order, each on the previous one's output.
 */
public interface OutputFilter {

  /**
   * The filter's name, for events.
   *
   * @return the name
   */
  String name();

  /**
   * Filters an answer.
   *
   * @param output the answer so far
   * @param task the task it belongs to
   * @return the filtered answer; the input itself when nothing needed changing
   */
  String filter(String output, Task task);
}
