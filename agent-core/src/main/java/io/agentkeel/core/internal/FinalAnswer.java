package io.agentkeel.core.internal;

import io.agentkeel.core.tool.internal.Json;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;

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

  /**
   * The shared mapper's token factory without duplicate-key tracking: the final answer is read once
   * per task on the hot path, and a repeated key there only means the last one wins.
   */
  private static final TokenStreamFactory ANSWER_TOKENS =
      Json.MAPPER
          .tokenStreamFactory()
          .rebuild()
          .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  static FinalAnswer parse(String text) {
    if (text == null) {
      return new FinalAnswer("", Optional.empty(), "");
    }
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start >= 0 && end > start) {
      // Streamed rather than read into a tree: this runs once per task on the hot path.
      String json = start == 0 && end == text.length() - 1 ? text : text.substring(start, end + 1);
      try (JsonParser parser = ANSWER_TOKENS.createParser(ObjectReadContext.empty(), json)) {
        if (parser.nextToken() == JsonToken.START_OBJECT) {
          String answer = null;
          Double confidence = null;
          String summary = "";
          while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
              case "answer" -> answer = value == JsonToken.VALUE_STRING ? parser.getString() : null;
              case "confidence" -> confidence = value.isNumeric() ? parser.getDoubleValue() : null;
              case "reasoning_summary" ->
                  summary = value == JsonToken.VALUE_STRING ? parser.getString() : "";
              default -> parser.skipChildren();
            }
          }
          if (answer != null) {
            return new FinalAnswer(
                answer,
                confidence != null && confidence >= 0.0 && confidence <= 1.0
                    ? Optional.of(confidence)
                    : Optional.empty(),
                summary);
          }
        }
      } catch (JacksonException notJson) {
        // Not the structured format: fall through and take the text as a plain answer.
      }
    }
    return new FinalAnswer(text.strip(), Optional.empty(), "");
  }
}
