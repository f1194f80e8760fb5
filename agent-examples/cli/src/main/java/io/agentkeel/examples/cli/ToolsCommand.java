package io.agentkeel.examples.cli;

import io.agentkeel.core.tool.LintFinding;
import io.agentkeel.core.tool.RegisteredTool;
import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.core.tool.ToolDesignLint;
import io.agentkeel.examples.agents.ExampleAgents;
import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Tool;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agentkeel tools}: every tool found, built-in and plugins; {@code tools lint}. */
@Command(
    name = "tools",
    mixinStandardHelpOptions = true,
    description =
        "Lists every tool found, built-in and plugins: name, side effect, scopes, when to use and"
            + " JSON schema.",
    subcommands = ToolsCommand.Lint.class)
final class ToolsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin Support.PluginOptions plugins = new Support.PluginOptions();

  @Option(names = "--json", description = "Print a JSON array (see README).")
  boolean json;

  @Override
  public Integer call() {
    ToolCatalog catalog = catalog(spec, plugins);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> tools = new ArrayList<>();
      for (RegisteredTool tool : catalog.tools()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", tool.name());
        entry.put("description", tool.descriptor().description());
        entry.put("when_to_use", tool.descriptor().whenToUse());
        entry.put("side_effect", tool.descriptor().sideEffect().name().toLowerCase(Locale.ROOT));
        entry.put("scopes", List.copyOf(tool.descriptor().scopes()));
        entry.put("source", tool.source());
        entry.put("schema", Support.JSON.readTree(tool.parameterSchemaJson()));
        tools.add(entry);
      }
      out.println(Support.JSON.writeValueAsString(tools));
      return AgentKeelCli.OK;
    }
    for (RegisteredTool tool : catalog.tools()) {
      out.println(tool.name());
      out.println(
          "  side effect: " + tool.descriptor().sideEffect().name().toLowerCase(Locale.ROOT));
      out.println("  scopes:      " + String.join(", ", tool.descriptor().scopes()));
      out.println("  from:        " + tool.source());
      out.println("  what:        " + tool.descriptor().description());
      out.println("  when to use: " + tool.descriptor().whenToUse());
      out.println("  schema:      " + tool.parameterSchemaJson());
    }
    out.println(catalog.tools().size() + " tools");
    return AgentKeelCli.OK;
  }

  static ToolCatalog catalog(CommandSpec spec, Support.PluginOptions plugins) {
    List<Tool<?, ?>> builtIn = new ArrayList<>();
    ExampleAgents.builtInTools().forEach(target -> builtIn.addAll(AnnotatedTools.of(target)));
    Support.modules().forEach(module -> builtIn.addAll(module.tools()));
    return ToolCatalog.load(builtIn, plugins.loader(Support.root(spec).dataDir()));
  }

  /** {@code agentkeel tools lint}: the design findings. */
  @Command(
      name = "lint",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the tool design findings (names, descriptions, scopes, schemas).",
        "Exit status 0 when there are none, 1 when there are findings."
      })
  static final class Lint implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin Support.PluginOptions plugins = new Support.PluginOptions();

    @Option(names = "--json", description = "Print a JSON array (see README).")
    boolean json;

    @Override
    public Integer call() {
      ToolCatalog catalog = catalog(spec, plugins);
      List<LintFinding> findings = ToolDesignLint.check(catalog);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (LintFinding finding : findings) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("tool", finding.tool());
          entry.put("rule", finding.rule());
          entry.put("reason", finding.reason());
          entry.put("fix", finding.fix());
          entries.add(entry);
        }
        out.println(Support.JSON.writeValueAsString(entries));
      } else {
        findings.forEach(
            f -> out.println(f.tool() + " [" + f.rule() + "] " + f.reason() + " Fix: " + f.fix()));
        out.println(findings.size() + " findings in " + catalog.tools().size() + " tools");
      }
      return findings.isEmpty() ? AgentKeelCli.OK : AgentKeelCli.NOT_COMPLETED;
    }
  }
}
