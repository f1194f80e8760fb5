package io.agentkeel.security;

import io.agentkeel.api.OutputChannel;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.RunContext;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the values of the configured secrets out of everything that leaves the agent (answers,
 * events and so audit entries, review requests, memory writes): each occurrence becomes {@code
 * <SECRET:name>}. Thread-safe.
 */
public final class SecretValuesFilter implements OutputFilter {
  private final List<Secret> secrets;

  /**
   * Creates the filter.
   *
   * @param credentials the secrets to keep out
   */
  public SecretValuesFilter(Credentials credentials) {
    // longest first, so that a secret containing another is replaced whole
    this.secrets =
        credentials.all().stream()
            .filter(s -> s.reveal().length() >= 4)
            .sorted(Comparator.comparingInt((Secret s) -> s.reveal().length()).reversed())
            .toList();
  }

  @Override
  public String name() {
    return "agentkeel-secret-values";
  }

  @Override
  public String filter(String text, OutputChannel channel, RunContext context) {
    String out = text;
    for (Secret s : secrets) {
      if (out.contains(s.reveal())) {
        out = out.replace(s.reveal(), "<SECRET:" + s.name() + ">");
      }
    }
    return out;
  }
}
