package io.agentkeel.core.tool;

import io.agentkeel.core.tool.internal.Json;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns the rules of good tool design into findings, each with a reason and a fix. A model picks a
 * tool by its name, description and <em>when to use</em> text, and fills its arguments from their
 * descriptions; tools that are vague, do several jobs, lack a scope or return unbounded lists lead
 * it astray.
 *
 * <p>Rules: {@code vague-name}, {@code vague-description}, {@code no-when-to-use}, {@code
 * mode-parameter}, {@code write-without-scope}, {@code undescribed-parameter}, {@code
 * unbounded-list-result}. Stateless and thread-safe.
 */
public final class ToolDesignLint {

  /** Words that say nothing about what a tool does or what it acts on. */
  private static final Set<String> VAGUE_WORDS =
      Set.of(
          "do", "handle", "process", "run", "execute", "perform", "manage", "stuff", "thing",
          "things", "misc", "util", "utils", "helper", "general", "generic", "action", "task",
          "data", "tool", "call", "invoke", "operate", "work");

  /** Parameter names that usually switch a tool between behaviours. */
  private static final Set<String> MODE_NAMES =
      Set.of(
          "mode",
          "action",
          "type",
          "operation",
          "op",
          "kind",
          "command",
          "cmd",
          "method",
          "verb",
          "function",
          "what");

  private static final List<String> VAGUE_DESCRIPTION_PHRASES =
      List.of(
          "stuff",
          "various",
          "anything",
          "everything",
          "all kinds",
          "general purpose",
          "multiple things",
          "misc");

  private ToolDesignLint() {}

  /**
   * Checks every tool of a catalog.
   *
   * @param catalog the catalog
   * @return the findings, tool by tool in catalog order
   */
  public static List<LintFinding> check(ToolCatalog catalog) {
    List<LintFinding> findings = new ArrayList<>();
    for (RegisteredTool tool : catalog.tools()) {
      findings.addAll(check(tool));
    }
    return List.copyOf(findings);
  }

  /**
   * Checks one tool.
   *
   * @param tool the tool
   * @return the findings; empty when the tool follows every rule
   */
  public static List<LintFinding> check(RegisteredTool tool) {
    ToolDescriptor descriptor = tool.descriptor();
    String name = descriptor.name();
    List<LintFinding> findings = new ArrayList<>();

    List<String> words = Arrays.asList(name.split("_"));
    List<String> vague = words.stream().filter(VAGUE_WORDS::contains).toList();
    if (!vague.isEmpty() || words.size() < 2) {
      findings.add(
          new LintFinding(
              name,
              "vague-name",
              vague.isEmpty()
                  ? "the name '"
                      + name
                      + "' is one word; it does not say both the action and the"
                      + " thing acted on, so the model cannot tell when to choose it."
                  : "the name '"
                      + name
                      + "' uses "
                      + String.join(", ", vague)
                      + ", which says nothing about what the tool does; the model cannot choose"
                      + " it over other tools by name.",
              "name it verb_noun after its one job, e.g. search_customer_orders or cancel_order."));
    }

    String description = descriptor.description().toLowerCase(Locale.ROOT);
    List<String> phrases =
        VAGUE_DESCRIPTION_PHRASES.stream().filter(description::contains).toList();
    if (description.split("\\s+").length < 4 || !phrases.isEmpty()) {
      findings.add(
          new LintFinding(
              name,
              "vague-description",
              phrases.isEmpty()
                  ? "the description '"
                      + descriptor.description()
                      + "' is too short to say what"
                      + " the tool does and returns."
                  : "the description uses "
                      + String.join(", ", phrases)
                      + ", which is too broad to choose the tool by.",
              "say in a sentence or two what the tool does, to what, and what it returns."));
    }

    if (descriptor.whenToUse().isBlank()) {
      findings.add(
          new LintFinding(
              name,
              "no-when-to-use",
              "there is no when-to-use text, so the model has to guess in which situation this"
                  + " tool is the right choice.",
              "set whenToUse to the situation in which the agent should pick this tool rather"
                  + " than another, e.g. 'When the customer asks about an order but gives no"
                  + " order number.'"));
    }

    JsonNode schema = Json.MAPPER.readTree(tool.parameterSchemaJson());
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      String parameter = property.getKey();
      JsonNode propertySchema = property.getValue();
      if (isModeName(parameter) && switchesBehaviour(propertySchema)) {
        findings.add(
            new LintFinding(
                name,
                "mode-parameter",
                "parameter '"
                    + parameter
                    + "' selects what the tool does; one tool doing"
                    + " several jobs is hard for the model to choose and to call correctly.",
                "make one tool per value of '" + parameter + "', each named after its job."));
      }
    }
    List<String> undescribed = new ArrayList<>();
    collectUndescribed(schema, "", undescribed);
    if (!undescribed.isEmpty()) {
      findings.add(
          new LintFinding(
              name,
              "undescribed-parameter",
              "parameters "
                  + String.join(", ", undescribed)
                  + " have no description, so the"
                  + " model must guess what to put in them.",
              "annotate each record component with @Param(\"what it means and its format\")."));
    }

    if (descriptor.sideEffect() != SideEffect.READ_ONLY && descriptor.scopes().isEmpty()) {
      findings.add(
          new LintFinding(
              name,
              "write-without-scope",
              "the tool is "
                  + descriptor.sideEffect().name().toLowerCase(Locale.ROOT)
                  + " but requires no permission scope, so any principal may change state with"
                  + " it.",
              "declare the scope a principal needs, e.g. scopes = \"orders:write\"."));
    }

    if (!descriptor.hasResultLimit() && returnsList(descriptor.resultType())) {
      findings.add(
          new LintFinding(
              name,
              "unbounded-list-result",
              "the tool returns a list ("
                  + descriptor.resultType().getSimpleName()
                  + ") with no"
                  + " declared limit; a long result floods the model's context.",
              "cap the result and declare it with maxResults, e.g. maxResults = 50, and say in"
                  + " the description how the items are ordered."));
    }
    return List.copyOf(findings);
  }

  private static boolean isModeName(String parameter) {
    return MODE_NAMES.contains(parameter)
        || parameter.endsWith("_mode")
        || parameter.endsWith("_action")
        || parameter.endsWith("_operation");
  }

  private static boolean switchesBehaviour(JsonNode schema) {
    String type = schema.path("type").isString() ? schema.path("type").stringValue() : "";
    return schema.has("enum") || "string".equals(type) || "boolean".equals(type);
  }

  private static void collectUndescribed(JsonNode schema, String prefix, List<String> out) {
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      JsonNode value = property.getValue();
      String path = prefix + property.getKey();
      JsonNode description = value.get("description");
      if (description == null || !description.isString() || description.stringValue().isBlank()) {
        out.add(path);
      }
      collectUndescribed(value, path + ".", out);
      JsonNode items = value.get("items");
      if (items != null) {
        collectUndescribed(items, path + "[].", out);
      }
    }
  }

  private static boolean returnsList(Class<?> resultType) {
    if (isListType(resultType)) {
      return true;
    }
    if (resultType.isRecord()) {
      for (RecordComponent component : resultType.getRecordComponents()) {
        if (isListType(component.getType())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isListType(Class<?> type) {
    return type.isArray()
        || Collection.class.isAssignableFrom(type)
        || Iterable.class.isAssignableFrom(type);
  }
}
