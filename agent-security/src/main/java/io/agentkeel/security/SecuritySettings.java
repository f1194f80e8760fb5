package io.agentkeel.security;

import io.agentkeel.api.ConnectionUrls;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * The typed settings of {@link SecurityExtension}, bound from {@code security.*} (for example
 * {@code security.pii-style=PARTIAL}, or {@code AGENTKEEL_SECURITY_PII_STYLE}).
 *
 * @param injection whether untrusted text is sanitised and checked for injection
 * @param maxInputLength the most characters an untrusted text keeps
 * @param userInputThreshold the injection score from which user input is blocked
 * @param dataThreshold the score from which tool results and memories are flagged
 * @param piiStyle how outgoing personal data is redacted: {@code MASK}, {@code PLACEHOLDER} (the
 *     default) or {@code PARTIAL}; {@code PSEUDONYM} is refused, since a pseudonym means something
 *     only to the model (see {@code pseudonymiseWorkflows})
 * @param piiMinScore the lowest detector score that counts
 * @param phoneRegions comma-separated regions for national phone formats
 * @param pseudonymiseWorkflows comma-separated workflows whose model calls are pseudonymised
 *     ({@code *} for all; empty for none)
 * @param keepAnswerPseudonymised comma-separated workflows whose answers stay pseudonymised
 * @param rateLimits rules, {@code id:KIND:name:capacity:period:principal|shared} separated by
 *     {@code ;}, such as {@code tokens:MODEL_CALL:*:100000:PT1M:principal}; empty for none
 * @param rateLimitStore {@code memory} or {@code redis}
 * @param redisUri the Redis URI for the {@code redis} store
 * @param redisKeyPrefix the prefix of every bucket key in Redis
 * @param rateLimitFailure what happens when Redis is unreachable
 * @param audit {@code file}, {@code postgres} or {@code none}
 * @param auditFile the file of the {@code file} audit log
 * @param auditFsync when the file audit log forces entries to disk
 * @param auditJdbcUrl the JDBC URL of the {@code postgres} audit log
 * @param auditUser its user
 * @param auditPasswordSecret the name of the secret (see {@link Credentials}) holding its password;
 *     empty for none
 * @param auditTable its table
 * @param auditRefuse comma-separated side effects whose tools are refused when the audit log cannot
 *     be written
 * @param auditRefuseOthers whether any other event that cannot be written fails its task
 */
public record SecuritySettings(
    boolean injection,
    int maxInputLength,
    double userInputThreshold,
    double dataThreshold,
    RedactionStyle piiStyle,
    double piiMinScore,
    String phoneRegions,
    String pseudonymiseWorkflows,
    String keepAnswerPseudonymised,
    String rateLimits,
    String rateLimitStore,
    String redisUri,
    String redisKeyPrefix,
    RateLimitFailure rateLimitFailure,
    String audit,
    String auditFile,
    FsyncPolicy auditFsync,
    String auditJdbcUrl,
    String auditUser,
    String auditPasswordSecret,
    String auditTable,
    String auditRefuse,
    boolean auditRefuseOthers) {

  /**
   * The defaults: injection checks on, placeholders for personal data, no pseudonymisation, no rate
   * limits, a file audit log forced on intents, destructive tools refused when it cannot be
   * written.
   *
   * @return the defaults
   */
  public static SecuritySettings defaults() {
    return new SecuritySettings(
        true,
        20_000,
        0.8,
        0.5,
        RedactionStyle.PLACEHOLDER,
        0.5,
        "US,GB,DE,FR,IT,ES,NL,CH,AT,AU,IN,BR,CA",
        "",
        "",
        "",
        "memory",
        "redis://127.0.0.1:6379",
        "agentkeel:rl:",
        RateLimitFailure.FAIL_CLOSED,
        "file",
        "agentkeel-audit.log",
        FsyncPolicy.INTENTS,
        "jdbc:postgresql://127.0.0.1:5432/agentkeel",
        "agentkeel",
        "",
        "agentkeel_audit",
        "DESTRUCTIVE",
        false);
  }

  /**
   * The PII detector these settings describe: their minimum score and phone regions.
   *
   * @return a new detector
   * @throws IllegalArgumentException naming {@code security.pii-min-score} or {@code
   *     security.phone-regions} when its value cannot be used
   */
  public PiiDetector piiDetector() {
    PiiDetector.Builder b = PiiDetector.builder();
    named("security.pii-min-score", piiMinScore(), () -> b.minScore(piiMinScore()));
    named(
        "security.phone-regions",
        phoneRegions(),
        () ->
            b.phoneRegions(
                Arrays.stream(phoneRegions().split(","))
                    .map(String::strip)
                    .filter(region -> !region.isEmpty())
                    .toList()));
    return b.build();
  }

  /**
   * The style in which personal data is redacted in what leaves the agent ({@code piiStyle}), for
   * the agent's output filter and any other reader of these settings. A pseudonym means something
   * only within the model boundary's session, so {@code PSEUDONYM} is refused rather than silently
   * written as placeholders.
   *
   * @return the style
   * @throws IllegalArgumentException naming {@code security.pii-style} for {@code PSEUDONYM}
   */
  public RedactionStyle outgoingPiiStyle() {
    if (piiStyle == RedactionStyle.PSEUDONYM) {
      throw new IllegalArgumentException(
          "security.pii-style is 'PSEUDONYM', which cannot be used: what leaves the agent is"
              + " redacted as MASK, PLACEHOLDER or PARTIAL; to give the model pseudonyms it can"
              + " use, name its workflows in security.pseudonymise-workflows");
    }
    return piiStyle;
  }

  /**
   * The settings, with a password in {@code redisUri} or {@code auditJdbcUrl} shown as {@code ***}:
   * a record's own text would print them whole wherever the settings are logged.
   *
   * @return the settings as text
   */
  @Override
  public String toString() {
    StringJoiner text = new StringJoiner(", ", "SecuritySettings[", "]");
    for (RecordComponent component : SecuritySettings.class.getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(this);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      text.add(
          component.getName()
              + "="
              + (value instanceof String s ? ConnectionUrls.withoutPassword(s) : value));
    }
    return text.toString();
  }

  /**
   * Builds what one setting describes; when its value is refused, the error names the setting and
   * the value, so that the reader knows which line of the configuration to fix.
   *
   * @param key the setting, such as {@code security.audit-refuse}
   * @param value its value
   * @param build builds from it
   * @return what was built
   * @throws IllegalArgumentException naming the setting, its value and why it was refused
   */
  static <T> T named(String key, Object value, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          key + " is '" + value + "', which cannot be used: " + e.getMessage(), e);
    }
  }
}
