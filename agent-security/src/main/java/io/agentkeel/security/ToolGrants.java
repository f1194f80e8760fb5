package io.agentkeel.security;

import io.agentkeel.api.Agent;
import io.agentkeel.api.Configuration;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The scopes a deployment grants each principal, read from configuration: {@code
 * security.grants.<principal-id>=orders:read,kb:*}. A principal may use a scope only if both the
 * application (the {@link Principal}'s own grants) and the deployment grant it; least privilege is
 * the default, so once any grant is configured, a principal that is not listed may use no scope at
 * all. With no {@code security.grants.*} setting, principals keep the grants the application gave
 * them.
 *
 * <p>{@link #narrow} gives a principal only what both allow, and {@link #narrowing} wraps an agent
 * so that every task runs with its principal narrowed: a tool the principal was not granted is then
 * not offered to the model, and core answers a call to it anyway with "there is no tool named ...
 * available to you", which the model reads and the audit log records as {@code NOT_PERMITTED}.
 * {@link SecurityExtension} also installs a guard that refuses, before the model is called, any
 * task whose principal holds a grant the deployment did not give, so a task that bypassed the
 * narrowing cannot use more than configured. Immutable and thread-safe.
 */
public final class ToolGrants {

  /** The configuration prefix of the grants. */
  public static final String PREFIX = "security.grants";

  private static final ToolGrants UNRESTRICTED = new ToolGrants(Map.of());

  private final Map<String, Principal> granted;

  private ToolGrants(Map<String, Principal> granted) {
    this.granted = Collections.unmodifiableMap(new TreeMap<>(granted));
  }

  /**
   * Reads the grants under {@value #PREFIX} of a configuration.
   *
   * @param configuration the agent's configuration
   * @return the grants; {@link #restricts()} is false when none is configured
   * @throws IllegalArgumentException naming the setting, if a grant is malformed
   */
  public static ToolGrants from(Configuration configuration) {
    return of(configuration.withPrefix(PREFIX));
  }

  /**
   * Grants from a map of principal id to comma-separated grants, such as {@code "support-bot" ->
   * "orders:read, kb:*"}. An empty value grants nothing.
   *
   * @param grantsByPrincipal the grants
   * @return the grants; {@link #restricts()} is false when the map is empty
   * @throws IllegalArgumentException naming the setting, if a grant is malformed
   */
  public static ToolGrants of(Map<String, String> grantsByPrincipal) {
    if (grantsByPrincipal.isEmpty()) {
      return UNRESTRICTED;
    }
    Map<String, Principal> granted = new TreeMap<>();
    grantsByPrincipal.forEach((id, csv) -> {
      Set<String> scopes = new LinkedHashSet<>();
      Arrays.stream(csv.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .forEach(scopes::add);
      try {
        // Principal validates the grants' shape; the tenant plays no part here.
        granted.put(id, new Principal(id, "grants", scopes));
      } catch (IllegalArgumentException malformed) {
        throw new IllegalArgumentException(
            PREFIX
                + "."
                + id
                + " = '"
                + csv
                + "' cannot be read: "
                + malformed.getMessage()
                + "; write comma-separated scopes such as orders:read,kb:*",
            malformed);
      }
    });
    return new ToolGrants(granted);
  }

  /**
   * Tells whether any grant is configured; if not, principals keep their own grants.
   *
   * @return whether the deployment restricts grants
   */
  public boolean restricts() {
    return !granted.isEmpty();
  }

  /**
   * The principal with only the grants that both it and the deployment hold: a scope it holds that
   * the deployment grants (exactly or by a resource wildcard), a scope the deployment grants that
   * it holds by a wildcard, and a wildcard both hold.
   *
   * @param principal the principal as the application made it
   * @return the narrowed principal; the same one when nothing is taken away
   */
  public Principal narrow(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    if (!restricts()) {
      return principal;
    }
    Principal deployment = granted.get(principal.id());
    if (deployment == null) {
      return principal.grantedScopes().isEmpty()
          ? principal
          : new Principal(principal.id(), principal.tenant(), Set.of());
    }
    Set<String> both = new TreeSet<>();
    for (String grant : union(principal, deployment)) {
      if (allows(principal, grant) && allows(deployment, grant)) {
        both.add(grant);
      }
    }
    return both.equals(principal.grantedScopes())
        ? principal
        : new Principal(principal.id(), principal.tenant(), both);
  }

  /**
   * What a principal holds beyond what the deployment grants it, if anything.
   *
   * @param principal the principal
   * @return a message naming the principal, the grants it may not hold, and the fix; empty when it
   *     holds no more than configured
   */
  public Optional<String> excess(Principal principal) {
    Principal narrowed = narrow(principal);
    if (narrowed.grantedScopes().equals(principal.grantedScopes())) {
      return Optional.empty();
    }
    Set<String> beyond = new TreeSet<>(principal.grantedScopes());
    beyond.removeAll(narrowed.grantedScopes());
    Principal deployment = granted.get(principal.id());
    return Optional.of(
        "principal '"
            + principal.id()
            + "' holds "
            + String.join(", ", beyond)
            + ", which the deployment does not grant it ("
            + (deployment == null
                ? "it has no " + PREFIX + "." + principal.id() + " setting"
                : PREFIX + "." + principal.id() + " = " + deployment.grantedScopes())
            + "); run the task with ToolGrants.narrow(principal), or grant the scopes under "
            + PREFIX
            + "."
            + principal.id());
  }

  /**
   * The task with its principal {@linkplain #narrow narrowed}.
   *
   * @param task the task
   * @return the task; the same one when nothing is taken away
   */
  public Task narrow(Task task) {
    Principal narrowed = narrow(task.principal());
    if (narrowed == task.principal()) {
      return task;
    }
    return new Task(
        task.id(), task.input(), narrowed, task.workflow(), task.sessionId(), task.attributes());
  }

  /**
   * An agent that runs every task with its principal {@linkplain #narrow narrowed}; resuming and
   * closing go straight to the wrapped agent (a suspended task keeps the principal it ran with).
   *
   * @param agent the agent to wrap
   * @return the narrowing agent
   */
  public Agent narrowing(Agent agent) {
    return new NarrowingAgent(Objects.requireNonNull(agent, "agent"), this);
  }

  @Override
  public String toString() {
    return restricts() ? "ToolGrants" + granted.values() : "ToolGrants[unrestricted]";
  }

  private static Set<String> union(Principal a, Principal b) {
    Set<String> all = new TreeSet<>(a.grantedScopes());
    all.addAll(b.grantedScopes());
    return all;
  }

  /** A scope is allowed by a principal's grants; a wildcard only by the same wildcard. */
  private static boolean allows(Principal principal, String grant) {
    return grant.endsWith(":*")
        ? principal.grantedScopes().contains(grant)
        : principal.grants(grant);
  }
}
