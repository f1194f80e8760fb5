package io.agentkeel.tools.spi.internal;

import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Tool;
import io.agentkeel.tools.spi.ToolContext;
import io.agentkeel.tools.spi.ToolDescriptor;
import io.agentkeel.tools.spi.ToolException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** A tool backed by a method annotated with {@link AgentTool}. */
public final class MethodTool implements Tool<Record, Object> {
  private final Object target;
  private final Method method;
  private final ToolDescriptor descriptor;
  private final boolean takesContext;

  private MethodTool(Object target, Method method, ToolDescriptor descriptor) {
    this.target = target;
    this.method = method;
    this.descriptor = descriptor;
    this.takesContext = method.getParameterCount() == 2;
  }

  /**
   * Checks the method's shape and makes the tool.
   *
   * @param target the object whose method it is
   * @param method the annotated method
   * @param annotation its annotation
   * @return the tool
   * @throws IllegalArgumentException if the method cannot be a tool
   */
  public static MethodTool create(Object target, Method method, AgentTool annotation) {
    String where = method.getDeclaringClass().getName() + "." + method.getName();
    if (Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException("@AgentTool method " + where + " must not be static");
    }
    Class<?>[] parameters = method.getParameterTypes();
    boolean shaped =
        (parameters.length == 1 || (parameters.length == 2 && parameters[1] == ToolContext.class))
            && parameters[0].isRecord();
    if (!shaped) {
      throw new IllegalArgumentException(
          "@AgentTool method "
              + where
              + " must take a record whose components are the tool's arguments, optionally"
              + " followed by a ToolContext");
    }
    if (method.getReturnType() == void.class) {
      throw new IllegalArgumentException(
          "@AgentTool method "
              + where
              + " returns nothing; return what the model should see (at least a confirmation)");
    }
    for (Class<?> thrown : method.getExceptionTypes()) {
      if (!ToolException.class.isAssignableFrom(thrown)
          && !RuntimeException.class.isAssignableFrom(thrown)
          && !Error.class.isAssignableFrom(thrown)) {
        throw new IllegalArgumentException(
            "@AgentTool method "
                + where
                + " throws "
                + thrown.getName()
                + "; catch it and throw a ToolException that tells the model what failed");
      }
    }
    @SuppressWarnings("unchecked")
    Class<? extends Record> parameterType = (Class<? extends Record>) parameters[0];
    ToolDescriptor descriptor =
        ToolDescriptor.builder(annotation.name())
            .description(annotation.description())
            .whenToUse(annotation.whenToUse())
            .scopes(annotation.scopes())
            .sideEffect(annotation.sideEffect())
            .parameters(parameterType)
            .result(method.getReturnType())
            .maxResults(annotation.maxResults())
            .usesIdempotencyKey(annotation.usesIdempotencyKey())
            .build();
    if (!method.canAccess(target)) {
      method.setAccessible(true);
    }
    return new MethodTool(target, method, descriptor);
  }

  @Override
  public ToolDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Object invoke(Record parameters, ToolContext context) throws ToolException {
    try {
      return takesContext
          ? method.invoke(target, parameters, context)
          : method.invoke(target, parameters);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ToolException toolException) {
        throw toolException;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("tool '" + descriptor.name() + "' threw " + cause, cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "tool '" + descriptor.name() + "' method is not accessible: " + method, e);
    }
  }

  @Override
  public String toString() {
    return "Tool[" + descriptor.name() + " -> " + method + "]";
  }
}
