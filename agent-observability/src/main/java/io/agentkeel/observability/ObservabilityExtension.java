package io.agentkeel.observability;

import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.ExtensionBinder;
import java.util.Objects;

/**
 * Installs observability in an agent: the decision log, metrics and tracing listener, the model and
 * tool call interceptors. Found with {@link java.util.ServiceLoader}, it builds an {@link
 * Observability} from the agent's configuration ({@code observability.decision-log.enabled}, {@code
 * observability.tracing.capture-content}, ...), Micrometer's global registry and the global
 * OpenTelemetry, reachable afterwards through {@link Observability#installed()}; given one, it
 * installs that.
 */
public final class ObservabilityExtension implements AgentExtension {

  private final Observability given;

  /** The extension {@link java.util.ServiceLoader} creates; builds its own observability. */
  public ObservabilityExtension() {
    this.given = null;
  }

  /**
   * An extension that installs an observability built by the application.
   *
   * @param observability what to install
   */
  public ObservabilityExtension(Observability observability) {
    this.given = Objects.requireNonNull(observability, "observability");
  }

  @Override
  public String name() {
    return "observability";
  }

  /**
   * Runs after the other extensions (order 1000), so that its listener sees what their guards and
   * filters decided, and its interceptors wrap calls closest to the real call.
   *
   * @return 1000
   */
  @Override
  public int order() {
    return 1000;
  }

  @Override
  public void configure(ExtensionBinder binder) {
    Observability observability = given;
    if (observability == null) {
      observability = Observability.builder().configuration(binder.configuration()).build();
      Observability.markInstalled(observability);
    }
    observability.install(binder);
  }
}
