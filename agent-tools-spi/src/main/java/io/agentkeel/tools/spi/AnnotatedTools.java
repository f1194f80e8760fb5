package io.agentkeel.tools.spi;

import io.agentkeel.tools.spi.internal.MethodTool;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Turns objects whose public methods carry {@link AgentTool} into {@link Tool}s. */
public final class AnnotatedTools {

  private AnnotatedTools() {}

  /**
   * Makes one tool of every {@link AgentTool} method of the given objects, ordered by tool name.
   *
   * @param targets objects with annotated public methods
   * @return the tools
   * @throws IllegalArgumentException if an object has no annotated method, an annotated method is
   *     not public, two share a tool name, or a method does not take a record (and optionally a
   *     ToolContext) or returns nothing; the message names the method
   */
  public static List<Tool<?, ?>> of(Object... targets) {
    List<Tool<?, ?>> tools = new ArrayList<>();
    Map<String, Method> byName = new HashMap<>();
    for (Object target : targets) {
      Objects.requireNonNull(target, "target");
      requireAnnotatedMethodsPublic(target.getClass());
      int before = tools.size();
      for (Method method : target.getClass().getMethods()) {
        AgentTool annotation = method.getAnnotation(AgentTool.class);
        // javac copies a method's annotations to its bridge methods (an override of a generic or
        // covariant method); the bridge is not a tool of its own.
        if (annotation != null && !method.isBridge()) {
          Method previous = byName.putIfAbsent(annotation.name(), method);
          if (previous != null) {
            throw new IllegalArgumentException(
                "@AgentTool methods "
                    + where(previous)
                    + " and "
                    + where(method)
                    + " are both named '"
                    + annotation.name()
                    + "'; give each tool its own name");
          }
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

  /** An annotated method that is not public would be left out without a word; refuse it. */
  private static void requireAnnotatedMethodsPublic(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.isAnnotationPresent(AgentTool.class)
            && !method.isBridge()
            && !Modifier.isPublic(method.getModifiers())) {
          throw new IllegalArgumentException(
              "@AgentTool method "
                  + where(method)
                  + " is not public, so it cannot be a tool; make it public");
        }
      }
    }
  }

  private static String where(Method method) {
    return method.getDeclaringClass().getName() + "." + method.getName();
  }
}
