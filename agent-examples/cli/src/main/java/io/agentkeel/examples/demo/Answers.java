package io.agentkeel.examples.demo;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes the demo model's final answers in the agent's JSON answer format. */
final class Answers {

  private static final int MAX_ITEMS = 5;
  private static final int MAX_FIELDS = 5;

  private Answers() {}

  /**
   * The final answer object: answer, confidence and a one-sentence reasoning summary.
   *
   * @param answer the answer for the user
   * @param confidence from 0 to 1
   * @param summary how the answer was reached
   * @return the JSON text
   */
  static String format(String answer, double confidence, String summary) {
    ObjectNode node = ArgumentFinder.JSON.createObjectNode();
    node.put("answer", answer);
    node.put("confidence", confidence);
    node.put("reasoning_summary", summary);
    return ArgumentFinder.JSON.writeValueAsString(node);
  }

  /** The answer from the results of the tools called for the request. */
  static String fromToolResults(List<ToolExecutionResultMessage> results) {
    StringBuilder answer = new StringBuilder(OfflineDemoModel.LABEL);
    double confidence = OfflineDemoModel.CONFIDENT;
    List<String> tools = new ArrayList<>();
    for (ToolExecutionResultMessage result : results) {
      tools.add(result.toolName());
      Optional<JsonNode> json = parse(result.text());
      boolean error =
          Boolean.TRUE.equals(result.isError()) || json.isEmpty() && looksLikeError(result.text());
      if (error) {
        answer
            .append(" ")
            .append(result.toolName())
            .append(" could not do it: ")
            .append(oneLine(result.text()));
        confidence = Math.min(confidence, OfflineDemoModel.AFTER_TOOL_ERROR);
        continue;
      }
      answer.append(" From ").append(result.toolName()).append(": ");
      if (json.isPresent()) {
        answer.append(describe(json.get()));
        Optional<Double> own = ownConfidence(json.get());
        if (own.isPresent()) {
          confidence = Math.min(confidence, own.get());
        }
      } else {
        answer.append(oneLine(withoutEnvelope(result.text())));
      }
    }
    return format(
        answer.toString().strip(),
        confidence,
        "answered from the result of " + String.join(", ", tools) + " without a language model");
  }

  private static boolean looksLikeError(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("error") || lower.contains("failed") || lower.startsWith("there is no");
  }

  /** A tool's own certainty: a top-level confidence or score field within [0, 1]. */
  private static Optional<Double> ownConfidence(JsonNode json) {
    for (String field : List.of("confidence", "score")) {
      JsonNode value = json.isObject() ? json.get(field) : null;
      if (value != null && value.isNumber() && value.asDouble() >= 0 && value.asDouble() <= 1) {
        return Optional.of(value.asDouble());
      }
    }
    return Optional.empty();
  }

  /** Finds the JSON in a tool result, which the agent may have wrapped in delimiters. */
  private static Optional<JsonNode> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int object = text.indexOf('{');
    int array = text.indexOf('[');
    int start = object < 0 ? array : array < 0 ? object : Math.min(object, array);
    if (start < 0) {
      return Optional.empty();
    }
    int end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
    if (end <= start) {
      return Optional.empty();
    }
    try {
      return Optional.of(ArgumentFinder.JSON.readTree(text.substring(start, end + 1)));
    } catch (JacksonException notJson) {
      return Optional.empty();
    }
  }

  /** A short sentence for any JSON: lists are numbered, so "the second one" can refer to them. */
  static String describe(JsonNode node) {
    if (node.isArray()) {
      return list(node, node.size());
    }
    if (!node.isObject()) {
      return node.asString();
    }
    // A page: the first array of objects is the list; a "total" field says how many matched.
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (field.getValue().isArray() && field.getValue().path(0).isObject()) {
        JsonNode total = node.get("total");
        long matched = total != null && total.isNumber() ? total.asLong() : field.getValue().size();
        return list(field.getValue(), matched);
      }
    }
    String fields = fields(node);
    return fields.endsWith(".") ? fields : fields + ".";
  }

  private static String list(JsonNode array, long matched) {
    if (array.isEmpty()) {
      return "nothing found.";
    }
    StringBuilder text = new StringBuilder();
    text.append(matched).append(matched == 1 ? " result" : " results");
    if (matched > Math.min(array.size(), MAX_ITEMS)) {
      text.append(", the first ").append(Math.min(array.size(), MAX_ITEMS));
    }
    text.append(": ");
    for (int i = 0; i < Math.min(array.size(), MAX_ITEMS); i++) {
      JsonNode item = array.get(i);
      text.append(i + 1)
          .append(". ")
          .append(item.isObject() ? fields(item) : item.asString())
          .append("; ");
    }
    return text.substring(0, text.length() - 2) + ".";
  }

  private static String fields(JsonNode object) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (parts.size() == MAX_FIELDS) {
        break;
      }
      JsonNode value = field.getValue();
      if (value.isValueNode() && !value.isNull()) {
        parts.add(field.getKey() + " " + value.asString());
      } else if (value.isArray() && !value.isEmpty() && value.get(0).isValueNode()) {
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.asString()));
        parts.add(field.getKey() + ": " + String.join("; ", items));
      }
    }
    return String.join(", ", parts);
  }

  /** Core marks a tool's result as untrusted data; the answer quotes the data only. */
  private static final java.util.regex.Pattern ENVELOPE =
      java.util.regex.Pattern.compile("(?s)<untrusted-data[^>]*>(.*)</untrusted-data>");

  private static String withoutEnvelope(String text) {
    if (text == null) {
      return "";
    }
    java.util.regex.Matcher m = ENVELOPE.matcher(text);
    return m.find() ? m.group(1) : text;
  }

  private static String oneLine(String text) {
    String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
