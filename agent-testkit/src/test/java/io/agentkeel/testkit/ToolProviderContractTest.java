package io.agentkeel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract fails, with a message that says what to fix, for providers that break it. */
class ToolProviderContractTest {

  /** Arguments without descriptions. */
  public record Query(String query) {}

  /** A badly designed tool. */
  public static final class Stuff {
    /**
     * Does stuff.
     *
     * @param query the arguments
     * @return a list
     */
    @AgentTool(
        name = "do_stuff",
        description = "Does stuff.",
        whenToUse = "",
        sideEffect = SideEffect.WRITE)
    public List<String> doStuff(Query query) {
      return List.of();
    }
  }

  /** Not listed in META-INF/services. */
  public static final class UnlistedProvider implements ToolProvider {
    @Override
    public String name() {
      return "unlisted";
    }

    @Override
    public String version() {
      return "0.1";
    }

    @Override
    public List<Tool<?, ?>> tools(ToolProviderContext context) {
      return AnnotatedTools.of(new Stuff());
    }
  }

  private static ToolProviderContract contractFor(
      ToolProvider provider, Map<String, String> explained) {
    return new ToolProviderContract() {
      @Override
      protected ToolProvider provider() {
        return provider;
      }

      @Override
      protected Map<String, String> explainedLintFindings() {
        return explained;
      }
    };
  }

  @Test
  void aProviderMissingFromMetaInfServicesFails() {
    assertThatThrownBy(
            () -> contractFor(new UnlistedProvider(), Map.of()).providerIsFoundByServiceLoader())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("META-INF/services");
  }

  @Test
  void badToolDesignFailsTheLintListingEachFinding() {
    assertThatThrownBy(() -> contractFor(new UnlistedProvider(), Map.of()).lintIsCleanOrExplained())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("do_stuff [vague-name]")
        .hasMessageContaining("do_stuff [write-without-scope]");
  }

  @Test
  void aMissingWhenToUseFails() {
    assertThatThrownBy(() ->
            contractFor(new UnlistedProvider(), Map.of()).descriptionsAndWhenToUseArePresent())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("do_stuff whenToUse");
  }

  @Test
  void aWriteToolWithoutScopeFailsEvenWhenItsLintFindingIsExplained() {
    // The agent refuses to start with such a tool, whatever the plugin's tests explain.
    ToolProviderContract contract =
        contractFor(
            new UnlistedProvider(), Map.of("do_stuff:write-without-scope", "internal use only"));

    assertThatThrownBy(contract::writeToolsDeclareScopes)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("tool 'do_stuff' is write but declares no scope")
        .hasMessageContaining("scopes(\"orders:write\")");
  }

  @Test
  void explainedFindingsPassAndStaleExplanationsFail() {
    Map<String, String> all =
        Map.of(
            "do_stuff:vague-name", "legacy name kept for old prompts",
            "do_stuff:vague-description", "-",
            "do_stuff:no-when-to-use", "-",
            "do_stuff:undescribed-parameter", "-",
            "do_stuff:write-without-scope", "-",
            "do_stuff:unbounded-list-result", "-");
    contractFor(new UnlistedProvider(), all).lintIsCleanOrExplained();
    Map<String, String> stale = new java.util.HashMap<>(all);
    stale.put("do_stuff:mode-parameter", "no longer true");
    assertThatThrownBy(() -> contractFor(new UnlistedProvider(), stale).lintIsCleanOrExplained())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no longer occur");
  }

  @Test
  void invalidArgumentsCoverMissingWrongTypeRangeAndUnknown() {
    var tool =
        ToolCatalog.of(
                new GoodProvider()
                    .tools(ToolProviderContext.of(Map.of(), getClass().getClassLoader()))
                    .toArray(new Tool<?, ?>[0]))
            .tools()
            .get(0);
    assertThat(InvalidArguments.of(tool))
        .extracting(InvalidArguments.Case::mutation, InvalidArguments.Case::field)
        .contains(
            org.assertj.core.groups.Tuple.tuple("missing required argument", "city"),
            org.assertj.core.groups.Tuple.tuple("wrong type", "city"),
            org.assertj.core.groups.Tuple.tuple("wrong type", "days"),
            org.assertj.core.groups.Tuple.tuple("value out of range", "days"),
            org.assertj.core.groups.Tuple.tuple(
                "unknown argument", InvalidArguments.UNKNOWN_ARGUMENT));
    assertThat(InvalidArguments.sample(tool)).isEqualTo("{\"city\":\"x\"}");
  }
}
