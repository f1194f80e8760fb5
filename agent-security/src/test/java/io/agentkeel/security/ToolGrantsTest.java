package io.agentkeel.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEvent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.api.ToolFailureKind;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.SideEffect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grants per principal from configuration ({@code security.grants.<principal>}): the narrowing
 * rules, and, through a real agent, that a principal not granted a scope cannot call a tool needing
 * it, that the model reads the refusal, and that the audit log records it.
 */
class ToolGrantsTest {
  @TempDir Path dir;

  /** An order desk: a read and a write tool. */
  public static final class OrderDesk {
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicInteger cancellations = new AtomicInteger();

    /** Which order. */
    public record OrderId(String orderId) {}

    @AgentTool(
        name = "lookup_order",
        description = "Looks an order up.",
        whenToUse = "When the user asks about an order.",
        scopes = "orders:read",
        sideEffect = SideEffect.READ_ONLY)
    public String lookup(OrderId id) {
      lookups.incrementAndGet();
      return "order " + id.orderId() + " is shipped";
    }

    @AgentTool(
        name = "cancel_order",
        description = "Cancels an order.",
        whenToUse = "When the user asks to cancel an order.",
        scopes = "orders:write",
        sideEffect = SideEffect.WRITE)
    public String cancel(OrderId id) {
      cancellations.incrementAndGet();
      return "order " + id.orderId() + " cancelled";
    }
  }

  private static final ToolGrants GRANTS =
      ToolGrants.from(
          new MapConfiguration(
              Map.of(
                  "security.grants.support-bot", "orders:read, kb:*",
                  "security.grants.admin", "orders:*")));

  @Test
  void aPrincipalKeepsOnlyWhatBothTheApplicationAndTheDeploymentGrant() {
    assertThat(GRANTS.restricts()).isTrue();
    assertThat(
            GRANTS
                .narrow(Principal.of("support-bot", "orders:read", "orders:write", "kb:read"))
                .grantedScopes())
        .containsExactly("kb:read", "orders:read");
    // a wildcard held by the principal is cut down to what the deployment grants, and back
    assertThat(GRANTS.narrow(Principal.of("support-bot", "orders:*")).grantedScopes())
        .containsExactly("orders:read");
    assertThat(GRANTS.narrow(Principal.of("admin", "orders:refund")).grantedScopes())
        .containsExactly("orders:refund");
    assertThat(GRANTS.narrow(Principal.of("admin", "orders:*", "billing:read")).grantedScopes())
        .containsExactly("orders:*");
    // least privilege: a principal the deployment does not list may use nothing
    assertThat(GRANTS.narrow(Principal.of("intern", "orders:read")).grantedScopes()).isEmpty();
    Principal within = Principal.of("support-bot", "orders:read");
    assertThat(GRANTS.narrow(within)).isSameAs(within);
    assertThat(GRANTS.excess(within)).isEmpty();
    assertThat(GRANTS.excess(Principal.of("support-bot", "orders:read", "orders:write")))
        .hasValueSatisfying(m ->
            assertThat(m)
                .contains("principal 'support-bot' holds orders:write")
                .contains("security.grants.support-bot = [kb:*, orders:read]"));
    assertThat(GRANTS.excess(Principal.of("intern", "orders:read")))
        .hasValueSatisfying(m -> assertThat(m).contains("no security.grants.intern setting"));
  }

  @Test
  void withoutGrantsConfiguredPrincipalsKeepTheirOwn() {
    ToolGrants none = ToolGrants.from(new MapConfiguration(Map.of("security.audit", "none")));
    Principal p = Principal.of("anyone", "orders:*");
    assertThat(none.restricts()).isFalse();
    assertThat(none.narrow(p)).isSameAs(p);
    assertThat(none.excess(p)).isEmpty();
  }

