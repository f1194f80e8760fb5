package io.agentkeel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.agentkeel.tools.spi.ToolDescriptor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Scopes are never bypassed: whatever the grants and whatever the text asked about, {@link
 * Principal#grants} is true only for a well-formed scope that is granted exactly or whose resource
 * (the part before the first colon) has a wildcard grant.
 */
class PrincipalPropertyTest {

  // Small pools, so that generated grants and generated scopes often meet.
  static final List<String> RESOURCES = List.of("orders", "payments", "order", "a", "crm.v2");
  static final List<String> ACTIONS = List.of("read", "write", "x", "line_items", "*");

  static final List<String> AWKWARD =
      List.of(
          "",
          "*",
          ":*",
          "*:*",
          ":",
          "::",
          "orders:",
          ":read",
          "orders",
          "orders:*",
          "orders:**",
          "orders:*:read",
          "orders:read:*",
          "orders::read",
          "Orders:read",
          "orders:Read",
          " orders:read",
          "orders:read ",
          "orders:read\n",
          "*:read",
          "orders:re*d");

  /** The rule, written independently of {@link Principal}. */
  static boolean allowedByTheRule(Set<String> grants, String scope) {
    if (!ToolDescriptor.isValidScope(scope)) {
      return false;
    }
    String resource = scope.substring(0, scope.indexOf(':'));
    return grants.contains(scope) || grants.contains(resource + ":*");
  }

  static Gen<String> grants() {
    Gen<String> resource = Generate.pick(RESOURCES);
    Gen<String> action = Generate.pick(ACTIONS);
    Gen<String> twoParts = resource.zip(action, (r, a) -> r + ":" + a);
    Gen<String> threeParts =
        resource.zip(action, Generate.pick(List.of("y", "z")), (r, a, b) -> r + ":" + a + ":" + b);
    // Wildcards cover a whole resource only (orders:*); nested ones are rejected on construction.
    return Generate.oneOf(twoParts, threeParts)
        .assuming(g -> !g.matches(".*:\\*.+") && !g.matches(".*:.*:\\*"));
  }

  static Gen<Principal> principals() {
    return lists()
        .of(grants())
        .ofSizeBetween(0, 6)
        .map(list -> new Principal("p", "t", new HashSet<>(list)));
  }

  /** Well-formed scopes, wildcards, malformed texts and random noise over the scope alphabet. */
  static Gen<String> candidateScopes() {
    Gen<String> resource = Generate.pick(RESOURCES);
    Gen<String> action = Generate.pick(ACTIONS);
    Gen<String> formed = resource.zip(action, (r, a) -> r + ":" + a);
    Gen<String> deeper =
        resource.zip(action, Generate.pick(ACTIONS), (r, a, b) -> r + ":" + a + ":" + b);
    Gen<String> noise =
        lists()
            .of(Generate.pick(List.of("o", "r", "d", "e", "s", ":", "*", " ", "R", "_", ".", "1")))
            .ofSizeBetween(0, 12)
            .map(chars -> String.join("", chars));
    Gen<String> anyText = strings().basicLatinAlphabet().ofLengthBetween(0, 12);
    return Generate.oneOf(formed, deeper, Generate.pick(AWKWARD), noise, anyText);
  }

  @Test
  void grantsExactlyWhatTheRuleAllows() {
    qt().forAll(principals(), candidateScopes())
        .checkAssert((principal, scope) ->
            assertThat(principal.grants(scope))
                .as("grants(%s) for %s", scope, principal.grantedScopes())
                .isEqualTo(allowedByTheRule(principal.grantedScopes(), scope)));
  }

  @Test
  void neverGrantsWhatTheRuleDoesNotAllow() {
    // Random text of any shape: grants may only ever say true when the rule holds.
    Gen<String> anything =
        Generate.oneOf(
            candidateScopes(),
            strings().allPossible().ofLengthBetween(0, 16),
            Generate.pick(AWKWARD));
    qt().forAll(principals(), anything)
        .check((principal, scope) ->
            !principal.grants(scope) || allowedByTheRule(principal.grantedScopes(), scope));
  }

  @Test
  void aWildcardIsNeverGrantedAsAScope() {
    qt().forAll(principals(), candidateScopes().map(s -> s + ":*"))
        .check((principal, scope) -> !principal.grants(scope));
  }

  @Test
  void grantsAllIsTheConjunctionOfGrants() {
    qt().forAll(principals(), lists().of(candidateScopes()).ofSizeBetween(0, 4))
        .check((principal, scopes) ->
            principal.grantsAll(scopes) == scopes.stream().allMatch(principal::grants));
  }

  @Test
  void constructionAcceptsOnlyScopesAndWholeResourceWildcards() {
    qt().forAll(candidateScopes())
        .check(grant -> {
          boolean accepted;
          try {
            Principal.of("p", grant);
            accepted = true;
          } catch (IllegalArgumentException e) {
            accepted = false;
          }
          boolean wellFormed =
              ToolDescriptor.isValidScope(grant)
                  || (grant.endsWith(":*")
                      && grant.indexOf(':') == grant.length() - 2
                      && ToolDescriptor.isValidScope(
                          grant.substring(0, grant.length() - 2) + ":any"));
          return accepted == wellFormed;
        });
  }
}
