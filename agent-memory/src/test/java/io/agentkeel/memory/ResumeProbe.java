package io.agentkeel.memory;

import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentResult;
import io.agentkeel.api.Outcome;
import io.agentkeel.api.Principal;
import io.agentkeel.api.ReviewDecision;
import io.agentkeel.api.Task;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.testkit.ModelScript;
import io.agentkeel.testkit.ScriptedChatModel;
import io.agentkeel.tools.spi.AgentTool;
import io.agentkeel.tools.spi.SideEffect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Run in a separate JVM by {@link RestartTest}, with an agent built by core on {@link
 * MemoryExtension}'s embedded stores under a data directory. {@code suspend DIR} runs a task whose
 * model asks for a destructive tool, so the task waits in the embedded review queue, and prints
 * {@code REVIEW <id>}; {@code resume DIR ID} builds a new agent on the same directory, approves the
 * review and runs the task on to its outcome, printing {@code OUTCOME <name>}. Both print {@code
 * RUNS <n>}, how often the destructive tool has run in any JVM (each run appends a line to a file).
 */
public final class ResumeProbe {

  private ResumeProbe() {}

  /** An account desk whose one tool is destructive; each run leaves a line in a file. */
  public static final class AccountDesk {
    private final Path runs;

    AccountDesk(Path runs) {
      this.runs = runs;
    }

    /** Which account. */
    public record AccountId(String accountId) {}

    @AgentTool(
        name = "close_account",
        description = "Closes a customer's account for good.",
        whenToUse = "When the customer asks to close their account.",
        scopes = "accounts:write",
        sideEffect = SideEffect.DESTRUCTIVE)
    public String close(AccountId id) {
      try {
        Files.writeString(
            runs,
            id.accountId() + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return "account " + id.accountId() + " closed";
    }
  }

  static Agent agent(Path dir, ModelScript script) {
    return AgentKeel.builder()
        .model("scripted", ScriptedChatModel.of(script))
        .tools(new AccountDesk(dir.resolve("close-account.runs")))
        .extension(new MemoryExtension())
        .setting("memory.data-dir", dir.toString())
        .setting("memory.tools", "false")
        .noPluginDiscovery()
        .build();
  }

  static long runs(Path dir) throws IOException {
    Path file = dir.resolve("close-account.runs");
    return Files.exists(file) ? Files.readAllLines(file).size() : 0;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[1]);
    if (args[0].equals("suspend")) {
      AgentResult result;
      try (Agent agent =
          agent(
              dir,
              ModelScript.builder()
                  .toolCall("close_account", "{\"account_id\":\"A-17\"}")
                  .build())) {
        result =
            agent.execute(
                Task.builder()
                    .id("close-A-17")
                    .input("Please close my account A-17.")
                    .principal(Principal.of("alice", "accounts:write"))
                    .build());
      }
      if (result.outcome() instanceof Outcome.InReview review) {
        System.out.println("REVIEW " + review.request().id());
      } else {
        System.out.println("NOT IN REVIEW " + result.outcome() + " " + result.reason());
      }
    } else {
      List<AgentResult> results;
      try (Agent agent =
          agent(
              dir,
              ModelScript.builder()
                  .answer("Your account A-17 is closed.", 0.95, "closed after approval")
                  .build())) {
        ReviewDecision approve = new ReviewDecision.Approve(args[2], "bob");
        // the second decision on the same review finds nothing waiting: a claim is exactly-once
        results = List.of(agent.resume(approve), agent.resume(approve));
      }
      for (AgentResult result : results) {
        System.out.println(
            "OUTCOME " + result.outcome().getClass().getSimpleName() + " " + result.answer());
      }
    }
    System.out.println("RUNS " + runs(dir));
  }
}
