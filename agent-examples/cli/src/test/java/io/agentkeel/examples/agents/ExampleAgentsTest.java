package io.agentkeel.examples.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Task;
import io.agentkeel.core.InMemoryReviewQueue;
import io.agentkeel.examples.demo.OfflineDemoModel;
import io.agentkeel.examples.documents.ClaimIntake;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleAgentsTest {

  private static final OfflineDemoModel MODEL = new OfflineDemoModel();

  @TempDir Path dir;

  /** Runs a task with the modules' embedded stores under {@code stores}. */
  private static AgentResult runOn(String agent, Path stores, String input) {
    try (Agent built =
        ExampleAgents.build(
            agent,
            "offline-demo",
            MODEL,
            new InMemoryReviewQueue(),
            ExampleAgentsTest.class.getClassLoader(),
            1,
            b ->
                b.setting("memory.data-dir", stores.resolve("memory").toString())
                    .setting("security.audit-file", stores.resolve("audit.log").toString()))) {
      return built.execute(
          Task.builder()
              .workflow(agent)
              .principal(ExampleAgents.principal(ExampleAgents.defaultScopes(agent)))
              .input(input)
              .attribute(ClaimIntake.DOCUMENT_ID, "D-1001")
              .build());
    }
  }

  private AgentResult runOn(String agent, String input) {
    return runOn(agent, dir, input);
  }

  @Test
  void eachAgentInstallsOnlyTheModulesItNeeds() {
    Path documentsStores = dir.resolve("documents");
    AgentResult documents =
        runOn(ExampleAgents.DOCUMENTS, documentsStores, "Review expense claim D-1001.");
    assertThat(documents.completed()).as(documents.reason()).isTrue();
    assertThat(documentsStores.resolve("memory"))
        .as("memory is not part of document review")
        .doesNotExist();
    assertThat(documentsStores.resolve("audit.log")).as("security is").isNotEmptyFile();

    Path ordersStores = dir.resolve("orders");
    AgentResult orders = runOn(ExampleAgents.ORDERS, ordersStores, "Where is my order O-10001?");
    assertThat(orders.completed()).as(orders.reason()).isTrue();
    assertThat(ordersStores.resolve("memory").resolve("working"))
        .as("memory is part of order support")
        .isDirectory();
    assertThat(ordersStores.resolve("audit.log")).isNotEmptyFile();
  }

  @Test
  void theDocumentAgentSeesOnlyItsReviewToolAndRoutesByTheChecksScore() {
    AgentResult clean = runOn(ExampleAgents.DOCUMENTS, "Review expense claim D-1001.");
    assertThat(clean.completed()).isTrue();
    AgentResult borderline = runOn(ExampleAgents.DOCUMENTS, "Review expense claim D-1002.");
    assertThat(borderline.outcome().describe()).startsWith("in review");
    AgentResult over = runOn(ExampleAgents.DOCUMENTS, "Review expense claim D-1003.");
    assertThat(over.outcome().describe()).startsWith("escalated");
    AgentResult orders = runOn(ExampleAgents.DOCUMENTS, "Where is my order O-10001?");
    assertThat(orders.completed()).as("no order tool is offered to document review").isFalse();
  }

  @Test
  void anUnknownAgentIsNamedWithTheOnesThereAre() {
    assertThatThrownBy(() -> ExampleAgents.checkName("billing"))
        .hasMessage("there is no agent 'billing'; the agents are orders, documents");
  }
}
