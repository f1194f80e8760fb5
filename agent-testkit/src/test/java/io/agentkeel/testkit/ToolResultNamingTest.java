package io.agentkeel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Principal;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.Param;
import io.agentkeel.tools.spi.SideEffect;
import io.agentkeel.tools.spi.ToolContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One naming convention in and out: a tool's result reaches the model in snake_case with lower-case
 * enum values, and a model that echoes those names into its next call is understood.
 */
class ToolResultNamingTest {

  enum TicketStatus {
    OPEN,
    IN_PROGRESS
  }

  /** A help-desk ticket as the tool returns it. */
  public record Ticket(String ticketId, TicketStatus status, String assignedTo) {}

  /** Arguments naming a ticket. */
  public record TicketRef(@Param("The ticket's id, such as T-7.") String ticketId) {}

  /** Arguments of an update. */
  public record UpdateTicket(
      @Param("The ticket's id, such as T-7.") String ticketId,
      @Param("The ticket's new status.") TicketStatus status) {}

  /** Help-desk tools that remember who changed what. */
  public static final class HelpDesk {
    final List<String> audit = new ArrayList<>();

    @AgentTool(
        name = "get_ticket",
        description = "Shows one help-desk ticket.",
        whenToUse = "When the user names a ticket.",
        scopes = "tickets:read",
        sideEffect = SideEffect.READ_ONLY)
    public Ticket get(TicketRef ref) {
      return new Ticket(ref.ticketId(), TicketStatus.IN_PROGRESS, "ana");
    }

    @AgentTool(
        name = "update_ticket",
        description = "Sets a help-desk ticket's status.",
        whenToUse = "When the user asks to change a ticket's status.",
        scopes = "tickets:write",
        sideEffect = SideEffect.WRITE)
    public Ticket update(UpdateTicket request, ToolContext context) {
      audit.add(request.ticketId() + " " + request.status() + " by " + context.principalId());
      return new Ticket(request.ticketId(), request.status(), "ana");
    }
  }

  @Test
  void theModelReadsSnakeCaseAndItsEchoIsAccepted() {
    HelpDesk desk = new HelpDesk();
    // The second call echoes the names and values of the first result, as a model would.
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ModelScript.builder()
                .toolCall("get_ticket", "{\"ticket_id\": \"T-7\"}")
                .toolCall("update_ticket", "{\"ticket_id\": \"T-7\", \"status\": \"open\"}")
                .answer("T-7 is open again.", 0.95, "reopened it")
                .build());
    try (Agent agent =
        AgentKeel.builder().model("scripted", model).tools(desk).noPluginDiscovery().build()) {
      AgentResult result =
          agent.execute(
              Task.builder()
                  .input("Reopen T-7")
                  .principal(Principal.of("desk-bot", "tickets:read", "tickets:write"))
                  .build());

      AgentAssertions.assertThat(result).isCompleted().calledTools("get_ticket", "update_ticket");
    }
    String firstResult = toolResults(model.requests().get(1).messages()).getFirst();
    // Core spotlights a tool result as data before the model reads it; the JSON inside is the
    // tool's result in the arguments' naming.
    assertThat(firstResult)
        .contains("\n{\"ticket_id\":\"T-7\",\"status\":\"in_progress\",\"assigned_to\":\"ana\"}\n")
        .doesNotContain("ticketId", "IN_PROGRESS");
    assertThat(desk.audit).containsExactly("T-7 OPEN by desk-bot");
  }

  private static List<String> toolResults(List<ChatMessage> messages) {
    return messages.stream()
        .filter(ToolExecutionResultMessage.class::isInstance)
        .map(m -> ((ToolExecutionResultMessage) m).text())
        .toList();
  }
}
