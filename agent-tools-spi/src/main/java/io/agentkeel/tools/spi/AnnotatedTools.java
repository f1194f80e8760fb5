package io.agentkeel.tools.spi;

import io.agentkeel.tools.spi.internal.MethodTool;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Turns objects whose public methods carry {@link AgentTool} into {@link Tool}s. */
public final class AnnotatedTools {

  private AnnotatedTools() {}

  /**
   * Makes one tool of every {@link AgentTool} method of the given objects, ordered by tool name.
   *
   * @param targets objects with annotated public methods
   * @return the tools
   * @throws IllegalArgumentException if an object has no annotated method, or a method does not
   *     take a record (and optionally a ToolContext) or returns nothing; the message names the
   *     method
   */
  public static List<Tool<?, ?>> of(Object... targets) {
    List<Tool<?, ?>> tools = new ArrayList<>();
    for (Object target : targets) {
      Objects.requireNonNull(target, "target");
      int before = tools.size();
      for (Method method : target.getClass().getMethods()) {
        AgentTool annotation = method.getAnnotation(AgentTool.class);
        if (annotation != null) {
          tools.add(MethodTool.create(target, method, annotation));
        }
      }
      if (tools.size() == before) {
        throw new IllegalArgumentException(
            target.getClass().getName()
                + " has no public method annotated @AgentTool; annotate its tool methods or"
                + " implement Tool");
      }
    }
    tools.sort(Comparator.comparing(tool -> tool.descriptor().name()));
    return List.copyOf(tools);
  }
}
