package io.agentkeel.api;

/**
 * Estimates how many tokens a text costs a model. Core passes the model's own estimator where its
 * client has one, else {@link #heuristic()}.
 */
@FunctionalInterface
@Experimental
public interface TokenEstimator {

  /**
   * Estimates the tokens of a text.
   *
   * @param text the text
   * @return the estimated tokens, not negative
   */
  int estimate(String text);

  /**
   * About four characters a token, rounded up: close for English prose with common tokenizers, and
   * cheap.
   *
   * @return the estimator
   */
  static TokenEstimator heuristic() {
    return text -> (text.length() + 3) / 4;
  }
}
