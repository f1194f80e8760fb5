package io.agentkeel.core.internal;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The model's final answer: the answer, the confidence it reports and a short reasoning summary.
 * The model is asked to answer with {@link #FORMAT}; a reply that is not in that format is taken as
 * a plain answer with no reported confidence.
 */
record FinalAnswer(String answer, Optional<Double> confidence, String summary) {

  /** The instruction that tells the model how to finish. */
  static final String FORMAT =
      "When you have the final answer, reply with only this JSON object and nothing else:"
          + " {\"answer\": \"<the answer for the user>\", \"confidence\": <a number from 0 to 1,"
          + " how sure you are that the answer is correct and complete>, \"reasoning_summary\":"
          + " \"<one sentence on how you reached it>\"}";

  static FinalAnswer parse(String text) {
    if (text == null) {
      return new FinalAnswer("", Optional.empty(), "");
    }
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start >= 0 && end > start) {
      try {
        JsonNode node = Json.MAPPER.readTree(text.substring(start, end + 1));
        JsonNode answer = node.get("answer");
        if (answer != null && answer.isString()) {
          JsonNode confidence = node.get("confidence");
          Optional<Double> reported =
              confidence != null
                      && confidence.isNumber()
                      && confidence.asDouble() >= 0.0
                      && confidence.asDouble() <= 1.0
                  ? Optional.of(confidence.asDouble())
                  : Optional.empty();
          JsonNode summary = node.get("reasoning_summary");
          return new FinalAnswer(
              answer.asString(),
              reported,
              summary != null && summary.isString() ? summary.asString() : "");
        }
      } catch (JacksonException notJson) {
        // Not the structured format: fall through and take the text as a plain answer.
      }
    }
    return new FinalAnswer(text.strip(), Optional.empty(), "");
  }
}
