package io.agentkeel.core;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.ExtensionBinder;
import io.agentkeel.api.InputGuard;
import io.agentkeel.api.RateLimiter;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A null registration fails where it is made, naming the call and the point; before, it failed at
 * build() as "the agent could not be wired: instance".
 */
class NullRegistrationTest {

  private static AgentKeel.Builder builder() {
    return Builders.withUnusedModel();
  }

  @Test
  void theBuilderRefusesANullInstanceAtTheCallNamingThePoint() {
    assertThatNullPointerException()
        .isThrownBy(() -> builder().add(InputGuard.class, null))
        .withMessage(
            "add(InputGuard.class, null): the InputGuard to register is null; pass an"
                + " implementation or leave the call out");
    assertThatNullPointerException()
        .isThrownBy(() -> builder().use(RateLimiter.class, null))
        .withMessageStartingWith("use(RateLimiter.class, null): the RateLimiter to register");
    assertThatNullPointerException()
        .isThrownBy(() -> builder().reviewQueue(null))
        .withMessageStartingWith("use(ReviewQueue.class, null)");
    assertThatNullPointerException()
        .isThrownBy(() -> builder().add(null, new Object()))
        .withMessageStartingWith("add(null, ...): name the extension point");
    assertThatNullPointerException()
        .isThrownBy(() -> builder().tool(null))
        .withMessage("tool(null): give the builder a tool");
  }

  @Test
  void anExtensionsNullRegistrationNamesTheExtensionAndThePoint() {
    assertThatNullPointerException()
        .isThrownBy(() -> builtWith(binder -> binder.add(InputGuard.class, (InputGuard) null)))
        .withMessage(
            "extension 'careless' called add(InputGuard.class, null): the InputGuard to register"
                + " is null; pass an implementation or leave the call out");
    assertThatNullPointerException()
        .isThrownBy(() ->
            builtWith(binder -> binder.use(RateLimiter.class, (Class<? extends RateLimiter>) null)))
        .withMessageStartingWith("extension 'careless' called use(RateLimiter.class, null)");
    assertThatNullPointerException()
        .isThrownBy(() -> builtWith(binder -> binder.tool(null)))
        .withMessage("extension 'careless' called tool(null): give it a tool");
  }

  /** Builds an agent with one extension; a NullPointerException it throws comes out as it is. */
  private static void builtWith(Consumer<ExtensionBinder> registration) {
    AgentExtension careless =
        new AgentExtension() {
          @Override
          public String name() {
            return "careless";
          }

          @Override
          public void configure(ExtensionBinder binder) {
            registration.accept(binder);
          }
        };
    try {
      builder().extension(careless).build().close();
    } catch (IllegalStateException wiring) {
      for (Throwable suppressed : wiring.getSuppressed()) {
        if (suppressed instanceof NullPointerException npe) {
          throw npe;
        }
      }
      throw wiring;
    }
  }
}
