package io.agentkeel.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.agentkeel.core.tool.SampleTools.SearchOrders;
import io.agentkeel.core.tool.SampleTools.Status;
import io.agentkeel.tools.spi.ToolException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Properties of validation and binding over generated arguments of a five-field record. */
class ArgumentPropertyTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final RegisteredTool tool = ToolCatalog.of(SampleTools.search()).tools().get(0);

  /**
   * A valid argument object: the expected record and its JSON, with optional fields left out at
   * random.
   */
  record Valid(SearchOrders expected, ObjectNode json) {}

  private static Gen<Valid> validArguments() {
    Gen<String> customerIds = integers().between(0, 99_999_999).map(n -> "C-" + n);
    Gen<Optional<Status>> statuses =
        Generate.enumValues(Status.class)
            .map(Optional::of)
            .mix(Generate.constant(Optional.empty()), 30);
    Gen<Optional<Integer>> days =
        integers().between(1, 365).map(Optional::of).mix(Generate.constant(Optional.empty()), 30);
    Gen<Optional<String>> notes =
        strings()
            .allPossible()
            .ofLengthBetween(0, 40)
            .map(Optional::of)
            .mix(Generate.constant(Optional.empty()), 30);
    Gen<List<String>> tags =
        lists().of(strings().basicLatinAlphabet().ofLengthBetween(0, 8)).ofSizeBetween(0, 5);
    return customerIds.zip(
        statuses,
        days,
        notes,
        tags,
        (id, status, day, note, tagList) -> {
          ObjectNode json = NODES.objectNode();
          json.put("customer_id", id);
          status.ifPresent(s -> json.put("status", s.name().toLowerCase(java.util.Locale.ROOT)));
          day.ifPresent(d -> json.put("date_range_days", d));
          note.ifPresent(n -> json.put("note", n));
          json.set("tags", JSON.valueToTree(tagList));
          return new Valid(
              new SearchOrders(id, status.orElse(Status.ALL), day.orElse(30), note, tagList), json);
        });
  }

  @Test
  void everyValidArgumentObjectValidatesAndBinds() {
    qt().forAll(validArguments())
        .checkAssert(valid -> {
          try {
            assertThat(tool.bind(valid.json().toString())).isEqualTo(valid.expected());
          } catch (ToolException e) {
            throw new AssertionError(valid.json() + " was rejected: " + e.getMessage(), e);
          }
        });
  }

  /** A broken argument object and the field whose name the rejection must carry. */
  record Mutation(String field, String json) {}

  private static final List<String> REQUIRED = List.of("customer_id", "tags");
  private static final List<String> ALL =
      List.of("customer_id", "status", "date_range_days", "note", "tags");

  private static Gen<Mutation> mutations() {
    Gen<Mutation> removeRequired =
        validArguments()
            .zip(
                Generate.pick(REQUIRED),
                (v, field) -> new Mutation(field, v.json().deepCopy().without(field).toString()));
    Gen<Mutation> wrongType =
        validArguments()
            .zip(
                Generate.pick(ALL),
                Generate.pick(List.of(0, 1, 2, 3)),
                (v, field, kind) -> {
                  ObjectNode json = v.json().deepCopy();
                  json.set(field, wrongValueFor(field, kind));
                  return new Mutation(field, json.toString());
                });
    Gen<Mutation> outOfRange =
        validArguments()
            .zip(
                integers().between(-1_000_000, 0).mix(integers().between(366, 1_000_000)),
                Generate.pick(List.of("date_range_days", "note", "tags", "status", "customer_id")),
                (v, n, field) -> {
                  ObjectNode json = v.json().deepCopy();
                  switch (field) {
                    case "date_range_days" -> json.put(field, n);
                    case "note" -> json.put(field, "x".repeat(41 + Math.abs(n % 50)));
                    case "tags" ->
                        json.set(field, JSON.valueToTree(List.of("a", "b", "c", "d", "e", "f")));
                    case "status" -> json.put(field, "status_" + Math.abs(n));
                    default -> json.put(field, "D-" + Math.abs(n));
                  }
                  return new Mutation(field, json.toString());
                });
    Gen<Mutation> extraField =
        validArguments()
            .zip(
                strings()
                    .betweenCodePoints('a', 'z')
                    .ofLengthBetween(1, 12)
                    .assuming(name -> !ALL.contains(name)),
                (v, name) -> {
                  ObjectNode json = v.json().deepCopy();
                  json.put(name, 1);
                  return new Mutation(name, json.toString());
                });
    return removeRequired.mix(wrongType).mix(outOfRange, 33).mix(extraField, 25);
  }

  private static tools.jackson.databind.JsonNode wrongValueFor(String field, int kind) {
    return switch (field) {
      case "customer_id", "note", "status" ->
          switch (kind) {
            case 0 -> NODES.numberNode(7);
            case 1 -> NODES.booleanNode(true);
            case 2 -> NODES.arrayNode().add("C-1");
            default -> NODES.objectNode().put("value", "x");
          };
      case "date_range_days" ->
          switch (kind) {
            case 0 -> NODES.stringNode("30");
            case 1 -> NODES.numberNode(2.5);
            case 2 -> NODES.booleanNode(false);
            default -> NODES.arrayNode().add(30);
          };
      default ->
          switch (kind) {
            case 0 -> NODES.stringNode("gift");
            case 1 -> NODES.numberNode(1);
            case 2 -> NODES.arrayNode().add(1);
            default -> NODES.objectNode();
          };
    };
  }

  @Test
  void everyMutationIsRejectedWithAMessageNamingTheField() {
    qt().forAll(mutations())
        .checkAssert(mutation ->
            assertThatThrownBy(() -> tool.bind(mutation.json()))
                .as(mutation.json())
                .isInstanceOf(ToolException.class)
                .asInstanceOf(type(ToolException.class))
                .satisfies(e -> {
                  assertThat(e.messageForModel()).contains("$." + mutation.field());
                  assertThat(e.violations())
                      .anySatisfy(v -> assertThat(v.path()).startsWith("$." + mutation.field()));
                }));
  }
}