  @Test
  void aMalformedGrantFailsStartUpNamingTheSetting() {
    assertThatThrownBy(() ->
            new SecurityExtension()
                .configure(
                    new SecurityExtensionTest.RecordingBinder(
                        new MapConfiguration(
                            Map.of(
                                "security.audit", "none",
                                "security.grants.support-bot", "orders:read,orders")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("security.grants.support-bot = 'orders:read,orders'")
        .hasMessageContaining("'orders'");
  }

  private Agent agent(ScriptedChatModel model, OrderDesk desk, Path audit) {
    return AgentKeel.builder()
        .model("scripted", model)
        .tools(desk)
        .extension(new SecurityExtension())
        .setting("security.grants.support-bot", "orders:read")
        .setting("security.audit-file", audit.toString())
        .noPluginDiscovery()
        .build();
  }

  private static Task cancel(Principal principal) {
    return Task.builder().input("Please cancel order 42.").principal(principal).build();
  }

  @Test
  void aNarrowedPrincipalCannotCallAToolItWasNotGrantedAndTheModelReadsWhy() throws Exception {
    Path audit = dir.resolve("audit.log");
    OrderDesk desk = new OrderDesk();
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ModelScript.builder()
                .toolCall("cancel_order", "{\"order_id\":\"42\"}")
                .answer("I cannot cancel orders; please ask a supervisor.", 0.95, "not granted")
                .build());
    AgentResult result;
    try (Agent agent = GRANTS.narrowing(agent(model, desk, audit))) {
      // the application grants both scopes; the deployment grants support-bot reading only
      result = agent.execute(cancel(Principal.of("support-bot", "orders:read", "orders:write")));
    }
    assertThat(desk.cancellations).hasValue(0);
    assertThat(result.outcome()).isInstanceOf(Outcome.Completed.class);
    assertThat(model.offeredToolNames(0)).containsExactly("lookup_order");
    assertThat(result.trace())
        .anySatisfy(e -> {
          assertThat(e).isInstanceOf(AgentEvent.ToolFailed.class);
          AgentEvent.ToolFailed failed = (AgentEvent.ToolFailed) e;
          assertThat(failed.tool()).isEqualTo("cancel_order");
          assertThat(failed.kind()).isEqualTo(ToolFailureKind.NOT_PERMITTED);
        });
    List<ChatMessage> secondRequest = model.requests().get(1).messages();
    assertThat(secondRequest)
        .filteredOn(ToolExecutionResultMessage.class::isInstance)
        .singleElement()
        .satisfies(m ->
            assertThat(((ToolExecutionResultMessage) m).text())
                .contains("no tool named 'cancel_order' available to you")
                .contains("lookup_order"));
    String auditText = Files.readString(audit);
    assertThat(auditText).contains("failed:NOT_PERMITTED").contains("cancel_order");
    List<AuditEntry> entries;
    try (FileAuditLog log =
        new FileAuditLog(
            audit,
            FsyncPolicy.INTENTS,
            new PiiRedactor(PiiDetector.defaults(), RedactionStyle.PLACEHOLDER),
            AuditFailurePolicy.defaults())) {
      entries = log.entries();
    }
    assertThat(AccessReview.of(entries).rows())
        .anySatisfy(row -> {
          assertThat(row.principal()).isEqualTo("support-bot");
          assertThat(row.tool()).isEqualTo("cancel_order");
          assertThat(row.denials()).isEqualTo(1);
          assertThat(row.calls()).isZero();
        });
    assertThat(FileAuditLog.verify(audit).intact()).isTrue();
  }

  @Test
  void aTaskWhosePrincipalHoldsMoreThanConfiguredIsRefusedBeforeTheModelIsCalled()
      throws Exception {
    Path audit = dir.resolve("audit.log");
    OrderDesk desk = new OrderDesk();
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ModelScript.builder()
                .toolCall("cancel_order", "{\"order_id\":\"42\"}")
                .answer("Cancelled.", 0.95, "cancelled")
                .build());
    AgentResult result;
    try (Agent agent = agent(model, desk, audit)) {
      result = agent.execute(cancel(Principal.of("support-bot", "orders:read", "orders:write")));
    }
    assertThat(result.outcome())
        .isInstanceOfSatisfying(
            Outcome.Refused.class,
            refused -> {
              assertThat(refused.guard()).isEqualTo("agentkeel-grants");
              assertThat(refused.reason())
                  .contains("principal 'support-bot' holds orders:write")
                  .contains("ToolGrants.narrow");
            });
    assertThat(model.requests()).isEmpty();
    assertThat(desk.cancellations).hasValue(0);
    assertThat(Files.readString(audit)).contains("denied:").contains("agentkeel-grants");
  }

  @Test
  void aPrincipalWithinItsGrantsUsesWhatItWasGranted() throws Exception {
    Path audit = dir.resolve("audit.log");
    OrderDesk desk = new OrderDesk();
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ModelScript.builder()
                .toolCall("lookup_order", "{\"order_id\":\"42\"}")
                .answer("Order 42 is shipped.", 0.95, "looked it up")
                .build());
    AgentResult result;
    try (Agent agent = GRANTS.narrowing(agent(model, desk, audit))) {
      result = agent.execute(cancel(Principal.of("support-bot", "orders:read", "orders:write")));
    }
    assertThat(result.outcome()).isInstanceOf(Outcome.Completed.class);
    assertThat(desk.lookups).as(result.trace().toString()).hasValue(1);
  }
}
