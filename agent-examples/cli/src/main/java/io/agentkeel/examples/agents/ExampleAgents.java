package io.agentkeel.examples.agents;

import dev.langchain4j.model.chat.ChatModel;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.ConfidenceThresholds;
import io.agentkeel.api.Principal;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.AgentKeel;
import io.agentkeel.examples.documents.ClaimIntake;
import io.agentkeel.examples.documents.ClaimStore;
import io.agentkeel.examples.documents.ClaimTools;
import io.agentkeel.examples.internal.ExtensionsHidden;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The example agents by name.
 *
 * <ul>
 *   <li>{@value #ORDERS}: customer order support over the orders plugin ({@code
 *       search_customer_orders}, {@code get_order}, the write tool {@code refund_order} and the
 *       destructive {@code cancel_order}, which waits for a person's confirmation) and any plugin
 *       found in the plugin directory, such as the shipping plugin;
 *   <li>{@value #DOCUMENTS}: expense-claim review with {@code check_expense_claim}; an intake
 *       orders queued claims, and confidence routing sends borderline claims to a person.
 * </ul>
 */
public final class ExampleAgents {

  /** The customer order support agent. */
  public static final String ORDERS = "orders";

  /** The document review agent. */
  public static final String DOCUMENTS = "documents";

  /** The principal that tasks from the command line run as. */
  public static final String PRINCIPAL_ID = "cli-user";

  private ExampleAgents() {}

  /**
   * The agents' names.
   *
   * @return the names, in the order the demo uses them
   */
  public static List<String> names() {
    return List.of(ORDERS, DOCUMENTS);
  }

  /**
   * Checks an agent's name.
   *
   * @param name the name as given
   * @return the name, lower-cased
   * @throws IllegalArgumentException naming the agents there are
   */
  public static String checkName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!names().contains(lower)) {
      throw new IllegalArgumentException(
          "there is no agent '" + name + "'; the agents are " + String.join(", ", names()));
    }
    return lower;
  }

  /**
   * The scopes an agent's tasks are granted by default.
   *
   * @param name the agent
   * @return the scopes
   */
  public static List<String> defaultScopes(String name) {
    return switch (checkName(name)) {
      case ORDERS ->
          List.of("orders:read", "orders:write", "shipping:read", "memory:read", "memory:write");
      default -> List.of("documents:read");
    };
  }

  /**
   * The AgentKeel modules whose extensions an agent installs when they are on the class path: the
   * order desk remembers customers (memory), guards its input and output (security) and is measured
   * (observability); the document review keeps no memory between claims. Extensions from outside
   * AgentKeel are always installed.
   *
   * @param name the agent
   * @return module names, such as {@code memory}
   */
  public static Set<String> modules(String name) {
    return switch (checkName(name)) {
      case ORDERS -> Set.of("memory", "security", "observability");
      default -> Set.of("security", "observability");
    };
  }

  /**
   * The principal of a command-line task.
   *
   * @param scopes the scopes granted
   * @return the principal
   */
  public static Principal principal(List<String> scopes) {
    return Principal.of(PRINCIPAL_ID, scopes.toArray(String[]::new));
  }

  /**
   * The workflow of an agent; its name is the agent's name.
   *
   * @param name the agent
   * @return the workflow
   */
  public static Workflow workflow(String name) {
    return switch (checkName(name)) {
      case ORDERS ->
          Workflow.builder(ORDERS)
              .trigger("a customer's message about their orders")
              .instructions(
                  "You help customers with their orders. Look orders up before you answer;"
                      + " never cancel or refund an order the customer did not name.")
              .build();
      default ->
          Workflow.builder(DOCUMENTS)
              .trigger("an expense claim waiting to be reviewed")
              .instructions(
                  "You review expense claims against the expense policy. Check every claim with"
                      + " the tool; say whether to pay it and why.")
              .allowTools("check_expense_claim")
              .thresholds(new ConfidenceThresholds(0.85, 0.5))
              .build();
    };
  }

  /**
   * Builds an agent.
   *
   * @param name the agent
   * @param modelName the model's name in events
   * @param model the chat model
   * @param reviews the review queue, where destructive calls and borderline answers wait
   * @param plugins the class loader that tool plugins (and extensions) are found through
   * @param concurrency how many tasks run at once
   * @return the agent; close it when done
   */
  public static Agent build(
      String name,
      String modelName,
      ChatModel model,
      ReviewQueue reviews,
      ClassLoader plugins,
      int concurrency) {
    return build(name, modelName, model, reviews, plugins, concurrency, builder -> {});
  }

  /**
   * Builds an agent with further settings, such as an extension for one run.
   *
   * @param name the agent
   * @param modelName the model's name in events
   * @param model the chat model
   * @param reviews the review queue, where destructive calls and borderline answers wait
   * @param plugins the class loader that tool plugins (and extensions) are found through
   * @param concurrency how many tasks run at once
   * @param more further settings, applied last
   * @return the agent; close it when done
   */
  public static Agent build(
      String name,
      String modelName,
      ChatModel model,
      ReviewQueue reviews,
      ClassLoader plugins,
      int concurrency,
      java.util.function.Consumer<AgentKeel.Builder> more) {
    String agent = checkName(name);
    AgentKeel.Builder builder =
        AgentKeel.builder()
            .model(modelName, model)
            .workflow(workflow(agent))
            .reviewQueue(reviews)
            .pluginClassLoader(new ExtensionsHidden(plugins))
            .concurrency(concurrency)
            // The queue given here is the one reviews wait in; memory's own would be a second.
            .setting("memory.working.review-queue", "false");
    for (AgentExtension extension : ServiceLoader.load(AgentExtension.class, plugins)) {
      String type = extension.getClass().getName();
      boolean ours = type.startsWith("io.agentkeel.");
      if (!ours
          || modules(agent).stream().anyMatch(m -> type.startsWith("io.agentkeel." + m + "."))) {
        builder.extension(extension);
      }
    }
    if (agent.equals(DOCUMENTS)) {
      LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
      ClaimStore claims = ClaimStore.withSampleData(today);
      builder.tools(new ClaimTools(claims)).taskScorer(new ClaimIntake(claims, today));
    }
    more.accept(builder);
    return builder.build();
  }

  /**
   * The tools built into the examples rather than found as plugins, for listing.
   *
   * @return objects whose methods carry {@code @AgentTool}
   */
  public static List<Object> builtInTools() {
    return List.of(
        new ClaimTools(ClaimStore.withSampleData(LocalDate.now(java.time.ZoneOffset.UTC))));
  }
}
