package io.agentkeel.core.internal;

import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.PrivateModule;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import io.agentkeel.api.AgentEventListener;
import io.agentkeel.api.AgentExtension;
import io.agentkeel.api.AuditSink;
import io.agentkeel.api.ConfidenceScorer;
import io.agentkeel.api.Configuration;
import io.agentkeel.api.ContextAssembler;
import io.agentkeel.api.ExtensionBinder;
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
import io.agentkeel.tools.spi.Tool;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the Guice-free registrations of {@link AgentExtension}s into Guice bindings: instances go
 * straight into the Multibinder sets and OptionalBinder overrides; classes are created in one
 * {@link PrivateModule} per extension that exposes only the extension point, under a key unique to
 * the registration.
 */
public final class ExtensionInstaller {

  /** Extension points that take many implementations, all of which run. */
  public static final Set<Class<?>> MANY =
      Set.of(
          InputGuard.class,
          OutputFilter.class,
          OutputValidator.class,
          AgentEventListener.class,
          AuditSink.class,
          ModelCallInterceptor.class,
          ToolCallInterceptor.class,
          ModelBoundary.class,
          WriteBack.class);

  /** Extension points that take one implementation, replacing core's default. */
  public static final Set<Class<?>> ONE =
      Set.of(
          RateLimiter.class,
          ConfidenceScorer.class,
          ContextAssembler.class,
          ReviewQueue.class,
          io.agentkeel.api.TaskJournal.class,
          SessionMemory.class,
          WorkingMemory.class,
          LongTermMemory.class);

  private static String names(Set<Class<?>> points) {
    return points.stream().map(Class::getSimpleName).sorted().collect(Collectors.joining(", "));
  }

  private record Registration(
      String extension, Class<?> point, Class<?> type, Object instance, boolean many) {}

  /**
   * The order extensions are configured in: ascending {@link AgentExtension#order()}, then name.
   */
  public static final Comparator<AgentExtension> ORDER =
      Comparator.comparingInt(AgentExtension::order).thenComparing(AgentExtension::name);

  private ExtensionInstaller() {}

  /**
   * Records every extension's registrations, checks them, and binds them.
   *
   * @param binder the root module's binder
   * @param extensions the extensions; configured in {@link #ORDER}
   * @param configuration the agent's configuration, handed to every extension
   * @throws IllegalArgumentException if an extension registers against the wrong kind of point
   * @throws IllegalStateException if two extensions replace the same single-valued point
   */
  public static void install(
      Binder binder, List<AgentExtension> extensions, Configuration configuration) {
    List<Registration> all = new ArrayList<>();
    // By the configure call that registered each, so that one call registering a point twice is
    // told from two extensions (even of one name) that both replace it.
    Map<Class<?>, Recorder> singleOwners = new HashMap<>();
    List<AgentExtension> ordered = new ArrayList<>(extensions);
    ordered.sort(ORDER);
    // Discovery of extensions (ServiceLoader, logging name/version/jar, failing on a clash) is the
    // job of the one loader shared with tools, io.agentkeel.core.tool.internal.ServiceDiscovery,
    // called from AgentCoreModule; this class only installs what it is given.
    Multibinder<Tool<?, ?>> tools =
        Multibinder.newSetBinder(binder, new TypeLiteral<Tool<?, ?>>() {});
    for (AgentExtension extension : ordered) {
      Recorder recorder = new Recorder(extension.name(), configuration);
      extension.configure(recorder);
      recorder.tools.forEach(tool -> tools.addBinding().toInstance(tool));
      for (Registration registration : recorder.registrations) {
        if (!registration.many()) {
          Recorder previous = singleOwners.putIfAbsent(registration.point(), recorder);
          if (previous == recorder) {
            throw new IllegalStateException(
                "extension '"
                    + registration.extension()
                    + "' replaces "
                    + registration.point().getSimpleName()
                    + " twice; register one implementation of it"
                    + (registration.extension().equals("builder")
                        ? " (call use, reviewQueue or taskJournal of AgentKeel.builder() once for"
                            + " it)"
                        : ""));
          }
          if (previous != null) {
            throw new IllegalStateException(
                "extensions '"
                    + previous.extension
                    + "' and '"
                    + registration.extension()
                    + "' both replace "
                    + registration.point().getSimpleName()
                    + "; install only one of them");
          }
        }
      }
      all.addAll(recorder.registrations);
    }
    int index = 0;
    for (Registration registration : all) {
      bind(binder, registration, index++);
    }
  }

  /**
   * Checks one registration's arguments, so that a null fails where it is passed, naming the call
   * and the point, rather than later as an anonymous wiring error.
   *
   * @param who how the message starts, such as {@code "extension 'x' called "}
   * @param call {@code add} or {@code use}
   * @param point the extension point
   * @param implementation the class or instance registered
   * @param <V> its type
   * @return {@code implementation}
   * @throws NullPointerException naming the call and the point, if either is null
   */
  public static <V> V requireRegistration(
      String who, String call, Class<?> point, V implementation) {
    if (point == null) {
      throw new NullPointerException(
          who
              + call
              + "(null, ...): name the extension point, such as "
              + call
              + "(InputGuard.class, guard)");
    }
    if (implementation == null) {
      throw new NullPointerException(
          who
              + call
              + "("
              + point.getSimpleName()
              + ".class, null): the "
              + point.getSimpleName()
              + " to register is null; pass an implementation or leave the call out");
    }
    return implementation;
  }

