package io.agentkeel.observability.internal;

import io.agentkeel.api.Workflow;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolProvider;
import io.agentkeel.tools.spi.ToolProviderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools a workflow offers the model, as far as observability can know them: the names given in
 * the settings, the workflow's explicitly allowed tools, and the tools of the {@link ToolProvider}s
 * found with {@link ServiceLoader} (when discovery is on), each kept only if the workflow allows
 * it. The API tells the listener no list of registered tools, so tools registered in code and not
 * named anywhere above are not known until called.
 */
public final class OfferedTools {
  private static final Logger LOG = LoggerFactory.getLogger(OfferedTools.class);

  private final List<String> configured;
  private final boolean discover;
  private final ClassLoader loader;
  private volatile List<String> discovered;
  private final ConcurrentMap<String, List<String>> byWorkflow = new ConcurrentHashMap<>();

  /**
   * Creates the lookup.
   *
   * @param configured tool names from the settings
   * @param discover whether to look for tool providers
   * @param loader where to look
   */
  public OfferedTools(List<String> configured, boolean discover, ClassLoader loader) {
    this.configured = List.copyOf(configured);
    this.discover = discover;
    this.loader = loader;
  }

  /**
   * The tools a workflow offers, sorted; computed once per workflow name.
   *
   * @param workflow the workflow
   * @return the tool names
   */
  public List<String> of(Workflow workflow) {
    return byWorkflow.computeIfAbsent(workflow.name(), name -> compute(workflow));
  }

  private List<String> compute(Workflow workflow) {
    TreeSet<String> names = new TreeSet<>();
    for (String tool : workflow.allowedTools()) {
      if (!tool.equals(Workflow.ALL_TOOLS)) {
        names.add(tool);
      }
    }
    List<String> candidates = new ArrayList<>(configured);
    candidates.addAll(discovered());
    for (String tool : candidates) {
      if (workflow.allowsTool(tool)) {
        names.add(tool);
      }
    }
    return List.copyOf(names);
  }

  private List<String> discovered() {
    List<String> result = discovered;
    if (result != null) {
      return result;
    }
    List<String> names = new ArrayList<>();
    if (discover) {
      try {
        for (ToolProvider provider : ServiceLoader.load(ToolProvider.class, loader)) {
          names.addAll(toolNames(provider));
        }
      } catch (ServiceConfigurationError | RuntimeException e) {
        LOG.warn(
            "observability could not list the tool providers' tools ({}); only configured tools"
                + " count as offered",
            e.getClass().getName());
      }
    }
    discovered = List.copyOf(names);
    return discovered;
  }

  /**
   * The names of one provider's tools. Only the names are read; a provider that needs its settings
   * to make tools fails here and is skipped, alone: its tools then count as offered only when
   * configured, and the other providers' still do.
   */
  private List<String> toolNames(ToolProvider provider) {
    try {
      List<String> names = new ArrayList<>();
      for (Tool<?, ?> tool : provider.tools(ToolProviderContext.of(Map.of(), loader))) {
        names.add(tool.descriptor().name());
      }
      return names;
    } catch (RuntimeException e) {
      LOG.warn(
          "observability could not list the tools of provider {} ({}); they count as offered only"
              + " when configured",
          provider.getClass().getName(),
          e.getClass().getName());
      return List.of();
    }
  }
}
