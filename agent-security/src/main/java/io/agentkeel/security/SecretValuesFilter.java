package io.agentkeel.security;

import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.RunContext;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the values of the configured secrets out of everything that leaves the agent (answers,
 * events and so audit entries, review requests, memory writes): each occurrence becomes {@code
 * <SECRET:name>}, also where it is written as the body of a JSON string (a tool call's arguments).
 * Values shorter than four characters are left alone. Thread-safe.
 */
public final class SecretValuesFilter implements OutputFilter {
  /** One way a secret's value may be written, and what replaces it. */
  private record Form(String text, String replacement) {}

  private final List<Form> forms;

  /**
   * Creates the filter.
   *
   * @param credentials the secrets to keep out
   */
  public SecretValuesFilter(Credentials credentials) {
    // each value as written and as JSON writes it (tool arguments reach events and the audit log as
    // JSON, where a quote or backslash is escaped, and a control character - or, from a model
    // provider, any character past ASCII - as a \\u escape with lower-case hex digits or, as
    // Jackson writes it, upper-case ones); longest first, so that a secret containing another is
    // replaced whole
    Map<String, Form> byText = new LinkedHashMap<>();
    for (Secret s : credentials.all()) {
      if (s.reveal().length() < 4) {
        continue;
      }
      String replacement = "<SECRET:" + s.name() + ">";
      for (String json :
          List.of(
              json(s.reveal(), false, false),
              json(s.reveal(), true, false),
              json(s.reveal(), false, true),
              json(s.reveal(), true, true))) {
        for (String text : List.of(s.reveal(), json, json.replace("/", "\\/"))) {
          byText.putIfAbsent(text, new Form(text, replacement));
        }
      }
    }
    this.forms =
        byText.values().stream()
            .sorted(Comparator.comparingInt((Form f) -> f.text().length()).reversed())
            .toList();
  }

  @Override
  public String name() {
    return "agentkeel-secret-values";
  }

  @Override
  public String filter(String text, OutputChannel channel, RunContext context) {
    String out = text;
    for (Form f : forms) {
      if (out.contains(f.text())) {
        out = out.replace(f.text(), f.replacement());
      }
    }
    return out;
  }

  /**
   * A value as the body of a JSON string, with lower- or upper-case hex digits in escapes, and
   * every character past ASCII escaped or not (as Python's json.dumps writes it by default).
   */
  private static String json(String value, boolean upperHex, boolean asciiOnly) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || (asciiOnly && c > 0x7f)) {
            sb.append(String.format(upperHex ? "\\u%04X" : "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
