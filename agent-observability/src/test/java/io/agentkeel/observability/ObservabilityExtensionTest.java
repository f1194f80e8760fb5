package io.agentkeel.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.ModelCallInterceptor;
import io.agentkeel.api.ToolCallInterceptor;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.observability.internal.ToolCallIdRecorder;
import io.agentkeel.observability.internal.ToolContentRecorder;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObservabilityExtensionTest {

  private final SimpleMeterRegistry global = new SimpleMeterRegistry();
  private io.agentkeel.api.Agent agent;

  @AfterEach
  void close() {
    if (agent != null) {
      agent.close();
    }
    Metrics.globalRegistry.remove(global);
  }

  @Test
  void serviceLoaderFindsTheExtension() {
    List<String> names = new ArrayList<>();
    ServiceLoader.load(AgentExtension.class).forEach(e -> names.add(e.getClass().getName()));
    assertThat(names).contains(ObservabilityExtension.class.getName());
    assertThat(new ObservabilityExtension().name()).isEqualTo("observability");
    assertThat(new ObservabilityExtension().order()).isEqualTo(1000);
  }

  @Test
  void aDiscoveredExtensionReadsItsTypedSettingsAndWiresIntoTheAgent() {
    Metrics.addRegistry(global);
    agent =
        AgentKeel.builder()
            .model(
                "primary",
                ScriptedChatModel.named(
                    "primary", ModelScript.builder().answer("ok", 0.95, "sure").build()))
            .workflow(AgentScenarioTest.ORDERS)
            .setting("observability.decision-log.principal", "hashed")
            .setting("observability.tracing.capture-content", "true")
            .setting("observability.metrics.offered-tools", "lookup_order,search")
            .build();
    Observability installed = Observability.installed().orElseThrow();
    assertThat(installed.decisionLogSettings().principal())
        .isEqualTo(DecisionLogSettings.PrincipalField.HASHED);
    assertThat(installed.tracingSettings().captureContent()).isTrue();
    assertThat(installed.metricsSettings().offeredToolNames())
        .containsExactly("lookup_order", "search");

    List<String> lines;
    try (LogCapture capture = new LogCapture()) {
      agent.execute(AgentScenarioTest.task("x1", "hello"));
      installed.listener().flush();
      lines = capture.lines();
    }
    DecisionLogSchema.assertValid(lines);
    assertThat(lines).allMatch(l -> l.contains("\"principal\":\"sha256:"));
    assertThat(
            global
                .get(MetricNames.TASKS)
                .tags("workflow", "orders", "outcome", "completed")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aBadSettingFailsAtStartUpNamingTheKey() {
    assertThatThrownBy(() ->
            AgentKeel.builder()
                .model("primary", ScriptedChatModel.named("primary", ModelScript.builder().build()))
                .setting("observability.decision-log.principal", "sometimes")
                .build())
        .hasMessageContaining("observability.decision-log.principal");
  }

  @Test
  void installRegistersTheListenerAndInterceptorsAsConfigured() {
    List<Object> added = new ArrayList<>();
    io.agentkeel.api.ExtensionBinder binder =
        new io.agentkeel.api.ExtensionBinder() {
          @Override
          public <T> io.agentkeel.api.ExtensionBinder add(
              Class<T> point, Class<? extends T> implementation) {
            added.add(point.getSimpleName() + ":" + implementation.getSimpleName());
            return this;
          }

          @Override
          public <T> io.agentkeel.api.ExtensionBinder add(Class<T> point, T instance) {
            added.add(point.getSimpleName());
            return this;
          }

          @Override
          public <T> io.agentkeel.api.ExtensionBinder use(
              Class<T> point, Class<? extends T> implementation) {
            throw new AssertionError("observability replaces no default");
          }

          @Override
          public <T> io.agentkeel.api.ExtensionBinder use(Class<T> point, T instance) {
            throw new AssertionError("observability replaces no default");
          }

          @Override
          public io.agentkeel.api.ExtensionBinder tool(io.agentkeel.tools.spi.Tool<?, ?> tool) {
            throw new AssertionError("observability offers no tool");
          }

          @Override
          public io.agentkeel.api.Configuration configuration() {
            throw new AssertionError("not read when an observability is given");
          }
        };
    Observability.Builder base =
        Observability.builder()
            .meterRegistry(new SimpleMeterRegistry())
            .openTelemetry(io.opentelemetry.api.OpenTelemetry.noop());
    new ObservabilityExtension(base.tracing(new TracingSettings(true, true, "")).build())
        .configure(binder);
    assertThat(added)
        .containsExactly(
            AgentEventListener.class.getSimpleName(),
            ModelCallInterceptor.class.getSimpleName(),
            ToolCallInterceptor.class.getSimpleName(),
            "ToolCallInterceptor:" + ToolCallIdRecorder.class.getSimpleName(),
            "ToolCallInterceptor:" + ToolContentRecorder.class.getSimpleName());
    added.clear();
    new ObservabilityExtension(
            base.tracing(new TracingSettings(false, false, ""))
                .metrics(new MetricsSettings(false, "", false))
                .build())
        .configure(binder);
    assertThat(added).containsExactly(AgentEventListener.class.getSimpleName());
  }
}
