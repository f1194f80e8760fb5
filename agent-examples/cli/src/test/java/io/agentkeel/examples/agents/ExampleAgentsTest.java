package io.agentkeel.examples.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Task;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.examples.demo.OfflineDemoModel;
import io.agentkeel.examples.documents.ClaimIntake;
import io.agentkeel.memory.standin.CountingMemoryExtension;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleAgentsTest {

  private static final OfflineDemoModel MODEL = new OfflineDemoModel();

  @TempDir Path dir;

  private ClassLoader pluginWithMemoryExtension() throws Exception {
    Path jar = dir.resolve("memory-stand-in.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/io.agentkeel.api.AgentExtension"));
      out.write(CountingMemoryExtension.class.getName().getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
  }

  private static AgentResult runOn(String agent, ClassLoader plugins, String input) {
    try (Agent built =
        ExampleAgents.build(agent, "offline-demo", MODEL, new InMemoryReviewQueue(), plugins, 1)) {
      return built.execute(
          Task.builder()
              .workflow(agent)
              .principal(ExampleAgents.principal(ExampleAgents.defaultScopes(agent)))
              .input(input)
              .attribute(ClaimIntake.DOCUMENT_ID, "D-1001")
              .build());
    }
  }

  @Test
  void eachAgentInstallsOnlyTheModulesItNeeds() throws Exception {
    ClassLoader plugins = pluginWithMemoryExtension();
    CountingMemoryExtension.EVENTS.set(0);
    AgentResult documents = runOn(ExampleAgents.DOCUMENTS, plugins, "Review expense claim D-1001.");
    assertThat(documents.completed()).as(documents.reason()).isTrue();
    assertThat(CountingMemoryExtension.EVENTS)
        .as("memory is not part of document review")
        .hasValue(0);

    AgentResult orders = runOn(ExampleAgents.ORDERS, plugins, "Where is my order O-10001?");
    assertThat(orders.completed()).as(orders.reason()).isTrue();
    assertThat(CountingMemoryExtension.EVENTS.get())
        .as("memory is part of order support")
        .isPositive();
  }

  @Test
  void theDocumentAgentSeesOnlyItsReviewToolAndRoutesByTheChecksScore() {
    ClassLoader app = getClass().getClassLoader();
    AgentResult clean = runOn(ExampleAgents.DOCUMENTS, app, "Review expense claim D-1001.");
    assertThat(clean.completed()).isTrue();
    AgentResult borderline = runOn(ExampleAgents.DOCUMENTS, app, "Review expense claim D-1002.");
    assertThat(borderline.outcome().describe()).startsWith("in review");
    AgentResult over = runOn(ExampleAgents.DOCUMENTS, app, "Review expense claim D-1003.");
    assertThat(over.outcome().describe()).startsWith("escalated");
    AgentResult orders = runOn(ExampleAgents.DOCUMENTS, app, "Where is my order O-10001?");
    assertThat(orders.completed()).as("no order tool is offered to document review").isFalse();
  }

  @Test
  void anUnknownAgentIsNamedWithTheOnesThereAre() {
    assertThatThrownBy(() -> ExampleAgents.checkName("billing"))
        .hasMessage("there is no agent 'billing'; the agents are orders, documents");
  }
}
