package io.agentkeel.security;

import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.Configuration;
import io.agentkeel.api.ConnectionUrls;
import io.agentkeel.api.ExtensionBinder;
import io.agentkeel.api.InputGuard;
import io.agentkeel.api.ModelBoundary;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.PrintableText;
import io.agentkeel.api.RateLimitKind;
import io.agentkeel.api.RateLimiter;
import io.agentkeel.api.TextSource;
import io.agentkeel.tools.spi.SideEffect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Installs agent-security from typed configuration ({@link SecuritySettings} under {@code
 * security}): the sanitising injection guard, the PII and secret-value output filters, the
 * pseudonymising model boundary, the Bucket4j rate limiter, the audit log, and the guard that holds
 * each principal to the grants configured under {@code security.grants} ({@link ToolGrants}); and
 * loads the credentials of the active environment, failing start-up when one is missing. Found with
 * {@link java.util.ServiceLoader}; its low {@link #order()} makes its guards and filters run first.
 */
public final class SecurityExtension implements AgentExtension {
  /** Creates the extension; it does nothing until configured. */
  public SecurityExtension() {}

  @Override
  public String name() {
    return "agentkeel-security";
  }

  @Override
  public int order() {
    return -1000;
  }

  @Override
  public void configure(ExtensionBinder binder) {
    Configuration config = binder.configuration();
    SecuritySettings s = config.bind("security", SecuritySettings.defaults());
    Credentials credentials = Credentials.load(config);
    ToolGrants grants = ToolGrants.from(config);
    if (grants.restricts()) {
      binder.add(InputGuard.class, new GrantGuard(grants));
    }

    PiiDetector detector = s.piiDetector();
    if (s.injection()) {
      InjectionPolicy dataPolicy =
          SecuritySettings.named(
              "security.data-threshold",
              s.dataThreshold(),
              () ->
                  new InjectionPolicy(
                      InjectionPolicy.Action.FLAG, s.dataThreshold(), s.dataThreshold()));
      InjectionPolicies policies =
          InjectionPolicies.builder()
              .source(
                  TextSource.USER_INPUT,
                  SecuritySettings.named(
                      "security.user-input-threshold",
                      s.userInputThreshold(),
                      () ->
                          new InjectionPolicy(
                              InjectionPolicy.Action.BLOCK,
                              s.userInputThreshold(),
                              Math.min(0.5, s.userInputThreshold()))))
              .source(TextSource.TOOL_RESULT, dataPolicy)
              .source(TextSource.RECALLED_MEMORY, dataPolicy)
              .build();
      binder.add(
          InputGuard.class,
          new InjectionGuard(
              new Sanitiser(s.maxInputLength()), InjectionDetector.combined(), policies, true));
    }
    binder.add(OutputFilter.class, new SecretValuesFilter(credentials));
    binder.add(OutputFilter.class, new PiiOutputFilter(detector, s.outgoingPiiStyle(), Map.of()));
    refuseKeptWithoutPseudonyms(s);
    if (!s.pseudonymiseWorkflows().isBlank()) {
      binder.add(
          ModelBoundary.class,
          new PseudonymisingBoundary(
              detector,
              Set.copyOf(list(s.pseudonymiseWorkflows())),
              Set.copyOf(list(s.keepAnswerPseudonymised())),
              10_000));
    }
    List<RateLimitRule> rules = parseRules(s.rateLimits());
    if (!rules.isEmpty()) {
      binder.use(
          RateLimiter.class,
          switch (s.rateLimitStore().toLowerCase(Locale.ROOT)) {
            case "memory" -> BucketRateLimiter.inProcess(rules);
            case "redis" ->
                SecuritySettings.named(
                    "security.redis-uri",
                    ConnectionUrls.withoutPassword(s.redisUri()),
                    () ->
                        BucketRateLimiter.redis(
                            rules,
                            s.redisUri(),
                            s.redisKeyPrefix(),
                            Duration.ofMillis(500),
                            s.rateLimitFailure()));
            default ->
                throw new IllegalArgumentException(
                    "security.rate-limit-store is '"
                        + s.rateLimitStore()
                        + "'; use memory or redis");
          });
    }
    AuditFailurePolicy failure =
        new AuditFailurePolicy(
            SecuritySettings.named(
                "security.audit-refuse",
                s.auditRefuse(),
                () ->
                    list(s.auditRefuse()).stream()
                        .map(SecurityExtension::sideEffect)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(SideEffect.class)))),
            s.auditRefuseOthers());
    PiiRedactor auditRedactor = new PiiRedactor(detector, RedactionStyle.PLACEHOLDER);
    switch (s.audit().toLowerCase(Locale.ROOT)) {
      case "file" ->
          binder.add(
              AuditSink.class,
              new FileAuditLog(Path.of(s.auditFile()), s.auditFsync(), auditRedactor, failure));
      case "postgres" ->
          binder.add(
              AuditSink.class,
              new PostgresAuditLog(
                  s.auditJdbcUrl(),
                  s.auditUser(),
                  s.auditPasswordSecret().isBlank()
                      ? ""
                      : credentials
                          .secret(s.auditPasswordSecret())
                          .orElseThrow(() ->
                              new IllegalStateException(
                                  "security.audit-password-secret names '"
                                      + s.auditPasswordSecret()
                                      + "', which is not declared under security.secrets."
                                      + credentials.environment()))
                          .reveal(),
                  s.auditTable(),
                  auditRedactor,
                  failure));
      case "none" -> {}
      default ->
          throw new IllegalArgumentException(
              "security.audit is '" + s.audit() + "'; use file, postgres or none");
    }
  }

  private static SideEffect sideEffect(String value) {
    try {
      return SideEffect.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not one of " + Arrays.toString(SideEffect.values()), e);
    }
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
  }

  /**
   * Refuses a workflow whose answer would stay pseudonymised but whose model calls are not
   * pseudonymised: there is no pseudonym to keep, so the setting would do nothing.
   */
  private static void refuseKeptWithoutPseudonyms(SecuritySettings s) {
    List<String> pseudonymised = list(s.pseudonymiseWorkflows());
    if (pseudonymised.contains("*")) {
      return;
    }
    for (String workflow : list(s.keepAnswerPseudonymised())) {
      if (!pseudonymised.contains(workflow)) {
        throw new IllegalArgumentException(
            "security.keep-answer-pseudonymised names workflow '"
                + PrintableText.escape(workflow)
                + "', whose model calls security.pseudonymise-workflows does not pseudonymise"
                + " (it is '"
                + PrintableText.escape(s.pseudonymiseWorkflows())
                + "'), so its answer holds no pseudonym to keep; add the workflow there too, or"
                + " remove it here");
      }
    }
  }

  /**
   * Parses rate-limit rules: {@code id:KIND:name:capacity:period:principal|shared}, separated by
   * {@code ;}.
   *
   * @param spec the rules
   * @return the rules
   * @throws IllegalArgumentException naming the rule that cannot be read and the expected form
   */
  static List<RateLimitRule> parseRules(String spec) {
    List<RateLimitRule> out = new ArrayList<>();
    for (String r : spec.split(";")) {
      String rule = r.strip();
      if (rule.isEmpty()) {
        continue;
      }
      String[] p = rule.split(":");
      try {
        if (p.length != 6) {
          throw new IllegalArgumentException("it has " + p.length + " parts, not 6");
        }
        if (out.stream().anyMatch(earlier -> earlier.id().equals(p[0]))) {
          throw new IllegalArgumentException(
              "an earlier rule has the id '" + p[0] + "', and each rule needs an id of its own");
        }
        String period = p[4].toUpperCase(Locale.ROOT);
        RateLimitRule parsed =
            new RateLimitRule(
                p[0],
                RateLimitKind.valueOf(p[1].toUpperCase(Locale.ROOT)),
                p[2],
                Long.parseLong(p[3]),
                Duration.parse(period.startsWith("P") ? period : "PT" + period),
                switch (p[5].toLowerCase(Locale.ROOT)) {
                  case "principal" -> true;
                  case "shared" -> false;
                  default ->
                      throw new IllegalArgumentException("scope must be principal or shared");
                });
        // what Bucket4j cannot hold is refused here, naming this setting, not the Redis URI
        out.addAll(BucketRateLimiter.checked(List.of(parsed)));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IllegalArgumentException(
            "security.rate-limits rule '"
                + rule
                + "' cannot be read ("
                + e.getMessage()
                + "); write id:KIND:name:capacity:period:principal|shared, such as"
                + " tokens:MODEL_CALL:*:100000:PT1M:principal",
            e);
      }
    }
    return out;
  }
}
