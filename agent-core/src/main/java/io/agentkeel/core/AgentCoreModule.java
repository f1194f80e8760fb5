package io.agentkeel.core;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.agentkeel.api.Agent;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.ConfidenceScorer;
import io.agentkeel.api.Configuration;
import io.agentkeel.api.ContextAssembler;
import io.agentkeel.api.InputGuard;
import io.agentkeel.api.ModelBoundary;
import io.agentkeel.api.ModelCallInterceptor;
import io.agentkeel.api.OutputFilter;
import io.agentkeel.api.OutputValidator;
import io.agentkeel.api.RateLimiter;
import io.agentkeel.api.ReviewQueue;
import io.agentkeel.api.ToolCallInterceptor;
import io.agentkeel.api.WriteBack;
import io.agentkeel.api.memory.LongTermMemory;
import io.agentkeel.api.memory.SessionMemory;
import io.agentkeel.api.memory.WorkingMemory;
import io.agentkeel.core.internal.DefaultAgent;
import io.agentkeel.core.internal.ExtensionInstaller;
import io.agentkeel.core.internal.PropertyConfiguration;
import io.agentkeel.core.internal.UnknownSettings;
import io.agentkeel.core.tool.ToolCatalog;
import io.agentkeel.core.tool.internal.ServiceDiscovery;
import io.agentkeel.tools.spi.Tool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Guice module of the agent, for applications that use Guice. It binds {@link Agent} and
 * demands a strict injector: explicit bindings only, {@code @Inject} constructors only, no circular
 * proxies, so a wiring mistake fails when the injector is created rather than at the first task.
 *
 * <p>Contribute tools with {@link #tools(Binder)} and guards, filters, validators, listeners and
 * audit sinks with the other Multibinder helpers; replace a default (rate limiter, confidence
 * scorer, memories) with {@link OptionalBinder#setBinding()}; bind a {@link ReviewQueue} to let a
 * person confirm destructive tool calls. {@link AgentExtension}s given here, and those found with
 * {@link ServiceLoader} when {@link AgentSettings#pluginClassLoader()} is set, are installed too.
 *
 * <p>Without any of that the agent still runs safely: no guards, no limits, bounded in-process
 * session memory, no-op listeners, scopes enforced, and destructive tools refused.
 */
public final class AgentCoreModule extends AbstractModule {
  private static final Logger LOG = LoggerFactory.getLogger(AgentCoreModule.class);

  private final AgentSettings settings;
  private final List<AgentExtension> extensions;

  /**
   * Creates the module.
   *
   * @param settings the agent's settings
   * @param extensions extensions to install explicitly, before any found on the class path
   */
  public AgentCoreModule(AgentSettings settings, AgentExtension... extensions) {
    this(settings, List.of(extensions));
  }

  /**
   * Creates the module.
   *
   * @param settings the agent's settings
   * @param extensions extensions to install explicitly, before any found on the class path
   */
  public AgentCoreModule(AgentSettings settings, List<AgentExtension> extensions) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.extensions = List.copyOf(extensions);
  }

  @Override
  protected void configure() {
    binder().requireExplicitBindings();
    binder().requireAtInjectOnConstructors();
    binder().disableCircularProxies();

    bind(AgentSettings.class).toInstance(settings);
    tools(binder());
    inputGuards(binder());
    outputFilters(binder());
    outputValidators(binder());
    eventListeners(binder());
    auditSinks(binder());
    Multibinder.newSetBinder(binder(), ModelCallInterceptor.class);
    Multibinder.newSetBinder(binder(), ToolCallInterceptor.class);
    Multibinder.newSetBinder(binder(), ModelBoundary.class);
    Multibinder.newSetBinder(binder(), WriteBack.class);
    bind(Configuration.class).toInstance(settings.configuration());
    OptionalBinder.newOptionalBinder(binder(), RateLimiter.class)
        .setDefault()
        .toInstance(RateLimiter.unlimited());
    OptionalBinder.newOptionalBinder(binder(), ContextAssembler.class);
    OptionalBinder.newOptionalBinder(binder(), ConfidenceScorer.class)
        .setDefault()
        .toInstance(new DefaultConfidenceScorer());
    OptionalBinder.newOptionalBinder(binder(), ReviewQueue.class);
    OptionalBinder.newOptionalBinder(binder(), SessionMemory.class)
        .setDefault()
        .toInstance(new InMemorySessionMemory());
    OptionalBinder.newOptionalBinder(binder(), WorkingMemory.class)
        .setDefault()
        .toInstance(new InMemoryWorkingMemory());
    OptionalBinder.newOptionalBinder(binder(), LongTermMemory.class);
    OptionalBinder.newOptionalBinder(binder(), io.agentkeel.api.TaskJournal.class)
        .setDefault()
        .toInstance(io.agentkeel.api.TaskJournal.none());

    ExtensionInstaller.install(binder(), allExtensions(), settings.configuration());

    bind(DefaultAgent.class).in(Singleton.class);
    bind(Agent.class).to(DefaultAgent.class);
  }

  @Provides
  @Singleton
  ToolCatalog toolCatalog(Set<Tool<?, ?>> tools) {
    ToolCatalog catalog = catalog(new ArrayList<>(tools));
    // The last of the settings are read here: every extension has read its own while this module
    // was configured, and the plugins have just made their tools.
    UnknownSettings.check(settings.configuration(), catalog.plugins());
    return catalog;
  }

  private ToolCatalog catalog(List<Tool<?, ?>> explicit) {
    if (settings.pluginClassLoader().isEmpty()) {
      return ToolCatalog.of(explicit.toArray(Tool<?, ?>[]::new));
    }
    // Each plugin gets its own settings, tools.<provider name>.*, from the agent's configuration.
    // Handed on, not read: whether a plugin's settings are known is for the plugin to say.
    Map<String, String> toolSettings = new TreeMap<>();
    Configuration configuration = settings.configuration();
    (configuration instanceof PropertyConfiguration properties
            ? properties.passOn("tools")
            : configuration.withPrefix("tools"))
        .forEach((key, value) -> toolSettings.put("tools." + key, value));
    return ToolCatalog.load(explicit, toolSettings, settings.pluginClassLoader().get());
  }

  private List<AgentExtension> allExtensions() {
    List<AgentExtension> all = new ArrayList<>(extensions);
    // One loader for tools and extensions: explicit registrations first, then ServiceLoader in a
    // deterministic order, each plugin logged once with its name, version and jar, and two
    // extensions with one name failing at start-up naming both jars.
    if (settings.pluginClassLoader().isPresent()) {
      Set<Class<?>> installed = new HashSet<>();
      extensions.forEach(e -> installed.add(e.getClass()));
      ServiceDiscovery<AgentExtension> discovery =
          new ServiceDiscovery<>(
              AgentExtension.class,
              "extension",
              AgentExtension::name,
              e -> ServiceDiscovery.implementationVersion(e.getClass()));
      for (ServiceDiscovery.Found<AgentExtension> found :
          discovery.discover(List.of(), settings.pluginClassLoader().get())) {
        if (installed.add(found.service().getClass())) {
          all.add(found.service());
        }
      }
    }
    return all;
  }

  /**
   * The set of tools the agent offers, besides those found by {@link java.util.ServiceLoader}.
   *
   * @param binder the binder of your module
   * @return the Multibinder to add tools to
   */
  public static Multibinder<Tool<?, ?>> tools(Binder binder) {
    return Multibinder.newSetBinder(binder, new TypeLiteral<Tool<?, ?>>() {});
  }

  /**
   * The input guards, run in binding order.
   *
   * @param binder the binder of your module
   * @return the Multibinder to add guards to
   */
  public static Multibinder<InputGuard> inputGuards(Binder binder) {
    return Multibinder.newSetBinder(binder, InputGuard.class);
  }

  /**
   * The output filters, run in binding order.
   *
   * @param binder the binder of your module
   * @return the Multibinder to add filters to
   */
  public static Multibinder<OutputFilter> outputFilters(Binder binder) {
    return Multibinder.newSetBinder(binder, OutputFilter.class);
  }

  /**
   * Validators that apply to every workflow's final answers.
   *
   * @param binder the binder of your module
   * @return the Multibinder to add validators to
   */
  public static Multibinder<OutputValidator> outputValidators(Binder binder) {
    return Multibinder.newSetBinder(binder, OutputValidator.class);
  }

  /**
   * The event listeners.
   *
   * @param binder the binder of your module
   * @return the Multibinder to add listeners to
   */
  public static Multibinder<AgentEventListener> eventListeners(Binder binder) {
    return Multibinder.newSetBinder(binder, AgentEventListener.class);
  }

  /**
   * The audit sinks.
   *
   * @param binder the binder of your module
   * @return the Multibinder to add sinks to
   */
  public static Multibinder<AuditSink> auditSinks(Binder binder) {
    return Multibinder.newSetBinder(binder, AuditSink.class);
  }
}
