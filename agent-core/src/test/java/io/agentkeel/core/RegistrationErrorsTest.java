package io.agentkeel.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.ExtensionBinder;
import io.agentkeel.api.InputGuard;
import io.agentkeel.api.RateLimiter;
import io.agentkeel.api.ReviewQueue;
import org.junit.jupiter.api.Test;

/** A registration that cannot be wired is refused with one reason that says what to do. */
class RegistrationErrorsTest {

  /** An extension that names itself and registers what it is given. */
  private record Registering(String name, java.util.function.Consumer<ExtensionBinder> body)
      implements AgentExtension {
    @Override
    public void configure(ExtensionBinder binder) {
      body.accept(binder);
    }
  }

  @Test
  void aTypeThatIsNoExtensionPointIsSaidToBeNone() {
    assertThatThrownBy(() -> Builders.withUnusedModel().use(String.class, "x").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("extension 'builder' registered a String, which is not an extension")
        .hasMessageContaining("add(...) one of AgentEventListener, AuditSink,")
        .hasMessageContaining("use(...) one of ConfidenceScorer, ContextAssembler,")
        .hasMessageNotContaining("instead of");
    assertThatThrownBy(() -> Builders.withUnusedModel().add(Runnable.class, () -> {}).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("registered a Runnable, which is not an extension point")
        .hasMessageNotContaining("instead of");
  }

  @Test
  void aPointReplacedTwiceOnTheBuilderIsNamedAsSuch() {
    assertThatThrownBy(() ->
            Builders.withUnusedModel()
                .reviewQueue(new InMemoryReviewQueue())
                .reviewQueue(new InMemoryReviewQueue())
                .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("extension 'builder' replaces ReviewQueue twice")
        .hasMessageContaining("call use, reviewQueue or taskJournal of AgentKeel.builder() once")
        .hasMessageNotContaining("extensions 'builder' and 'builder'");
  }

  @Test
  void twoExtensionsOfOneNameReplacingAPointAreStillTwo() {
    AgentExtension first =
        new Registering("limits", binder -> binder.use(RateLimiter.class, RateLimiter.unlimited()));
    AgentExtension second =
        new Registering("limits", binder -> binder.use(RateLimiter.class, RateLimiter.unlimited()));

    assertThatThrownBy(() -> Builders.withUnusedModel().extension(first).extension(second).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("extensions 'limits' and 'limits' both replace RateLimiter");
  }

  @Test
  void addingToAPointThatTakesOneStillSaysUseInstead() {
    assertThatThrownBy(() ->
            Builders.withUnusedModel().add(ReviewQueue.class, new InMemoryReviewQueue()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("takes one implementation: use use(...) instead of add(...)");
    assertThatThrownBy(
            () -> Builders.withUnusedModel().use(InputGuard.class, InputGuard.allowAll()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("takes many implementations: use add(...) instead of use(...)");
  }
}
