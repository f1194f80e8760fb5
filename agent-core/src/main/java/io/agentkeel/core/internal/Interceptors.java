package io.agentkeel.core.internal;

import io.agentkeel.api.ModelCallInfo;
import io.agentkeel.api.ModelCallInterceptor;
import io.agentkeel.api.ModelCallResult;
import io.agentkeel.api.Proceed;
import io.agentkeel.api.RunContext;
import io.agentkeel.api.ToolCallInfo;
import io.agentkeel.api.ToolCallInterceptor;
import io.agentkeel.api.ToolCallResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model and tool call interceptors as chains around the real call, the first outermost. Core
 * checks the contract: an interceptor must proceed exactly once. One that does not proceed, or that
 * throws before proceeding, is logged and bypassed (the rest of the chain runs); one that proceeds
 * twice gets an error from its second {@code proceed}; whatever an interceptor returns or throws
 * after proceeding, the caller gets exactly what the real call returned or threw.
 */
final class Interceptors {
  private final List<ModelCallInterceptor> model;
  private final List<ToolCallInterceptor> tool;

  Interceptors(List<ModelCallInterceptor> model, List<ToolCallInterceptor> tool) {
    this.model = List.copyOf(model);
    this.tool = List.copyOf(tool);
  }

  /** Runs a model call through the model interceptors. */
  ModelCallResult aroundModel(ModelCallInfo info, RunContext context, Proceed<ModelCallResult> real)
      throws Exception {
    Proceed<ModelCallResult> chain = real;
    for (int i = model.size() - 1; i >= 0; i--) {
      ModelCallInterceptor interceptor = model.get(i);
      Proceed<ModelCallResult> next = chain;
      chain = () -> checked(interceptor, next, n -> interceptor.intercept(info, context, n));
    }
    return chain.proceed();
  }

  /** Runs a tool call through the tool interceptors. */
  ToolCallResult aroundTool(ToolCallInfo info, RunContext context, Proceed<ToolCallResult> real)
      throws Exception {
    Proceed<ToolCallResult> chain = real;
    for (int i = tool.size() - 1; i >= 0; i--) {
      ToolCallInterceptor interceptor = tool.get(i);
      Proceed<ToolCallResult> next = chain;
      chain = () -> checked(interceptor, next, n -> interceptor.intercept(info, context, n));
    }
    return chain.proceed();
  }

  /** One level of a chain. */
  private interface Level<T> {
    T run(Proceed<T> next) throws Exception;
  }

  private static <T> T checked(Object interceptor, Proceed<T> next, Level<T> level)
      throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<Containment.Result<T>> real = new AtomicReference<>();
    Proceed<T> once =
        () -> {
          if (calls.incrementAndGet() > 1) {
            throw new IllegalStateException(
                "interceptor " + interceptor.getClass().getName() + " proceeded twice");
          }
          Containment.Result<T> result = Containment.call(next::proceed);
          real.set(result);
          return switch (result) {
            case Containment.Returned<T> returned -> returned.value();
            case Containment.Threw<T> threw -> throw Containment.sneaky(threw.failure());
          };
        };
    Containment.Result<T> outer = Containment.call(() -> level.run(once));
    Containment.Result<T> inner = real.get();
    if (inner == null) {
      Throwable why =
          outer instanceof Containment.Threw<T> threw
              ? threw.failure()
              : new IllegalStateException("did not proceed");
      Containment.logFailure("interceptor (bypassed)", interceptor, why);
      return next.proceed();
    }
    if (outer instanceof Containment.Threw<T> threw && !sameFailure(inner, threw.failure())) {
      Containment.logFailure("interceptor", interceptor, threw.failure());
    }
    return switch (inner) {
      case Containment.Returned<T> returned -> returned.value();
      case Containment.Threw<T> threw -> throw Containment.sneaky(threw.failure());
    };
  }

  private static boolean sameFailure(Containment.Result<?> inner, Throwable failure) {
    return inner instanceof Containment.Threw<?> threw && threw.failure() == failure;
  }
}