  private static <T> void bind(Binder binder, Registration registration, int index) {
    @SuppressWarnings("unchecked")
    Class<T> point = (Class<T>) registration.point();
    if (registration.instance() != null) {
      T instance = point.cast(registration.instance());
      if (registration.many()) {
        Multibinder.newSetBinder(binder, point).addBinding().toInstance(instance);
      } else {
        OptionalBinder.newOptionalBinder(binder, point).setBinding().toInstance(instance);
      }
      return;
    }
    @SuppressWarnings("unchecked")
    Class<? extends T> type = (Class<? extends T>) registration.type();
    Key<T> key =
        Key.get(
            point, Names.named("agentkeel-extension:" + registration.extension() + "#" + index));
    binder.install(
        new PrivateModule() {
          @Override
          protected void configure() {
            bindImplementation(binder(), type);
            bind(key).to(type);
            expose(key);
          }
        });
    if (registration.many()) {
      Multibinder.newSetBinder(binder, point).addBinding().to(key);
    } else {
      OptionalBinder.newOptionalBinder(binder, point).setBinding().to(key);
    }
  }

  private static <U> void bindImplementation(Binder binder, Class<U> type) {
    if (hasInjectConstructor(type)) {
      binder.bind(type).in(Singleton.class);
    } else {
      binder.bind(type).toProvider(new NoArgumentProvider<>(type)).in(Singleton.class);
    }
  }

  private static boolean hasInjectConstructor(Class<?> type) {
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (constructor.isAnnotationPresent(jakarta.inject.Inject.class)
          || constructor.isAnnotationPresent(com.google.inject.Inject.class)) {
        return true;
      }
    }
    return false;
  }

  /** Creates a class through its public no-argument constructor. */
  private record NoArgumentProvider<T>(Class<T> type) implements jakarta.inject.Provider<T> {
    NoArgumentProvider {
      try {
        Constructor<T> constructor = type.getConstructor();
        if (!Modifier.isPublic(type.getModifiers())) {
          throw new NoSuchMethodException();
        }
        Objects.requireNonNull(constructor);
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(
            type.getName()
                + " needs a public constructor annotated with jakarta.inject.Inject, or a public"
                + " no-argument constructor, to be created by the agent");
      }
    }

    @Override
    public T get() {
      try {
        return type.getConstructor().newInstance();
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(
            "constructor of " + type.getName() + " failed", e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot create " + type.getName(), e);
      }
    }
  }

  /** Records one extension's registrations and checks each against the kind of its point. */
  private static final class Recorder implements ExtensionBinder {
    private final String extension;
    private final List<Registration> registrations = new ArrayList<>();
    private final List<Tool<?, ?>> tools = new ArrayList<>();
    private final Configuration configuration;

    Recorder(String extension, Configuration configuration) {
      this.extension = extension;
      this.configuration = configuration;
    }

    @Override
    public ExtensionBinder tool(Tool<?, ?> tool) {
      tools.add(
          Objects.requireNonNull(
              tool, () -> "extension '" + extension + "' called tool(null): give it a tool"));
      return this;
    }

    @Override
    public Configuration configuration() {
      return configuration;
    }

    @Override
    public <T> ExtensionBinder add(Class<T> point, Class<? extends T> implementation) {
      return record(point, required("add", point, implementation), null, true);
    }

    @Override
    public <T> ExtensionBinder add(Class<T> point, T instance) {
      return record(point, null, required("add", point, instance), true);
    }

    @Override
    public <T> ExtensionBinder use(Class<T> point, Class<? extends T> implementation) {
      return record(point, required("use", point, implementation), null, false);
    }

    @Override
    public <T> ExtensionBinder use(Class<T> point, T instance) {
      return record(point, null, required("use", point, instance), false);
    }

    private <V> V required(String call, Class<?> point, V implementation) {
      return requireRegistration(
          "extension '" + extension + "' called ", call, point, implementation);
    }

    private ExtensionBinder record(Class<?> point, Class<?> type, Object instance, boolean many) {
      if (!MANY.contains(point) && !ONE.contains(point)) {
        throw new IllegalArgumentException(
            "extension '"
                + extension
                + "' registered a "
                + point.getSimpleName()
                + ", which is not an extension point; add(...) one of "
                + names(MANY)
                + ", or use(...) one of "
                + names(ONE));
      }
      if (many && !MANY.contains(point)) {
        throw new IllegalArgumentException(
            "extension '"
                + extension
                + "' added a "
                + point.getSimpleName()
                + ", which takes one implementation: use use(...) instead of add(...)");
      }
      if (!many && !ONE.contains(point)) {
        throw new IllegalArgumentException(
            "extension '"
                + extension
                + "' used a "
                + point.getSimpleName()
                + ", which takes many implementations: use add(...) instead of use(...)");
      }
      registrations.add(new Registration(extension, point, type, instance, many));
      return this;
    }
  }
}
