package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Checks decision log lines with an independent parser (Jackson) and validator (networknt). */
final class DecisionLogSchema {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Schema SCHEMA = load();

  private DecisionLogSchema() {}

  private static Schema load() {
    try (InputStream in = DecisionLog.class.getResourceAsStream(DecisionLog.SCHEMA_RESOURCE)) {
      assertThat(in).as("schema resource " + DecisionLog.SCHEMA_RESOURCE).isNotNull();
      Schema schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
      schema.initializeValidators();
      return schema;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Parses a line; fails the test if it is not one JSON object. */
  static JsonNode parse(String line) {
    assertThat(line).doesNotContain("\n");
    JsonNode node = MAPPER.readTree(line);
    assertThat(node.isObject()).as("a JSON object: " + line).isTrue();
    return node;
  }

  static List<String> problems(String line) {
    return SCHEMA.validate(parse(line)).stream().map(Error::toString).toList();
  }

  static void assertValid(List<String> lines) {
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      assertThat(problems(line)).as(line).isEmpty();
    }
  }
}
