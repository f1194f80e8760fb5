package io.agentkeel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalTest {

  @ParameterizedTest
  @ValueSource(strings = {"ann\u0000admin", "ann\nadmin", "ann\u001b[2J", "ann\ud800", "\udc00ann"})
  void anIdOrTenantWithAControlCharacterOrAnUnpairedSurrogateIsRefused(String id) {
    // Before: accepted, so two ids ending in different unpaired surrogates shared one rate-limit
    // and vault key once written as UTF-8, and a NUL split an access review's row.
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Principal.of(id))
        .withMessageStartingWith("a principal's id '")
        .withMessageContaining("use printable text");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Principal("ann", id, Set.of()))
        .withMessageStartingWith("a principal's tenant '");
  }

  @Test
  void anIdWithCharactersBeyondTheBasicPlaneIsAccepted() {
    assertThat(Principal.of("ann-\ud83d\ude00-\u4e2d").id()).isEqualTo("ann-😀-中");
  }

  @Test
  void grantsExactlyTheScopesItHolds() {
    Principal bot = Principal.of("support-bot", "orders:read", "customers:read");

    assertThat(bot.grants("orders:read")).isTrue();
    assertThat(bot.grants("customers:read")).isTrue();
    assertThat(bot.grants("orders:write")).isFalse();
    assertThat(bot.grants("payments:read")).isFalse();
    assertThat(bot.grants("orders")).isFalse();
    assertThat(bot.grants("orders:read:all")).isFalse();
  }

  @Test
  void aResourceWildcardGrantsEveryScopeOfThatResourceOnly() {
    Principal bot = Principal.of("support-bot", "orders:*");

    assertThat(bot.grants("orders:read")).isTrue();
    assertThat(bot.grants("orders:write")).isTrue();
    assertThat(bot.grants("orders:x:y")).isTrue();
    assertThat(bot.grants("payments:read")).isFalse();
    assertThat(bot.grants("order:read")).isFalse();
    assertThat(bot.grants("orders_archive:read")).isFalse();
    assertThat(bot.grants("orders.v2:read")).isFalse();
  }

  @Test
  void aWildcardIsNeverItselfAGrantedScope() {
    Principal bot = Principal.of("support-bot", "orders:*", "orders:read");

    assertThat(bot.grants("orders:*")).isFalse();
    assertThat(bot.grants("*")).isFalse();
    assertThat(bot.grants(":*")).isFalse();
    assertThat(bot.grants("orders:read:*")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "orders",
        "orders:",
        "orders::read",
        "orders:Read",
        "orders:*:read",
        "orders:re*d",
        "orders:read ",
        "orders: read",
        ":read",
        ":"
      })
  void aMalformedScopeIsNotGrantedEvenUnderAWildcard(String scope) {
    Principal bot = Principal.of("support-bot", "orders:*");

    assertThat(bot.grants(scope)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "*",
        ":*",
        "*:*",
        "*:read",
        "orders",
        "orders:",
        ":read",
        "Orders:read",
        "orders:Read",
        "orders:**",
        "orders:*read",
        "orders:re*d",
        "orders:*:read",
        "orders:line_items:*",
        " orders:read",
        ""
      })
  void rejectsAMalformedGrantAtConstructionNamingIt(String grant) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Principal.of("support-bot", grant))
        .withMessage(
            "principal 'support-bot' has malformed grant '"
                + grant
                + "': grants are scopes like 'orders:read' or whole-resource wildcards like"
                + " 'orders:*'");
  }

  @Test
  void grantsAllOfNothingIsTrueEvenWithoutGrants() {
    assertThat(Principal.of("nobody").grantsAll(List.of())).isTrue();
    assertThat(Principal.of("support-bot", "orders:read").grantsAll(Set.of())).isTrue();
  }

  @Test
  void grantsAllNeedsEveryScope() {
    Principal bot = Principal.of("support-bot", "orders:*", "customers:read");

    assertThat(bot.grantsAll(List.of("orders:write", "customers:read"))).isTrue();
    assertThat(bot.grantsAll(List.of("orders:write", "customers:write"))).isFalse();
    assertThat(bot.grantsAll(List.of("customers:read", "orders:*"))).isFalse();
  }

  @Test
  void ofUsesTheDefaultTenant() {
    Principal bot = Principal.of("support-bot", "orders:read");

    assertThat(bot.id()).isEqualTo("support-bot");
    assertThat(bot.tenant()).isEqualTo("default");
    assertThat(bot.grantedScopes()).containsExactly("orders:read");
  }

  @Test
  void grantedScopesAreASortedCopyThatCannotBeChanged() {
    Set<String> grants = new HashSet<>(Set.of("payments:read", "customers:*", "orders:read"));
    Principal bot = new Principal("support-bot", "acme", grants);
    grants.add("payments:write");

    assertThat(bot.grantedScopes()).containsExactly("customers:*", "orders:read", "payments:read");
    assertThat(bot.grants("payments:write")).isFalse();
    assertThatThrownBy(() -> bot.grantedScopes().add("payments:write"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsABlankIdOrTenant() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Principal(" ", "acme", Set.of()))
        .withMessage("a principal needs a non-blank id and tenant");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Principal("support-bot", "", Set.of()))
        .withMessage("a principal needs a non-blank id and tenant");
  }

  @Test
  void rejectsNullComponentsNamingThem() {
    assertThatNullPointerException()
        .isThrownBy(() -> new Principal(null, "acme", Set.of()))
        .withMessage("id");
    assertThatNullPointerException()
        .isThrownBy(() -> new Principal("bot", null, Set.of()))
        .withMessage("tenant");
    assertThatNullPointerException()
        .isThrownBy(() -> new Principal("bot", "acme", null))
        .withMessage("grantedScopes");
  }

  @Test
  void aGrantThatIsAcceptedGrantsSomething() {
    Throwable rejected = catchThrowable(() -> Principal.of("support-bot", "orders:line_items:*"));

    if (rejected == null) {
      assertThat(
              Principal.of("support-bot", "orders:line_items:*").grants("orders:line_items:write"))
          .as("an accepted nested wildcard must grant the scopes under it")
          .isTrue();
    } else {
      assertThat(rejected)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'orders:line_items:*'");
    }
  }
}
