package io.agentkeel.api;

/**
 * The rest of an intercepted call: the next interceptor, or the real call at the end of the chain.
 *
 * @param <T> what the call returns
 */
@FunctionalInterface
public interface Proceed<T> {

  /**
   * Runs the rest of the call.
   *
   * @return what it returned
   * @throws Exception whatever the real call threw; an interceptor rethrows it after recording it
   */
  T proceed() throws Exception;
}
