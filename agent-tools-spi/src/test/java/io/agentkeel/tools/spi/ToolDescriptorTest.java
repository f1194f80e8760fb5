package io.agentkeel.tools.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolDescriptorTest {

  record SearchOrders(String customerId) {}

  static final class NotARecord {}

  static ToolDescriptor.Builder valid(String name) {
    return ToolDescriptor.builder(name)
        .description("Lists a customer's orders.")
        .sideEffect(SideEffect.READ_ONLY)
        .parameters(SearchOrders.class);
  }

  @Test
  void builderCarriesEveryValueAndFillsDefaults() {
    ToolDescriptor full =
        valid("search_customer_orders")
            .whenToUse("When the customer gives no order number.")
            .scopes("orders:read")
            .result(String.class)
            .maxResults(50)
            .build();

    assertThat(full.name()).isEqualTo("search_customer_orders");
    assertThat(full.description()).isEqualTo("Lists a customer's orders.");
    assertThat(full.whenToUse()).isEqualTo("When the customer gives no order number.");
    assertThat(full.scopes()).containsExactly("orders:read");
    assertThat(full.sideEffect()).isEqualTo(SideEffect.READ_ONLY);
    assertThat(full.parameterType()).isEqualTo(SearchOrders.class);
    assertThat(full.resultType()).isEqualTo(String.class);
    assertThat(full.maxResults()).isEqualTo(50);
    assertThat(full.hasResultLimit()).isTrue();

    ToolDescriptor minimal = valid("search_orders").build();
    assertThat(minimal.whenToUse()).isEmpty();
    assertThat(minimal.scopes()).isEmpty();
    assertThat(minimal.resultType()).isEqualTo(Object.class);
    assertThat(minimal.maxResults()).isZero();
    assertThat(minimal.hasResultLimit()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "lookup", "search_customer_orders", "v2_lookup", "get_2fa_code"})
  void acceptsSnakeCaseNames(String name) {
    assertThat(ToolDescriptor.isValidName(name)).isTrue();
    assertThat(valid(name).build().name()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Search",
        "searchOrders",
        "search-orders",
        "search orders",
        "_search",
        "search_",
        "search__orders",
        "1search",
        "search.orders",
        "séarch"
      })
  void rejectsNamesThatAreNotSnakeCaseNamingTheName(String name) {
    assertThat(ToolDescriptor.isValidName(name)).isFalse();
    assertThatThrownBy(() -> valid(name).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tool name '" + name + "' must be snake_case")
        .hasMessageContaining("at most 64 characters");
  }

  @Test
  void nameMayHaveSixtyFourCharactersButNotSixtyFive() {
    String longest = "a".repeat(ToolDescriptor.MAX_NAME_LENGTH);
    String tooLong = longest + "b";

    assertThat(ToolDescriptor.MAX_NAME_LENGTH).isEqualTo(64);
    assertThat(valid(longest).build().name()).hasSize(64);
    assertThat(ToolDescriptor.isValidName(tooLong)).isFalse();
    assertThatThrownBy(() -> valid(tooLong).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + tooLong + "'")
        .hasMessageContaining("at most 64 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void rejectsABlankDescription(String description) {
    assertThatThrownBy(() -> valid("search_orders").description(description).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tool 'search_orders' needs a description that says what it does");
  }

  @Test
  void builderWithoutADescriptionIsRejectedAsBlank() {
    assertThatThrownBy(() ->
            ToolDescriptor.builder("search_orders")
                .sideEffect(SideEffect.READ_ONLY)
                .parameters(SearchOrders.class)
                .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a description");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "orders",
        "orders:",
        ":read",
        "Orders:read",
        "orders:Read",
        "orders:*",
        "*",
        "orders read",
        "orders::read",
        "1orders:read",
        "orders:1read",
        " orders:read"
      })
  void rejectsMalformedScopesNamingToolAndScope(String scope) {
    assertThat(ToolDescriptor.isValidScope(scope)).isFalse();
    assertThatThrownBy(() -> valid("search_orders").scopes("orders:read", scope).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'search_orders' has malformed scope '"
                + scope
                + "': write scopes as resource:action in lower case, e.g. 'orders:read'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders:read", "orders:line_items:write", "crm.v2:contacts-read"})
  void acceptsWellFormedScopes(String scope) {
    assertThat(ToolDescriptor.isValidScope(scope)).isTrue();
    assertThat(valid("search_orders").scopes(scope).build().scopes()).containsExactly(scope);
  }

  @Test
  void scopesAreSortedAndDeduplicated() {
    ToolDescriptor descriptor =
        valid("cancel_order")
            .scopes("orders:write", "customers:read", "orders:write", "orders:cancel")
            .build();

    assertThat(descriptor.scopes())
        .containsExactly("customers:read", "orders:cancel", "orders:write");
  }

  @Test
  void scopesAreACopyThatCannotBeChanged() {
    List<String> scopes = new ArrayList<>(List.of("orders:read"));
    ToolDescriptor descriptor =
        new ToolDescriptor(
            "search_orders",
            "Lists orders.",
            "",
            scopes,
            SideEffect.READ_ONLY,
            SearchOrders.class,
            Object.class,
            0);
    scopes.add("orders:write");

    assertThat(descriptor.scopes()).containsExactly("orders:read");
    assertThatThrownBy(() -> descriptor.scopes().add("orders:write"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builderCopiesTheScopeArray() {
    String[] scopes = {"orders:read"};
    ToolDescriptor.Builder builder = valid("search_orders").scopes(scopes);
    scopes[0] = "Not A Scope";

    assertThat(builder.build().scopes()).containsExactly("orders:read");
  }

  @Test
  @SuppressWarnings("unchecked")
  void rejectsAParameterTypeThatIsNotARecord() {
    Class<? extends Record> notARecord = (Class<? extends Record>) (Class<?>) NotARecord.class;

    assertThatThrownBy(() -> valid("search_orders").parameters(notARecord).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'search_orders' parameter type "
                + NotARecord.class.getName()
                + " must be a record");
  }

  @Test
  void rejectsNegativeMaxResults() {
    assertThatThrownBy(() -> valid("search_orders").maxResults(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tool 'search_orders' maxResults is -1; use 0 for a result that is no list");
  }

  @Test
  void builderRequiresASideEffect() {
    ToolDescriptor.Builder builder =
        ToolDescriptor.builder("search_orders")
            .description("Lists orders.")
            .parameters(SearchOrders.class);

    assertThatNullPointerException()
        .isThrownBy(builder::build)
        .withMessage("tool 'search_orders' needs a sideEffect");
  }

  @Test
  void builderRequiresAParameterRecord() {
    ToolDescriptor.Builder builder =
        ToolDescriptor.builder("search_orders")
            .description("Lists orders.")
            .sideEffect(SideEffect.WRITE);

    assertThatNullPointerException()
        .isThrownBy(builder::build)
        .withMessage("tool 'search_orders' needs a parameter record");
  }

  @Test
  void builderRequiresAName() {
    assertThatNullPointerException()
        .isThrownBy(() -> ToolDescriptor.builder(null))
        .withMessage("name");
  }

  @Test
  void constructorRejectsNullComponentsNamingThem() {
    assertThatNullPointerException()
        .isThrownBy(() ->
            new ToolDescriptor(
                "search_orders",
                "Lists orders.",
                null,
                List.of(),
                SideEffect.READ_ONLY,
                SearchOrders.class,
                Object.class,
                0))
        .withMessage("whenToUse");
    assertThatNullPointerException()
        .isThrownBy(() ->
            new ToolDescriptor(
                "search_orders",
                "Lists orders.",
                "",
                List.of(),
                SideEffect.READ_ONLY,
                SearchOrders.class,
                null,
                0))
        .withMessage("resultType");
  }
}
