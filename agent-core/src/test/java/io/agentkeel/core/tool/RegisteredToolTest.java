package io.agentkeel.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.agentkeel.core.tool.SampleTools.SearchOrders;
import io.agentkeel.core.tool.SampleTools.Status;
import io.agentkeel.core.tool.internal.ArgumentValidator;
import io.agentkeel.tools.spi.Default;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RegisteredToolTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final RegisteredTool tool = ToolCatalog.of(SampleTools.search()).tools().get(0);

  private JsonNode schema() {
    return JSON.readTree(tool.parameterSchemaJson());
  }

  @Test
  void schemaDescribesEveryComponentInSnakeCase() {
    JsonNode schema = schema();
    assertThat(schema.get("$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
    assertThat(schema.get("properties").propertyNames())
        .containsExactly("customer_id", "status", "date_range_days", "note", "tags");
    assertThat(schema.get("required").toString()).isEqualTo("[\"customer_id\",\"tags\"]");
    JsonNode status = schema.at("/properties/status");
    assertThat(status.get("enum").toString())
        .isEqualTo("[\"all\",\"pending\",\"in_transit\",\"delivered\"]");
    assertThat(status.get("default").asString()).isEqualTo("all");
    JsonNode days = schema.at("/properties/date_range_days");
    assertThat(days.get("type").asString()).isEqualTo("integer");
    assertThat(days.get("default").isIntegralNumber()).isTrue();
    assertThat(days.get("default").asInt()).isEqualTo(30);
    assertThat(days.get("minimum").asInt()).isEqualTo(1);
    assertThat(days.get("maximum").asInt()).isEqualTo(365);
    assertThat(schema.at("/properties/note/type").asString()).isEqualTo("string");
    assertThat(schema.at("/properties/note/maxLength").asInt()).isEqualTo(40);
    assertThat(schema.at("/properties/tags/maxItems").asInt()).isEqualTo(5);
    assertThat(schema.at("/properties/customer_id/pattern").asString()).isEqualTo("^C-[0-9]{1,8}$");
    assertThat(schema.at("/properties/customer_id/description").asString())
        .isEqualTo("The customer's id, such as C-1042.");
  }

  @Test
  void schemaIsValidJsonSchema2020_12() {
    assertThat(ArgumentValidator.metaSchemaProblems(schema())).isEmpty();
  }

  @Test
  void schemaIsGeneratedOnce() {
    RegisteredTool again = ToolCatalog.of(SampleTools.search()).tools().get(0);
    assertThat(again.parameterSchemaJson()).isSameAs(tool.parameterSchemaJson());
  }

  record Bounded(
      @Size(min = 2, max = 10) String name,
      @Min(1) @Max(9) int level,
      @Pattern(regexp = "^[a-z]+$") String code,
      @Size(max = 3) List<String> items) {}

  @Test
  void jakartaValidationBoundsBecomeKeywords() throws Exception {
    RegisteredTool bounded = register(Bounded.class);
    JsonNode schema = JSON.readTree(bounded.parameterSchemaJson());
    assertThat(schema.at("/properties/name/minLength").asInt()).isEqualTo(2);
    assertThat(schema.at("/properties/name/maxLength").asInt()).isEqualTo(10);
    assertThat(schema.at("/properties/level/minimum").asInt()).isEqualTo(1);
    assertThat(schema.at("/properties/level/maximum").asInt()).isEqualTo(9);
    assertThat(schema.at("/properties/code/pattern").asString()).isEqualTo("^[a-z]+$");
    assertThat(schema.at("/properties/items/maxItems").asInt()).isEqualTo(3);
    assertThatThrownBy(
            () -> bounded.bind("{\"name\":\"a\",\"level\":10,\"code\":\"A1\",\"items\":[]}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.name")
        .hasMessageContaining("$.level")
        .hasMessageContaining("$.code");
  }

  @Test
  void bindsValidArgumentsAndFillsDefaults() throws Exception {
    Record bound = tool.bind("{\"customer_id\":\"C-7\",\"tags\":[\"gift\"]}");
    assertThat(bound)
        .isEqualTo(new SearchOrders("C-7", Status.ALL, 30, Optional.empty(), List.of("gift")));
  }

  @Test
  void bindsEveryFieldWhenGiven() throws Exception {
    Record bound =
        tool.bind(
            "{\"customer_id\":\"C-7\",\"status\":\"in_transit\",\"date_range_days\":365,"
                + "\"note\":\"fragile\",\"tags\":[]}");
    assertThat(bound)
        .isEqualTo(
            new SearchOrders("C-7", Status.IN_TRANSIT, 365, Optional.of("fragile"), List.of()));
  }

  @Test
  void nullForAnOmittableArgumentMeansLeftOut() throws Exception {
    Record bound = tool.bind("{\"customer_id\":\"C-7\",\"status\":null,\"note\":null,\"tags\":[]}");
    assertThat(bound)
        .isEqualTo(new SearchOrders("C-7", Status.ALL, 30, Optional.empty(), List.of()));
  }

  @Test
  void reportsEveryViolationAtOnce() {
    assertThatThrownBy(() ->
            tool.bind(
                "{\"customer_id\":5,\"status\":\"lost\",\"date_range_days\":400,\"colour\":1}"))
        .isInstanceOf(ToolException.class)
        .asInstanceOf(type(ToolException.class))
        .satisfies(e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.violations())
              .extracting(v -> v.path())
              .containsExactlyInAnyOrder(
                  "$.customer_id", "$.status", "$.date_range_days", "$.colour", "$.tags");
          assertThat(e.messageForModel())
              .contains("$.date_range_days: expected an integer from 1 to 365, got 400")
              .contains(
                  "$.tags: expected a list of at most 5 items, each a string (required), got nothing")
              .contains(
                  "$.status: expected one of \"all\", \"pending\", \"in_transit\", \"delivered\", got \"lost\"")
              .contains("$.colour: expected no argument of this name");
        });
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "  ",
        "{not json",
        "[1,2]",
        "\"text\"",
        "42",
        "null",
        "{\"customer_id\":\"C-1\",\"customer_id\":\"C-2\",\"tags\":[]}"
      })
  void unusableInputIsAToolExceptionNeverARawException(String input) {
    assertThatThrownBy(() -> tool.bind(input))
        .isInstanceOf(ToolException.class)
        .asInstanceOf(type(ToolException.class))
        .satisfies(e -> assertThat(e.violations()).isNotEmpty());
  }

  @Test
  void canonicalArgumentsFillDefaultsAndSortKeys() throws Exception {
    Record a = tool.bind("{\"tags\":[\"x\"],\"customer_id\":\"C-7\"}");
    Record b =
        tool.bind(
            "{\"customer_id\":\"C-7\",\"date_range_days\":30,\"status\":\"all\",\"tags\":[\"x\"]}");
    assertThat(tool.canonicalArguments(a))
        .isEqualTo(tool.canonicalArguments(b))
        .isEqualTo(
            "{\"customer_id\":\"C-7\",\"date_range_days\":30,\"status\":\"all\",\"tags\":[\"x\"]}");
  }

  @Test
  void canonicalArgumentsRejectAForeignRecord() {
    assertThatThrownBy(() -> tool.canonicalArguments(new SampleTools.Query("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("search_customer_orders");
  }

  @Test
  void specificationCarriesDescriptionWhenToUseAndParameters() {
    var spec = tool.specification();
    assertThat(spec.name()).isEqualTo("search_customer_orders");
    assertThat(spec.description())
        .isEqualTo(
            "Lists a customer's orders, newest first, at most 50.\nWhen to use: When the customer"
                + " asks about their orders but gives no order number.");
    assertThat(spec.parameters().required()).containsExactly("customer_id", "tags");
    assertThat(spec.parameters().additionalProperties()).isFalse();
    JsonNode status = raw(spec.parameters().properties().get("status"));
    assertThat(status.get("enum").toString())
        .isEqualTo("[\"all\",\"pending\",\"in_transit\",\"delivered\"]");
    assertThat(status.get("default").asString()).isEqualTo("all");
    JsonNode days = raw(spec.parameters().properties().get("date_range_days"));
    assertThat(days.get("type").asString()).isEqualTo("integer");
    assertThat(days.get("minimum").asInt()).isEqualTo(1);
    assertThat(days.get("maximum").asInt()).isEqualTo(365);
    assertThat(days.get("default").asInt()).isEqualTo(30);
    assertThat(days.get("description").asString())
        .isEqualTo("How many days back to look. Between 1 and 365, default 30.");
    JsonNode customer = raw(spec.parameters().properties().get("customer_id"));
    assertThat(customer.get("pattern").asString()).isEqualTo("^C-[0-9]{1,8}$");
    assertThat(customer.get("description").asString())
        .isEqualTo("The customer's id, such as C-1042. Matching the pattern ^C-[0-9]{1,8}$.");
    assertThat(raw(spec.parameters().properties().get("tags")).get("maxItems").asInt())
        .isEqualTo(5);
  }

  private static JsonNode raw(dev.langchain4j.model.chat.request.json.JsonSchemaElement element) {
    assertThat(element).isInstanceOf(dev.langchain4j.model.chat.request.json.JsonRawSchema.class);
    return JSON.readTree(
        ((dev.langchain4j.model.chat.request.json.JsonRawSchema) element).schema());
  }

  record Nested(@Param("Where to ship.") Address address) {}

  record Address(
      @Param(value = "The street.", minLength = 2) String street,
      @Param(value = "The floor.", min = 0, max = 40) @Default("0") int floor) {}

  @Test
  void nestedRecordsKeepTheirKeywordsOnTheWire() {
    var spec = register(Nested.class).specification();
    JsonNode address = raw(spec.parameters().properties().get("address"));
    assertThat(address.get("additionalProperties").asBoolean(true)).isFalse();
    assertThat(address.at("/properties/street/minLength").asInt()).isEqualTo(2);
    assertThat(address.at("/properties/floor/description").asString())
        .isEqualTo("The floor. Between 0 and 40, default 0.");
  }

  record TooLongAgo(
      @Param(value = "How many days back to look.", min = 1, max = 90) @Default("365")
          int dateRangeDays) {}

  record OffPattern(
      @Param(value = "A code.", pattern = "^[A-Z]{3}$") @Default("abc") String code) {}

  record TooShort(@Param(value = "A name.", minLength = 3) @Default("x") String name) {}

  @Test
  void aDefaultOutsideItsBoundsFailsAtRegistration() {
    assertThatThrownBy(() -> register(TooLongAgo.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'probe' from explicit registration cannot be registered: the default of"
                + " argument 'date_range_days' is 365, but the argument must be an integer from 1 to 90;"
                + " change the @Default or the bound");
  }

  @Test
  void aDefaultBreakingItsPatternOrLengthFailsAtRegistration() {
    assertThatThrownBy(() -> register(OffPattern.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the default of argument 'code' is \"abc\"")
        .hasMessageContaining("^[A-Z]{3}$");
    assertThatThrownBy(() -> register(TooShort.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the default of argument 'name' is \"x\"");
  }

  @Test
  void aDefaultNotAmongItsEnumValuesFailsAtRegistration() {
    assertThatThrownBy(() -> register(BadEnumDefault.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status")
        .hasMessageContaining("shipped");
  }

  record BadEnumDefault(@Param("Which orders.") @Default("shipped") Status status) {}

  enum TicketStatus {
    OPEN,
    IN_PROGRESS
  }

  record Ticket(String ticketId, TicketStatus status, String assignedTo) {}

  @Test
  void resultsUseTheNamingOfArguments() {
    assertThat(tool.renderResult(new Ticket("T-1", TicketStatus.IN_PROGRESS, "ana")))
        .isEqualTo("{\"ticket_id\":\"T-1\",\"status\":\"in_progress\",\"assigned_to\":\"ana\"}");
    assertThat(tool.renderResult("plain text")).isEqualTo("plain text");
    assertThat(tool.renderResult(List.of(TicketStatus.OPEN))).isEqualTo("[\"open\"]");
  }

  @Test
  void aResultEchoedAsArgumentsBinds() throws Exception {
    // The model reads a result and sends its names back: they must be the names arguments use.
    RegisteredTool echo = register(TicketQuery.class);
    String result = echo.renderResult(new TicketQuery("T-7", TicketStatus.IN_PROGRESS));
    assertThat(echo.bind(result)).isEqualTo(new TicketQuery("T-7", TicketStatus.IN_PROGRESS));
  }

  record TicketQuery(String ticketId, TicketStatus status) {}

  /** A tool class whose type argument and descriptor disagree. */
  static final class Mismatched implements Tool<TicketQuery, String> {
    @Override
    public ToolDescriptor descriptor() {
      return ToolDescriptor.builder("mismatched")
          .description("Disagrees with itself.")
          .sideEffect(SideEffect.READ_ONLY)
          .parameters(SearchOrders.class)
          .build();
    }

    @Override
    public String invoke(TicketQuery parameters, io.agentkeel.tools.spi.ToolContext context) {
      return parameters.ticketId();
    }
  }

  @Test
  void aToolWhoseRecordDiffersFromItsDescriptorFailsAtRegistration() {
    assertThatThrownBy(() -> ToolCatalog.of(new Mismatched()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'mismatched' from explicit registration cannot be registered: "
                + Mismatched.class.getName()
                + " implements Tool<TicketQuery, ?> but its descriptor declares"
                + " parameters(SearchOrders.class); make them the same record");
  }

  record BadDefault(@Default("soon") int days) {}

  @Test
  void aMalformedDefaultFailsAtRegistrationNamingToolAndComponent() {
    assertThatThrownBy(() -> register(BadDefault.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'probe'")
        .hasMessageContaining("days")
        .hasMessageContaining("soon");
  }

  record Checked(String code) {
    Checked {
      if (code.length() == 3) {
        throw new IllegalArgumentException("code must not have three letters");
      }
    }
  }

  @Test
  void aRecordThatRejectsItsArgumentsGivesAToolException() throws Exception {
    RegisteredTool checked = register(Checked.class);
    assertThat(checked.bind("{\"code\":\"ab\"}")).isEqualTo(new Checked("ab"));
    assertThatThrownBy(() -> checked.bind("{\"code\":\"abc\"}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("code must not have three letters");
  }

  record Line(
      @Param("The product.") String sku,
      Optional<Integer> quantity,
      @Default("gift") String wrap) {}

  record Basket(Line first, List<Line> more) {}

  @Test
  void nullForAnOmittableArgumentOfANestedRecordMeansLeftOutToo() throws Exception {
    RegisteredTool basket = register(Basket.class);
    assertThat(
            basket.bind(
                "{\"first\":{\"sku\":\"A\",\"quantity\":null,\"wrap\":null},"
                    + "\"more\":[{\"sku\":\"B\",\"quantity\":null,\"wrap\":\"none\"}]}"))
        .isEqualTo(
            new Basket(
                new Line("A", Optional.empty(), "gift"),
                List.of(new Line("B", Optional.empty(), "none"))));
    assertThatThrownBy(() -> basket.bind("{\"first\":{\"sku\":null},\"more\":[]}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.first.sku: expected a string, got null");
  }

  record Labelled(@Param("Labels to set, by name.") java.util.Map<String, String> labels) {}

  @Test
  void aMapArgumentTakesEntriesOfItsValueType() throws Exception {
    RegisteredTool labelled = register(Labelled.class);
    assertThat(JSON.readTree(labelled.parameterSchemaJson()).at("/properties/labels"))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"},"
                    + "\"description\":\"Labels to set, by name.\"}"));
    assertThat(labelled.bind("{\"labels\":{\"team\":\"billing\",\"tier\":\"gold\"}}"))
        .isEqualTo(new Labelled(java.util.Map.of("team", "billing", "tier", "gold")));
    assertThatThrownBy(() -> labelled.bind("{\"labels\":{\"team\":7}}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.labels.team: expected a string, got 7");
  }

  enum Priority {
    LOW,
    VERY_HIGH
  }

  record Owner(String firstName, Optional<Integer> age) {}

  record Assignments(
      java.util.Map<String, Priority> priorities, java.util.Map<String, Owner> owners) {}

  @Test
  void mapValuesBindInTheFormTheSchemaGivesThem() throws ToolException {
    RegisteredTool assignments = register(Assignments.class);
    JsonNode schema = JSON.readTree(assignments.parameterSchemaJson());
    assertThat(schema.at("/properties/priorities/additionalProperties/enum").toString())
        .isEqualTo("[\"low\",\"very_high\"]");
    assertThat(schema.at("/properties/owners").toString()).contains("\"first_name\"");

    Record bound =
        assignments.bind(
            "{\"priorities\":{\"t-1\":\"very_high\"},"
                + "\"owners\":{\"t-1\":{\"first_name\":\"Ada\"}}}");

    assertThat(bound)
        .isEqualTo(
            new Assignments(
                java.util.Map.of("t-1", Priority.VERY_HIGH),
                java.util.Map.of("t-1", new Owner("Ada", Optional.empty()))));
    assertThat(assignments.canonicalArguments(bound))
        .isEqualTo(
            "{\"owners\":{\"t-1\":{\"first_name\":\"Ada\"}},\"priorities\":{\"t-1\":\"very_high\"}}");
    assertThatThrownBy(
            () -> assignments.bind("{\"priorities\":{\"t-1\":\"urgent\"},\"owners\":{}}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("expected one of \"low\", \"very_high\", got \"urgent\"");
  }

  /**
   * A null for an optional component of a map's record values means left out, as it does in nested
   * records and list items: it was refused ("expected null found, integer expected"), since only
   * properties and items were followed.
   */
  @Test
  void aNullOptionalInsideAMapsRecordValueIsLeftOut() throws ToolException {
    RegisteredTool assignments = register(Assignments.class);

    Record bound =
        assignments.bind(
            "{\"priorities\":{},\"owners\":{\"t-1\":{\"first_name\":\"Ada\",\"age\":null}}}");

    assertThat(bound)
        .isEqualTo(
            new Assignments(
                java.util.Map.of(), java.util.Map.of("t-1", new Owner("Ada", Optional.empty()))));
  }

  record Member(
      String firstName,
      @Param(value = "Age in years.", min = 0, max = 150) Optional<Integer> age) {}

  record Roster(@Param("Members by team.") java.util.Map<String, Member> members) {}

  /**
   * A map of records had its values' schema twice, in an allOf the generator could not merge (the
   * values forbid additional properties): a violation inside a value was found once per copy, and
   * the validator, which could not find the value's schema through the allOf, worded it in the
   * validator library's terms ("expected must have a minimum value of 0").
   */
  @Test
  void aViolationInsideAMapsRecordValueIsReportedOnceInTheValuesTerms() throws ToolException {
    RegisteredTool roster = register(Roster.class);
    JsonNode members = JSON.readTree(roster.parameterSchemaJson()).at("/properties/members");
    assertThat(members.has("allOf")).isFalse();
    assertThat(members.get("description").asString()).isEqualTo("Members by team.");
    assertThat(members.at("/additionalProperties/properties").propertyNames())
        .containsExactly("first_name", "age");
    assertThat(ArgumentValidator.metaSchemaProblems(JSON.readTree(roster.parameterSchemaJson())))
        .isEmpty();

    assertThatThrownBy(
            () -> roster.bind("{\"members\":{\"red\":{\"first_name\":\"Ada\",\"age\":-3}}}"))
        .isInstanceOf(ToolException.class)
        .message()
        .containsOnlyOnce("$.members.red.age")
        .contains("- $.members.red.age: expected an integer from 0 to 150, got -3\n");

    // The value's schema still holds in full: its required, its types and no other names.
    assertThatThrownBy(() -> roster.bind("{\"members\":{\"red\":{\"age\":3}}}"))
        .hasMessageContaining(
            "$.members.red.first_name: expected a string (required), got nothing");
    assertThatThrownBy(() -> roster.bind("{\"members\":{\"red\":{\"first_name\":7}}}"))
        .hasMessageContaining("$.members.red.first_name: expected a string, got 7");
    assertThatThrownBy(
            () -> roster.bind("{\"members\":{\"red\":{\"first_name\":\"Ada\",\"nick\":\"A\"}}}"))
        .hasMessageContaining(
            "$.members.red.nick: expected no argument of this name (known: first_name, age)");
    assertThat(roster.bind("{\"members\":{\"red\":{\"first_name\":\"Ada\",\"age\":36}}}"))
        .isEqualTo(new Roster(java.util.Map.of("red", new Member("Ada", Optional.of(36)))));
  }

  private static <P extends Record> RegisteredTool register(Class<P> type) {
    Tool<P, String> probe =
        Tool.of(
            type,
            ToolDescriptor.builder("probe")
                .description("A probe for tests of binding.")
                .whenToUse("Never; tests only.")
                .sideEffect(SideEffect.READ_ONLY)
                .parameters(type)
                .result(String.class)
                .build(),
            (p, c) -> "ok");
    return ToolCatalog.of(probe).tools().get(0);
  }

  enum Shade {
    light,
    LIGHT
  }

  enum Nothing {}

  record Shaded(@Param("The shade to paint.") Shade shade) {}

  record Hollow(@Param("Never filled.") List<Nothing> nothings) {}

  @Test
  void anEnumWithTwoConstantsOfOneJsonValueFailsAtRegistrationNamingBoth() {
    assertThatThrownBy(() -> register(Shaded.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'probe' from explicit registration cannot be registered: constants 'light' and"
                + " 'LIGHT' of enum "
                + Shade.class.getName()
                + ", the type of "
                + Shaded.class.getName()
                + ".shade, both have the JSON value 'light'; rename one of them");
  }

  @Test
  void anEnumWithoutConstantsFailsAtRegistrationNamingTheComponent() {
    assertThatThrownBy(() -> register(Hollow.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'probe' from explicit registration cannot be registered: "
                + Hollow.class.getName()
                + ".nothings is of enum "
                + Nothing.class.getName()
                + ", which has no constants, so no call could give it a value; add its constants"
                + " or remove the component");
  }

  record Counted(@Param("How many.") java.util.OptionalInt count) {}

  record Weighed(@Param("How heavy.") java.util.OptionalDouble weight) {}

  record Twice(@Param("A note.") Optional<Optional<String>> note) {}

  @Test
  void aPrimitiveOptionalFailsAtRegistrationPointingToOptionalOfItsBox() {
    assertThatThrownBy(() -> register(Counted.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'probe' from explicit registration cannot be registered: "
                + Counted.class.getName()
                + ".count is an OptionalInt, which the schema cannot make optional; declare it"
                + " Optional<Integer>");
    assertThatThrownBy(() -> register(Weighed.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            ".weight is an OptionalDouble, which the schema cannot make"
                + " optional; declare it Optional<Double>");
  }

  @Test
  void anOptionalOfAnOptionalFailsAtRegistration() {
    assertThatThrownBy(() -> register(Twice.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'probe' from explicit registration cannot be registered: "
                + Twice.class.getName()
                + ".note is an Optional of an Optional, which the schema cannot make optional"
                + " twice; declare it Optional<String>");
  }

  record Pair<T>(@Param("The first.") T left, @Param("The second.") @Default("7") T right) {}

  record Route(@Param("Where from and to.") Pair<String> ends, List<Pair<Integer>> legs) {}

  record Loose(@SuppressWarnings("rawtypes") Pair ends) {}

  @Test
  void aNestedGenericRecordWithConcreteTypeArgumentsBinds() throws Exception {
    RegisteredTool route = register(Route.class);
    JsonNode schema = JSON.readTree(route.parameterSchemaJson());
    assertThat(schema.at("/properties/ends/properties/left/type").asString()).isEqualTo("string");
    assertThat(schema.at("/properties/ends/properties/right/default").asString()).isEqualTo("7");
    assertThat(schema.at("/properties/legs/items/properties/left/type").asString())
        .isEqualTo("integer");
    assertThat(schema.at("/properties/legs/items/properties/right/default").asInt()).isEqualTo(7);
    assertThat(
            route.bind("{\"ends\":{\"left\":\"Oslo\",\"right\":\"Rome\"},\"legs\":[{\"left\":1}]}"))
        .isEqualTo(new Route(new Pair<>("Oslo", "Rome"), List.of(new Pair<>(1, 7))));
    assertThatThrownBy(
            () -> route.bind("{\"ends\":{\"left\":\"Oslo\"},\"legs\":[{\"left\":\"x\"}]}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.legs[0].left: expected an integer");
  }

  @Test
  void aGenericRecordWithoutTypeArgumentsFailsAtRegistrationNamingTheComponent() {
    assertThatThrownBy(() -> register(Loose.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'probe' from explicit registration cannot be registered: "
                + Loose.class.getName()
                + ".ends has type "
                + Pair.class.getName()
                + ", a generic record without type arguments; give them, as in Pair<String>");
    assertThatThrownBy(() -> register(Pair.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'probe' from explicit registration cannot be registered: "
                + Pair.class.getName()
                + ".left has type T, a type variable; a parameter record cannot be generic itself,"
                + " but its components may be generic records with concrete type arguments, as in"
                + " Pair<String>");
  }

  record Booking(
      @Param("The seat row.") char row,
      @Param("The day.") java.time.LocalDate day,
      @Param("The booking.") java.util.UUID id,
      @Param("When.") java.time.Instant at) {}

  @Test
  void aMalformedCharDateOrUuidIsNamedByItsForm() throws Exception {
    RegisteredTool booking = register(Booking.class);
    assertThat(
            booking.bind(
                "{\"row\":\"F\",\"day\":\"2025-02-28\",\"id\":"
                    + "\"123e4567-e89b-12d3-a456-426614174000\",\"at\":\"2025-02-28T10:15:00Z\"}"))
        .isEqualTo(
            new Booking(
                'F',
                java.time.LocalDate.of(2025, 2, 28),
                java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                java.time.Instant.parse("2025-02-28T10:15:00Z")));
    assertThatThrownBy(() ->
            booking.bind(
                "{\"row\":\"FG\",\"day\":\"2025-02-30\",\"id\":\"nope\",\"at\":\"today\"}"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("$.row: expected a single character, got \"FG\"")
        .hasMessageContaining("$.day: expected a date as YYYY-MM-DD, got \"2025-02-30\"")
        .hasMessageContaining(
            "$.id: expected a UUID such as 123e4567-e89b-12d3-a456-426614174000, got \"nope\"")
        .hasMessageContaining("$.at: expected an instant as YYYY-MM-DDTHH:MM:SSZ, got \"today\"")
        .hasMessageNotContaining("of the form the tool expects");
  }

  record Folder(@Param("The name.") String name, List<Folder> children) {}

  @Test
  void aRecordThatContainsItselfFailsAtRegistrationNamingTheComponent() {
    assertThatThrownBy(() -> register(Folder.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'probe' from explicit registration cannot be registered: "
                + Folder.class.getName()
                + ".children holds record "
                + Folder.class.getName()
                + " inside itself, so its arguments could nest without end; give each level a"
                + " record of its own");
  }
}
