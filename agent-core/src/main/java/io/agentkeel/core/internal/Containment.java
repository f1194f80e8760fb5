package io.agentkeel.core.internal;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where core catches whatever a tool, a model client or an extension throws: any
 * {@link Throwable}, {@code StackOverflowError}, {@code NoClassDefFoundError} and checked
 * exceptions thrown sneakily by other JVM languages included. A task must end in an outcome
 * whatever its parts do, so nothing thrown by them may escape the run; an architecture rule allows
 * catching {@code Throwable} here and nowhere else. An interrupt is kept: the flag is set again.
 */
final class Containment {
  private static final Logger LOG = LoggerFactory.getLogger(Containment.class);

  /** What came of a contained call. */
  sealed interface Result<T> {}

  /** The call returned. */
  record Returned<T>(T value) implements Result<T> {}

  /** The call threw. */
  record Threw<T>(Throwable failure) implements Result<T> {}

  private Containment() {}

  /**
   * Runs a call and catches everything it throws.
   *
   * @param call the call
   * @return what it returned or threw
   */
  static <T> Result<T> call(Callable<T> call) {
    try {
      return new Returned<>(call.call());
    } catch (Throwable t) {
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return new Threw<>(t);
    }
  }

  /**
   * Runs an extension's call; if it throws, logs the point, the implementation and the failure's
   * class (never its message, which may hold personal data) and returns the fallback. This is the
   * catch-log-substitute policy of every extension point.
   *
   * @param point the extension point, such as {@code input guard}
   * @param implementation the implementation's name
   * @param call the call
   * @param fallback what to use instead
   * @return what the call returned, or the fallback
   */
  static <T> T orElse(String point, Object implementation, Callable<T> call, Supplier<T> fallback) {
    return switch (call(call)) {
      case Returned<T> returned -> returned.value();
      case Threw<T> threw -> {
        logFailure(point, implementation, threw.failure());
        yield fallback.get();
      }
    };
  }

  /**
   * Runs an extension's call that returns nothing; a failure is logged and ignored.
   *
   * @param point the extension point
   * @param implementation the implementation's name
   * @param call the call
   * @return whether it returned normally
   */
  static boolean run(String point, Object implementation, Runnable call) {
    return orElse(
        point,
        implementation,
        () -> {
          call.run();
          return Boolean.TRUE;
        },
        () -> Boolean.FALSE);
  }

  static void logFailure(String point, Object implementation, Throwable failure) {
    LOG.warn(
        "{} {} failed: {}",
        point,
        implementation instanceof String name ? name : implementation.getClass().getName(),
        failure.getClass().getName());
  }

  /**
   * Rethrows any throwable without declaring it; used where an interceptor's {@code proceed} must
   * pass on exactly what the real call threw.
   */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneaky(Throwable failure) throws E {
    throw (E) failure;
  }
}
