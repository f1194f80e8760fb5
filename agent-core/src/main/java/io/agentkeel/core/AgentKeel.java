package io.agentkeel.core;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import dev.langchain4j.model.chat.ChatModel;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.ExtensionBinder;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.Workflow;
import io.agentkeel.core.internal.ExtensionInstaller;
import io.agentkeel.tools.spi.AnnotatedTools;
import io.agentkeel.tools.spi.Tool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Builds an {@link Agent} for applications that never want to see Guice.
 *
 * <pre>{@code
 * Agent agent = AgentKeel.builder()
 *     .model("primary", openAiModel)
 *     .model("backup", ollamaModel)
 *     .tools(new OrderTools(orders))
 *     .workflow(Workflow.builder("refund").requires("order_id").build())
 *     .reviewQueue(new InMemoryReviewQueue())
 *     .build();
 * AgentResult result = agent.execute(task);
 * }</pre>
 *
 * <p><b>Time.</b> {@code execute}, {@code resume} and the future of {@code submit} return by the
 * workflow's deadline plus a grace of 500 ms, whatever a tool, model client or extension does: a
 * run still going 250 ms after its deadline is abandoned, and the outcome ({@code Failed INTERNAL})
 * and the audit say so, flagging a write or destructive call that may still complete. Every
 * deadline is measured on the {@linkplain Builder#clock agent's clock}; budgets too large to
 * represent mean no practical limit.
 */
public final class AgentKeel {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AgentKeel.class);

  private AgentKeel() {}

  /**
   * Starts an agent.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Agent}; not thread-safe. */
  public static final class Builder {
    private final AgentSettings.Builder settings = AgentSettings.builder();
    private final List<Tool<?, ?>> tools = new ArrayList<>();
    private final List<AgentExtension> extensions = new ArrayList<>();
    private boolean recoverOnStart;
    private final List<Consumer<ExtensionBinder>> registrations = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a model to the end of the fallback chain; the first one added is the primary.
     *
     * @param name its name in events
     * @param model the chat model
     * @return this builder
     */
    public Builder model(String name, ChatModel model) {
      settings.model(name, model);
      return this;
    }

    /**
     * Adds a tool.
     *
     * @param tool the tool
     * @return this builder
     * @throws NullPointerException if {@code tool} is null
     */
    public Builder tool(Tool<?, ?> tool) {
      tools.add(Objects.requireNonNull(tool, "tool(null): give the builder a tool"));
      return this;
    }

    /**
     * Adds the tools of objects whose methods carry {@code @AgentTool}.
     *
     * @param targets objects with annotated methods
     * @return this builder
     */
    public Builder tools(Object... targets) {
      tools.addAll(AnnotatedTools.of(targets));
      return this;
    }

    /**
     * Adds a workflow, replacing one of the same name (as {@link AgentSettings.Builder#workflow}
     * does), such as core's {@code default}.
     *
     * @param workflow the workflow
     * @return this builder
     */
    public Builder workflow(Workflow workflow) {
      settings.workflow(workflow);
      return this;
    }

    /**
     * Installs an extension explicitly.
     *
     * @param extension the extension
     * @return this builder
     * @throws NullPointerException if {@code extension} is null
     */
    public Builder extension(AgentExtension extension) {
      extensions.add(
          Objects.requireNonNull(extension, "extension(null): give the builder an extension"));
      return this;
    }

    /**
     * Adds an implementation of a many-valued extension point, such as an input guard.
     *
     * @param point the extension point
     * @param instance the implementation
     * @param <T> the point's type
     * @return this builder
     * @throws NullPointerException if {@code point} or {@code instance} is null, naming the point
     */
    public <T> Builder add(Class<T> point, T instance) {
      ExtensionInstaller.requireRegistration("", "add", point, instance);
      registrations.add(binder -> binder.add(point, instance));
      return this;
    }

    /**
     * Replaces core's default of a single-valued extension point, such as the rate limiter.
     *
     * @param point the extension point
     * @param instance the implementation
     * @param <T> the point's type
     * @return this builder
     * @throws NullPointerException if {@code point} or {@code instance} is null, naming the point
     */
    public <T> Builder use(Class<T> point, T instance) {
      ExtensionInstaller.requireRegistration("", "use", point, instance);
      registrations.add(binder -> binder.use(point, instance));
      return this;
    }

    /**
     * Sets the review queue; binding one is what lets a person confirm destructive tool calls.
     *
     * @param queue the queue
     * @return this builder
     */
    public Builder reviewQueue(ReviewQueue queue) {
      return use(ReviewQueue.class, queue);
    }

    /**
     * Sets the task journal, which lets tasks outlive the process: {@link
     * io.agentkeel.api.Agent#recover()} continues them from it.
     *
     * @param journal the journal; the application closes it
     * @return this builder
     */
    public Builder taskJournal(io.agentkeel.api.TaskJournal journal) {
      return use(io.agentkeel.api.TaskJournal.class, journal);
    }

    /**
     * Continues, once the agent is built, every task its journal holds without an outcome ({@link
     * io.agentkeel.api.Agent#recover()}), on a virtual thread named {@code agentkeel-recovery} so
     * that building does not wait for them. For a single instance that restarts after a crash; in a
     * cluster the distributed intake hands dead instances' tasks over one by one instead.
     *
     * @return this builder
     */
    public Builder recoverOnStart() {
      this.recoverOnStart = true;
      return this;
    }

    /**
     * Sets how many tasks run at once.
     *
     * @param concurrency a positive number
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      settings.concurrency(concurrency);
      return this;
    }

    /**
     * Sets how many recent turns of the task's session go into the model's context; 10 when not
     * set.
     *
     * @param turns zero or more
     * @return this builder
     */
    public Builder sessionTurns(int turns) {
      settings.sessionTurns(turns);
      return this;
    }

    /**
     * Sets how many long-term memories go into the model's context; 3 when not set.
     *
     * @param limit zero or more
     * @return this builder
     */
    public Builder recallLimit(int limit) {
      settings.recallLimit(limit);
      return this;
    }

    /**
     * Sets how queued tasks are ordered.
     *
     * @param scorer the scorer
     * @return this builder
     */
    public Builder taskScorer(TaskScorer scorer) {
      settings.taskScorer(scorer);
      return this;
    }

    /**
     * Sets where tool and extension plugins are looked for.
     *
     * @param classLoader the class loader
     * @return this builder
     */
    public Builder pluginClassLoader(ClassLoader classLoader) {
      settings.pluginClassLoader(classLoader);
      return this;
    }

    /**
     * Uses explicitly registered tools and extensions only.
     *
     * @return this builder
     */
    public Builder noPluginDiscovery() {
      settings.noPluginDiscovery();
      return this;
    }

    /**
     * Sets the time source of events and budgets.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      settings.clock(clock);
      return this;
    }

    /**
     * Sets one configuration value, such as {@code security.pii-style}; builder values win over
     * system properties ({@code agentkeel.<key>}), the environment ({@code AGENTKEEL_<KEY>}) and
     * {@linkplain #properties properties}. The key has no {@code agentkeel.} prefix, and core's own
     * settings (such as {@link #concurrency}) are builder methods, not keys: {@link #build} refuses
     * a key that is either, naming it.
     *
     * @param key the dotted key
     * @param value the value
     * @return this builder
     */
    public Builder setting(String key, String value) {
      settings.setting(key, value);
      return this;
    }

    /**
     * Sets configuration values, as {@link #setting} does for each.
     *
     * @param values dotted keys and their values
     * @return this builder
     */
    public Builder settings(Map<String, String> values) {
      settings.settings(values);
      return this;
    }

    /**
     * Adds configuration properties, such as a loaded file; lowest precedence.
     *
     * @param values the properties
     * @return this builder
     */
    public Builder properties(Properties values) {
      settings.properties(values);
      return this;
    }

    /**
     * Wires the agent. Every wiring mistake (no model, a duplicate tool name, two extensions
     * replacing the same default, an implementation that cannot be created) fails here.
     *
     * @return the agent
     * @throws IllegalArgumentException if a setting is invalid
     * @throws IllegalStateException if the agent cannot be wired, with every reason; each reason's
     *     exception is attached {@linkplain Throwable#getSuppressed() suppressed}, an extension's
     *     invalid setting as an {@code IllegalArgumentException}
     */
    public Agent build() {
      AgentSettings built = settings.build();
      List<AgentExtension> all = new ArrayList<>(extensions);
      if (!registrations.isEmpty()) {
        List<Consumer<ExtensionBinder>> own = List.copyOf(registrations);
        all.add(0, new BuilderRegistrations(own));
      }
      List<Tool<?, ?>> explicit = List.copyOf(tools);
      Agent agent;
      try {
        agent =
            Guice.createInjector(
                    Stage.PRODUCTION,
                    new AgentCoreModule(built, all),
                    new AbstractModule() {
                      @Override
                      protected void configure() {
                        explicit.forEach(
                            tool -> AgentCoreModule.tools(binder()).addBinding().toInstance(tool));
                      }
                    })
                .getInstance(Agent.class);
      } catch (CreationException e) {
        throw notWired(e.getErrorMessages(), e);
      } catch (ProvisionException e) {
        throw notWired(e.getErrorMessages(), e);
      }
      if (recoverOnStart) {
        Agent started = agent;
        Thread.ofVirtual()
            .name("agentkeel-recovery")
            .start(() -> {
              try {
                int continued = started.recover().size();
                LOG.info("task journal: {} task(s) continued at start-up", continued);
              } catch (IllegalStateException closed) {
                LOG.warn("task journal: recovery at start-up stopped: {}", closed.getMessage());
              }
            });
      }
      return agent;
    }

    /**
     * Every reason in one message; each reason's own exception (such as the {@code
     * IllegalArgumentException} of an invalid setting) is attached as a suppressed exception, so a
     * caller can tell a bad setting from a broken implementation without knowing Guice.
     */
    private static IllegalStateException notWired(
        Collection<Message> messages, RuntimeException guice) {
      IllegalStateException failure =
          new IllegalStateException(
              "the agent could not be wired: "
                  + messages.stream()
                      .map(Builder::describe)
                      .distinct() // one cause reported at each place that needed it
                      .collect(Collectors.joining("; ")),
              guice);
      Set<String> attached = new HashSet<>();
      messages.stream()
          .map(Message::getCause)
          .filter(Objects::nonNull)
          .filter(cause -> attached.add(cause.getClass().getName() + ": " + cause.getMessage()))
          .forEach(failure::addSuppressed);
      return failure;
    }

    private static String describe(Message message) {
      Throwable cause = message.getCause();
      return cause != null && cause.getMessage() != null
          ? cause.getMessage()
          : message.getMessage();
    }
  }

  /** What was registered on the builder, installed first, as one extension. */
  private record BuilderRegistrations(List<Consumer<ExtensionBinder>> registrations)
      implements AgentExtension {
    @Override
    public String name() {
      return "builder";
    }

    @Override
    public void configure(ExtensionBinder binder) {
      registrations.forEach(registration -> registration.accept(binder));
    }
  }
}
