package io.agentkeel.api;

import io.agentkeel.tools.spi.ToolDescriptor;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who a task runs for, and what they may do. Permissions are denied by default: a tool runs only if
 * every scope it requires is granted here.
 *
 * <p>A grant is a scope such as {@code orders:read}, or a resource wildcard such as {@code
 * orders:*}, which grants every scope of that resource ({@code orders:read}, {@code orders:write},
 * ...). There is no grant of everything.
 *
 * @param id the principal's id, such as a user or service account
 * @param tenant the tenant it belongs to
 * @param grantedScopes the scopes granted, sorted
 */
public record Principal(String id, String tenant, Set<String> grantedScopes) {

  /**
   * Validates the principal.
   *
   * @throws IllegalArgumentException if the id or tenant is blank, holds a control character or an
   *     unpaired surrogate, or a grant is malformed
   */
  public Principal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(grantedScopes, "grantedScopes");
    if (id.isBlank() || tenant.isBlank()) {
      throw new IllegalArgumentException("a principal needs a non-blank id and tenant");
    }
    requirePlain("id", id);
    requirePlain("tenant", tenant);
    for (String grant : grantedScopes) {
      if (!isValidGrant(grant)) {
        throw new IllegalArgumentException(
            "principal '"
                + PrintableText.escape(id)
                + "' has malformed grant '"
                + PrintableText.escape(grant)
                + "': grants are scopes like 'orders:read' or whole-resource wildcards like"
                + " 'orders:*'");
      }
    }
    grantedScopes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(grantedScopes));
  }

  /**
   * Refuses a control character (NUL, a line break, an escape) or an unpaired surrogate in an id or
   * tenant: rate-limit and vault keys, audit entries and access reviews are made of them, and UTF-8
   * turns an unpaired surrogate into '?', so two principals would share one key.
   */
  private static void requirePlain(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1));
      if (paired) {
        i++;
        continue;
      }
      boolean unpaired = Character.isSurrogate(c);
      if (Character.isISOControl(c) || unpaired) {
        throw new IllegalArgumentException(
            "a principal's "
                + field
                + " '"
                + PrintableText.escape(value)
                + "' holds "
                + (unpaired ? "an unpaired surrogate" : "a control character")
                + " at index "
                + i
                + "; use printable text");
      }
    }
  }

  /**
   * A principal in the {@code default} tenant.
   *
   * @param id the principal's id
   * @param grantedScopes the scopes granted
   * @return the principal
   */
  public static Principal of(String id, String... grantedScopes) {
    return new Principal(id, "default", new java.util.LinkedHashSet<>(List.of(grantedScopes)));
  }

  /**
   * Tells whether one scope is granted, exactly or through a resource wildcard.
   *
   * @param scope a scope such as {@code orders:read}
   * @return whether it is granted; false for a malformed scope
   */
  public boolean grants(String scope) {
    // Grants were validated on construction, so a malformed scope can only match through a
    // wildcard, and a wildcard never ends a well-formed scope: checking the shape here is not
    // needed for safety, and this runs for every tool on every task.
    if (grantedScopes.contains(scope)) {
      return !scope.endsWith(":*") && scope.indexOf(':') > 0;
    }
    int colon = scope.indexOf(':');
    return colon > 0
        && !scope.endsWith(":*")
        && grantedScopes.contains(scope.substring(0, colon) + ":*")
        && ToolDescriptor.isValidScope(scope);
  }

  /**
   * Tells whether every scope is granted.
   *
   * @param scopes the required scopes
   * @return whether all are granted; true for none
   */
  public boolean grantsAll(Collection<String> scopes) {
    for (String scope : scopes) {
      if (!grants(scope)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isValidGrant(String grant) {
    if (grant.endsWith(":*")) {
      // Only a whole resource can be wildcarded ('orders:*'): a nested wildcard would be
      // accepted here and then grant nothing, a misconfiguration that should fail now.
      String resource = grant.substring(0, grant.length() - 2);
      return resource.indexOf(':') < 0 && ToolDescriptor.isValidScope(resource + ":any");
    }
    return ToolDescriptor.isValidScope(grant);
  }
}
