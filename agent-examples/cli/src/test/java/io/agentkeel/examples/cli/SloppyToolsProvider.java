package io.agentkeel.examples.cli;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.util.List;

/** A plugin with a design finding, for the lint output; tests put it in a jar of its own. */
public final class SloppyToolsProvider implements ToolProvider {

  /** Found by ServiceLoader. */
  public SloppyToolsProvider() {}

  @Override
  public String name() {
    return "sloppy";
  }

  @Override
  public String version() {
    return "0.0.1";
  }

  @Override
  public List<Tool<?, ?>> tools(ToolProviderContext context) {
    return AnnotatedTools.of(new SloppyTools());
  }

  /** Tools with a finding. */
  public static final class SloppyTools {
    /**
     * Arguments.
     *
     * @param topic the topic
     */
    public record Everything(@Param("The topic, such as billing.") String topic) {}

    /**
     * Returns everything.
     *
     * @param request the arguments
     * @return every line
     */
    @AgentTool(
        name = "report_everything",
        description = "Returns every line of the report about a topic.",
        whenToUse = "When someone wants the whole report about a topic.",
        scopes = "reports:read",
        sideEffect = SideEffect.READ_ONLY)
    public List<String> reportEverything(Everything request) {
      return List.of(request.topic());
    }
  }
}
