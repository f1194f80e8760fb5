package io.agentkeel.api;

/**
 * Transforms text on its way to and from the model provider, so that the provider need not see what
 * it must not, such as raw personal data: text is pseudonymised {@linkplain #toModel on the way
 * out} and restored {@linkplain #fromModel on the way back}, before a tool runs or an answer is
 * routed. Boundaries run in order on the way out and in reverse order on the way back.
 *
 * <p>Called on the task's thread within its time budget; one that throws fails the task rather than
 * letting raw text through. Implementations must be thread-safe.
 */
@Experimental
public interface ModelBoundary {

  /**
   * Transforms a text the model is about to read.
   *
   * @param text the text
   * @param kind what it is
   * @param context the run
   * @return the text the provider receives
   */
  String toModel(String text, ModelText kind, RunContext context);

  /**
   * Transforms a text the model produced.
   *
   * @param text the text
   * @param kind what it is: {@link ModelText#TOOL_ARGUMENTS} or {@link ModelText#ANSWER}
   * @param context the run
   * @return the text the agent uses
   */
  String fromModel(String text, ModelText kind, RunContext context);

  /**
   * A boundary that changes nothing.
   *
   * @return the boundary
   */
  static ModelBoundary identity() {
    return new ModelBoundary() {
      @Override
      public String toModel(String text, ModelText kind, RunContext context) {
        return text;
      }

      @Override
      public String fromModel(String text, ModelText kind, RunContext context) {
        return text;
      }
    };
  }
}
