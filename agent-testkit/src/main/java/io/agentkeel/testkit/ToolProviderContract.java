package io.agentkeel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.agentkeel.core.tool.LintFinding;
import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.core.tool.ToolDesignLint;
import io.agentkeel.tools.spi.Default;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolException;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract every tool plugin passes. Extend it in the plugin's own tests and return the
 * provider; each test method checks one rule:
 *
 * <pre>{@code
 * class OrdersPluginTest extends ToolProviderContract {
 *   @Override
 *   protected ToolProvider provider() {
 *     return new OrdersToolProvider();
 *   }
 * }
 * }</pre>
 *
 * <p>The provider must be found by {@link ServiceLoader}; names must be valid and unique; schemas
 * must be valid JSON Schema 2020-12 and agree with the parameter records; descriptions and <em>when
 * to use</em> texts must be present; scopes well formed, and declared by every tool that is not
 * read-only; invalid arguments must be rejected with a {@link ToolException} (never another
 * exception); and the {@link ToolDesignLint} must be clean, or each finding explained in {@link
 * #explainedLintFindings()}.
 */
public abstract class ToolProviderContract {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  /** For subclasses. */
  protected ToolProviderContract() {}

  /**
   * The plugin's provider, made as ServiceLoader makes it.
   *
   * @return a new provider
   */
  protected abstract ToolProvider provider();

  /**
   * Lint findings the plugin accepts, each keyed {@code tool:rule} (see {@link LintFinding#key()})
   * with the reason it is acceptable. An explanation that matches no finding fails the contract, so
   * explanations do not outlive the problem.
   *
   * @return explanations by key; empty by default
   */
  protected Map<String, String> explainedLintFindings() {
    return Map.of();
  }

  /**
   * What the provider is given when it makes its tools: by default no settings and the class loader
   * of the provider's class. Override to give the settings a real deployment would (the keys under
   * {@code tools.<provider name>.}, prefix removed), such as a test endpoint.
   *
   * @return the context
   */
  protected ToolProviderContext context() {
    return ToolProviderContext.of(Map.of(), provider().getClass().getClassLoader());
  }

  private List<Tool<?, ?>> providedTools() {
    return provider().tools(context());
  }

  private List<RegisteredTool> tools() {
    return ToolCatalog.of(providedTools().toArray(new Tool<?, ?>[0])).tools();
  }

  /**
   * The provider is listed in META-INF/services and has the public no-argument constructor
   * ServiceLoader needs.
   */
  @Test
  public void providerIsFoundByServiceLoader() {
    Class<? extends ToolProvider> type = provider().getClass();
    assertThat(Modifier.isPublic(type.getModifiers()))
        .as("%s must be public for ServiceLoader", type.getName())
        .isTrue();
    assertThatCode(() -> type.getConstructor())
        .as("%s needs a public no-argument constructor", type.getName())
        .doesNotThrowAnyException();
    List<Class<?>> found =
        ServiceLoader.load(ToolProvider.class, type.getClassLoader()).stream()
            .<Class<?>>map(ServiceLoader.Provider::type)
            .toList();
    assertThat(found)
        .as(
            "ServiceLoader does not find %s: list it in"
                + " src/main/resources/META-INF/services/io.agentkeel.tools.spi.ToolProvider",
            type.getName())
        .contains(type);
  }

  /** The provider names itself and its version, and lists at least one tool. */
  @Test
  public void providerNamesItselfAndListsTools() {
    ToolProvider provider = provider();
    assertThat(provider.name()).as("ToolProvider.name()").isNotBlank();
    assertThat(provider.version()).as("ToolProvider.version()").isNotBlank();
    assertThat(provider.tools(context())).as("ToolProvider.tools(context)").isNotEmpty();
  }

  /** Tool names are snake_case, short enough for every model provider, and unique. */
  @Test
  public void toolNamesAreValidAndUnique() {
    List<String> names = providedTools().stream().map(t -> t.descriptor().name()).toList();
    assertThat(names).allSatisfy(n -> assertThat(ToolDescriptor.isValidName(n)).as(n).isTrue());
    assertThat(names).as("tool names").doesNotHaveDuplicates();
    assertThatCode(this::tools).as("registering the tools").doesNotThrowAnyException();
  }

  /** Every parameter schema is valid JSON Schema 2020-12. */
  @Test
  public void schemasAreValidJsonSchema2020_12() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema meta = registry.getSchema(SchemaLocation.of(DIALECT));
    for (RegisteredTool tool : tools()) {
      JsonNode schema = JSON.readTree(tool.parameterSchemaJson());
      assertThat(schema.path("$schema").asString()).as(tool.name() + " $schema").isEqualTo(DIALECT);
      List<Error> errors = meta.validate(schema);
      assertThat(errors).as(tool.name() + " schema against the 2020-12 meta-schema").isEmpty();
    }
  }

  /**
   * Each schema has one property per record component, required exactly when not Optional and
   * without @Default.
   */
  @Test
  public void schemasAgreeWithTheRecord() {
    for (RegisteredTool tool : tools()) {
      JsonNode schema = JSON.readTree(tool.parameterSchemaJson());
      Set<String> expectedProperties = new HashSet<>();
      Set<String> expectedRequired = new HashSet<>();
      for (RecordComponent component : tool.descriptor().parameterType().getRecordComponents()) {
        String name = RegisteredTool.argumentName(component);
        expectedProperties.add(name);
        if (component.getType() != Optional.class
            && component.getAnnotation(Default.class) == null) {
          expectedRequired.add(name);
        }
      }
      Set<String> properties = new HashSet<>(schema.path("properties").propertyNames());
      Set<String> required = new HashSet<>();
      schema.path("required").forEach(r -> required.add(r.asString()));
      assertThat(properties).as(tool.name() + " properties").isEqualTo(expectedProperties);
      assertThat(required).as(tool.name() + " required").isEqualTo(expectedRequired);
      assertThat(schema.path("additionalProperties").asBoolean(true))
          .as(tool.name() + " additionalProperties")
          .isFalse();
      String sample = InvalidArguments.sample(tool);
      if (!tool.parameterSchemaJson().contains("\"pattern\"")
          && !tool.parameterSchemaJson().contains("\"format\"")) {
        assertThatCode(() -> tool.bind(sample))
            .as(tool.name() + " binds arguments made from its own schema: " + sample)
            .doesNotThrowAnyException();
      }
    }
  }

  /** Every tool says what it does and when to use it. */
  @Test
  public void descriptionsAndWhenToUseArePresent() {
    for (RegisteredTool tool : tools()) {
      assertThat(tool.descriptor().description()).as(tool.name() + " description").isNotBlank();
      assertThat(tool.descriptor().whenToUse()).as(tool.name() + " whenToUse").isNotBlank();
    }
  }

  /** Scopes are of the form resource:action. */
  @Test
  public void scopesAreWellFormed() {
    for (RegisteredTool tool : tools()) {
      assertThat(tool.descriptor().scopes())
          .as(tool.name() + " scopes")
          .allSatisfy(s -> assertThat(ToolDescriptor.isValidScope(s)).as(s).isTrue());
    }
  }

  /**
   * Every write or destructive tool declares the scope a principal needs to call it. The agent
   * refuses to start with one that declares none, so this cannot be explained away in {@link
   * #explainedLintFindings()} as the lint's {@code write-without-scope} finding can.
   */
  @Test
  public void writeToolsDeclareScopes() {
    for (RegisteredTool tool : tools()) {
      SideEffect effect = tool.descriptor().sideEffect();
      assertThat(effect == SideEffect.READ_ONLY || !tool.descriptor().scopes().isEmpty())
          .as(
              "tool '%s' is %s but declares no scope, so the agent refuses to start with it;"
                  + " declare the scope a principal needs, for example scopes(\"orders:write\")"
                  + " on its descriptor or @AgentTool(scopes = \"orders:write\")",
              tool.name(), effect.name().toLowerCase(java.util.Locale.ROOT))
          .isTrue();
    }
  }

  /**
   * Invalid arguments (missing, wrong type, out of range, unknown) give a ToolException naming the
   * field.
   */
  @Test
  public void invalidArgumentsGiveAToolException() {
    for (RegisteredTool tool : tools()) {
      for (InvalidArguments.Case invalid : InvalidArguments.of(tool)) {
        assertThatThrownBy(() -> tool.bind(invalid.json()))
            .as(tool.name() + ": " + invalid)
            .isInstanceOf(ToolException.class)
            .satisfies(e ->
                assertThat(((ToolException) e).violations())
                    .anySatisfy(v -> assertThat(v.path()).startsWith("$." + invalid.field())));
      }
    }
  }

  /** The tool design lint finds nothing, or each finding is explained. */
  @Test
  public void lintIsCleanOrExplained() {
    Map<String, String> explained = explainedLintFindings();
    List<LintFinding> unexplained = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (RegisteredTool tool : tools()) {
      for (LintFinding finding : ToolDesignLint.check(tool)) {
        keys.add(finding.key());
        if (!explained.containsKey(finding.key())) {
          unexplained.add(finding);
        }
      }
    }
    if (!unexplained.isEmpty()) {
      fail(
          "tool design lint findings (fix them, or explain each in explainedLintFindings() as"
              + " \"tool:rule\" -> reason):\n"
              + String.join("\n", unexplained.stream().map(LintFinding::toString).toList()));
    }
    assertThat(explained.keySet())
        .as("explained lint findings that no longer occur; remove them")
        .allSatisfy(key -> assertThat(keys).contains(key));
  }
}
