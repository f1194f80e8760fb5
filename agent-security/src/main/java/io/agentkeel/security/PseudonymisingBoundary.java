package io.agentkeel.security;

import io.agentkeel.api.ModelBoundary;
import io.agentkeel.api.ModelText;
import io.agentkeel.api.RunContext;
import io.agentkeel.security.internal.JsonEscapes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps raw personal data from the model provider: text on its way to the model is pseudonymised
 * ({@code <EMAIL_1>}) with a vault per session (the task's session, else the task), tool-call
 * arguments are restored before the tool runs, and the final answer is restored or kept
 * pseudonymised as the workflow says. A vault belongs to one principal of one tenant: another
 * principal's session of the same id has a vault of its own. Applies only to the workflows it is
 * given ({@code *} for all). Vaults live in memory, the most recent {@code maxSessions} of them.
 * Thread-safe.
 */
public final class PseudonymisingBoundary implements ModelBoundary {
  private final PiiRedactor redactor;
  private final Set<String> workflows;
  private final Set<String> keepAnswerPseudonymised;
  private final Map<String, PseudonymVault> vaults;

  /**
   * Creates the boundary.
   *
   * @param detector what to pseudonymise
   * @param workflows the workflows it applies to; {@code *} for all
   * @param keepAnswerPseudonymised the workflows whose final answer stays pseudonymised
   * @param maxSessions how many sessions' vaults to keep
   */
  public PseudonymisingBoundary(
      PiiDetector detector,
      Set<String> workflows,
      Set<String> keepAnswerPseudonymised,
      int maxSessions) {
    this.redactor = new PiiRedactor(Objects.requireNonNull(detector), RedactionStyle.PSEUDONYM);
    this.workflows = Set.copyOf(workflows);
    this.keepAnswerPseudonymised = Set.copyOf(keepAnswerPseudonymised);
    this.vaults =
        new LinkedHashMap<>(256, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, PseudonymVault> eldest) {
            return size() > maxSessions;
          }
        };
  }

  private boolean applies(RunContext context) {
    return workflows.contains("*") || workflows.contains(context.workflow().name());
  }

  /**
   * The vault of a run's session.
   *
   * @param context the run
   * @return its vault
   */
  public PseudonymVault vault(RunContext context) {
    // Each part escaped, so that no tenant, principal or session id holding a separator spells
    // another's key; the principal is part of it, as of a session's key in session memory.
    String key =
        escape(context.tenant())
            + "/"
            + escape(context.principal().id())
            + "/"
            + context
                .task()
                .sessionId()
                .map(session -> "session:" + escape(session))
                .orElse("task:" + escape(context.task().id()));
    synchronized (vaults) {
      return vaults.computeIfAbsent(key, k -> new PseudonymVault());
    }
  }

  private static String escape(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }

  @Override
  public String toModel(String text, ModelText kind, RunContext context) {
    if (!applies(context)) {
      return text;
    }
    return redactor.redact(text, vault(context)).text();
  }

  @Override
  public String fromModel(String text, ModelText kind, RunContext context) {
    if (!applies(context)) {
      return text;
    }
    if (kind == ModelText.ANSWER && keepAnswerPseudonymised.contains(context.workflow().name())) {
      return text;
    }
    // Tool arguments are JSON, and a pseudonym stands inside one of its strings: a value is put
    // back as a string's body, or a private key's line breaks would make the arguments invalid
    // and a quote in a value would end the string and add arguments the model never wrote.
    return kind == ModelText.TOOL_ARGUMENTS
        ? vault(context).restore(text, PseudonymisingBoundary::jsonBody)
        : vault(context).restore(text);
  }

  /**
   * A value as the body of a JSON string. An escape it already holds (it was found in JSON, such as
   * a tool's result) is kept; a quote, a backslash that starts no escape and a control character
   * are escaped.
   */
  private static String jsonBody(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 16);
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == '\\' && JsonEscapes.length(value, i) > 0) {
        // an escape is kept: its backslash and letter here, a u escape's hex digits as they come
        sb.append(c).append(value.charAt(i + 1));
        i++;
      } else if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        switch (c) {
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> sb.append(String.format("\\u%04X", (int) c));
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
