package io.agentkeel.core.tool.internal;

import static java.util.stream.Collectors.joining;

import io.agentkeel.tools.spi.ArgumentViolation;
import io.agentkeel.tools.spi.Default;
import io.agentkeel.tools.spi.Param;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Binds a JSON object to a record through its canonical constructor, filling defaults and empty
 * optionals, and renders a record back as JSON with sorted keys. Immutable and thread-safe.
 */
public final class RecordBinder implements ValueBinder {

  private static final ClassValue<RecordBinder> CACHE =
      new ClassValue<>() {
        @Override
        protected RecordBinder computeValue(Class<?> type) {
          return new RecordBinder(type.asSubclass(Record.class), Map.of());
        }
      };

  /** One record component as the binder sees it. */
  private record Component(
      String javaName,
      String jsonName,
      RecordComponent reflected,
      java.lang.reflect.Method accessor,
      boolean optional,
      ValueBinder binder,
      JsonNode defaultJson,
      Object defaultValue) {

    boolean required() {
      return !optional && defaultJson == null;
    }
  }

  private final Class<? extends Record> type;
  private final Constructor<? extends Record> constructor;
  private final Component[] components;
  private final Component[] sorted;
  private final Map<String, Component> byJsonName = new LinkedHashMap<>();

  /** The records whose binders this thread is making, by type name, to refuse a cycle. */
  private static final ThreadLocal<Set<String>> IN_PROGRESS = ThreadLocal.withInitial(HashSet::new);

  private RecordBinder(Class<? extends Record> type, Map<TypeVariable<?>, Type> typeArguments) {
    String key = typeArguments.isEmpty() ? type.getTypeName() : typeName(type, typeArguments);
    IN_PROGRESS.get().add(key);
    try {
      this.type = type;
      RecordComponent[] reflected = type.getRecordComponents();
      Class<?>[] types =
          Arrays.stream(reflected).map(RecordComponent::getType).toArray(Class<?>[]::new);
      try {
        this.constructor = type.getDeclaredConstructor(types);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(
            "record " + type.getName() + " has no canonical constructor", e);
      }
      if (!constructor.canAccess(null)) {
        constructor.setAccessible(true);
      }
      this.components = new Component[reflected.length];
      for (int i = 0; i < reflected.length; i++) {
        components[i] = component(type, reflected[i], typeArguments);
        Component previous = byJsonName.put(components[i].jsonName(), components[i]);
        if (previous != null) {
          throw new IllegalArgumentException(
              "components '"
                  + previous.javaName()
                  + "' and '"
                  + components[i].javaName()
                  + "' of "
                  + type.getName()
                  + " both have the JSON name '"
                  + components[i].jsonName()
                  + "'; give one another name with @Param(name = ...)");
        }
      }
      this.sorted = components.clone();
      Arrays.sort(sorted, Comparator.comparing(Component::jsonName));
    } finally {
      IN_PROGRESS.get().remove(key);
    }
  }

  private static String typeName(Class<?> type, Map<TypeVariable<?>, Type> typeArguments) {
    List<Type> arguments = Arrays.stream(type.getTypeParameters()).map(typeArguments::get).toList();
    return new Parameterized(type, arguments, type.getDeclaringClass()).getTypeName();
  }

  /**
   * The binder of a record type, made once per type.
   *
   * @param type the record
   * @return its binder
   * @throws IllegalArgumentException if a component cannot be bound or a default is malformed
   */
  public static RecordBinder of(Class<? extends Record> type) {
    return CACHE.get(type);
  }

  /**
   * The binder of a record as a component declares it: a plain record, or a generic record with
   * concrete type arguments ({@code Pair<String>}), whose components then take those types.
   *
   * @param type the component's (unwrapped) type, whose raw class is a record
   * @param where the component, as {@code Record.component}, for errors
   * @return its binder; made anew for a generic record
   * @throws IllegalArgumentException if a generic record is used without type arguments, naming
   *     {@code where} and the fix
   */
  static RecordBinder of(Type type, String where) {
    Class<? extends Record> raw = ValueBinders.rawType(type).asSubclass(Record.class);
    if (IN_PROGRESS.get().contains(type.getTypeName())) {
      throw new IllegalArgumentException(
          where
              + " holds record "
              + raw.getName()
              + " inside itself, so its arguments could nest without end; give each level a"
              + " record of its own");
    }
    TypeVariable<?>[] variables = raw.getTypeParameters();
    if (variables.length == 0) {
      return of(raw);
    }
    if (!(type instanceof ParameterizedType parameterized)) {
      throw new IllegalArgumentException(
          where
              + " has type "
              + raw.getName()
              + ", a generic record without type arguments; give them, as in "
              + raw.getSimpleName()
              + "<String>");
    }
    Map<TypeVariable<?>, Type> arguments = new HashMap<>();
    Type[] actual = parameterized.getActualTypeArguments();
    for (int i = 0; i < variables.length; i++) {
      arguments.put(variables[i], actual[i]);
    }
    return new RecordBinder(raw, arguments);
  }

  /** A component's type with the record's type variables replaced by their arguments. */
  private static Type resolve(Type type, Map<TypeVariable<?>, Type> arguments) {
    if (type instanceof TypeVariable<?> variable) {
      return arguments.getOrDefault(variable, variable);
    }
    if (type instanceof ParameterizedType parameterized && !arguments.isEmpty()) {
      List<Type> resolved =
          Arrays.stream(parameterized.getActualTypeArguments())
              .map(argument -> resolve(argument, arguments))
              .toList();
      return new Parameterized(
          (Class<?>) parameterized.getRawType(), resolved, parameterized.getOwnerType());
    }
    return type;
  }

  /** Whether a type still holds a type variable or a wildcard, which no schema can describe. */
  private static boolean isOpen(Type type) {
    if (type instanceof ParameterizedType parameterized) {
      return Arrays.stream(parameterized.getActualTypeArguments()).anyMatch(RecordBinder::isOpen);
    }
    return !(type instanceof Class<?>);
  }

  /** A parameterized type made by {@link #resolve}, readable by Jackson as any other. */
  private record Parameterized(Class<?> raw, List<Type> arguments, Type owner)
      implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return arguments.toArray(Type[]::new);
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return owner;
    }

    @Override
    public String getTypeName() {
      return raw.getTypeName()
          + arguments.stream().map(Type::getTypeName).collect(joining(", ", "<", ">"));
    }
  }

  /**
   * OptionalInt and its kin: victools describes them as a required object of {@code is_present} and
   * {@code value}, which is not what the author meant; the boxed type inside an Optional is.
   */
  private static final Map<Class<?>, String> PRIMITIVE_OPTIONALS =
      Map.of(
          OptionalInt.class, "Integer", OptionalLong.class, "Long", OptionalDouble.class, "Double");

  /**
   * A type as its author wrote it: {@code Optional<String>}, not {@code java.util.Optional<...>}.
   */
  private static String withoutPackages(Type type) {
    return type.getTypeName().replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
  }

  private static Component component(
      Class<?> owner, RecordComponent reflected, Map<TypeVariable<?>, Type> typeArguments) {
    String javaName = reflected.getName();
    String jsonName = Naming.jsonName(reflected, javaName);
    Type generic = resolve(reflected.getGenericType(), typeArguments);
    String boxed = PRIMITIVE_OPTIONALS.get(reflected.getType());
    if (boxed != null) {
      throw new IllegalArgumentException(
          owner.getName()
              + "."
              + javaName
              + " is an "
              + reflected.getType().getSimpleName()
              + ", which the schema cannot make optional; declare it Optional<"
              + boxed
              + ">");
    }
    boolean optional = reflected.getType() == Optional.class;
    if (optional) {
      if (!(generic instanceof ParameterizedType parameterized)) {
        throw new IllegalArgumentException(
            owner.getName() + "." + javaName + " is a raw Optional; say what it holds");
      }
      generic = parameterized.getActualTypeArguments()[0];
      if (generic instanceof ParameterizedType inner && inner.getRawType() == Optional.class) {
        throw new IllegalArgumentException(
            owner.getName()
                + "."
                + javaName
                + " is an Optional of an Optional, which the schema cannot make optional twice;"
                + " declare it "
                + withoutPackages(inner));
      }
    }
    if (isOpen(generic)) {
      throw new IllegalArgumentException(
          owner.getName()
              + "."
              + javaName
              + " has type "
              + withoutPackages(generic)
              + ", a type variable; a parameter record cannot be generic itself, but its"
              + " components may be generic records with concrete type arguments, as in "
              + owner.getSimpleName()
              + "<String>");
    }
    ParamBounds.check(
        owner.getName() + "." + javaName, reflected.getAnnotation(Param.class), generic);
    ValueBinder binder = ValueBinders.forType(generic, owner.getName() + "." + javaName);
    Default annotation = reflected.getAnnotation(Default.class);
    JsonNode defaultJson = null;
    Object defaultValue = null;
    if (annotation != null) {
      defaultJson = defaultJson(owner, javaName, ValueBinders.rawType(generic), annotation.value());
      List<ArgumentViolation> problems = new ArrayList<>();
      defaultValue = binder.bind(defaultJson, "$." + jsonName, problems);
      if (defaultValue == null) {
        throw new IllegalArgumentException(
            "@Default(\""
                + annotation.value()
                + "\") on "
                + owner.getName()
                + "."
                + javaName
                + " is not a valid value: expected "
                + (problems.isEmpty() ? "a value" : problems.get(0).expected()));
      }
      if (optional) {
        defaultValue = Optional.of(defaultValue);
      }
    }
    java.lang.reflect.Method accessor = reflected.getAccessor();
    accessor.trySetAccessible();
    return new Component(
        javaName, jsonName, reflected, accessor, optional, binder, defaultJson, defaultValue);
  }

  /**
   * Parses the text of a {@link Default} as the JSON value it stands for.
   *
   * @param owner the record, for errors
   * @param javaName the component, for errors
   * @param raw the component's (unwrapped) class
   * @param text the default's text
   * @return the JSON value
   */
  static JsonNode defaultJson(Class<?> owner, String javaName, Class<?> raw, String text) {
    if (raw == String.class || raw == Character.class || raw == char.class) {
      return JsonNodeFactory.instance.stringNode(text);
    }
    if (raw.isEnum()) {
      return JsonNodeFactory.instance.stringNode(text.toLowerCase(java.util.Locale.ROOT));
    }
    try {
      JsonNode node = Json.ARGUMENTS.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("empty");
      }
      return node;
    } catch (JacksonException | IllegalArgumentException e) {
      // A bare word for a non-string type, such as a date: let the binder judge it as a string.
      return JsonNodeFactory.instance.stringNode(text);
    }
  }

  /**
   * The record type bound.
   *
   * @return the record class
   */
  public Class<? extends Record> type() {
    return type;
  }

  /**
   * The JSON names of the components that may be left out (optional or with a default).
   *
   * @return the names, in declaration order
   */
  public List<String> omittableNames() {
    return Arrays.stream(components).filter(c -> !c.required()).map(Component::jsonName).toList();
  }

  /**
   * The JSON default of a component, if it has one.
   *
   * @param jsonName the component's JSON name
   * @return the default as JSON
   */
  public Optional<JsonNode> defaultFor(String jsonName) {
    Component component = byJsonName.get(jsonName);
    return component == null ? Optional.empty() : Optional.ofNullable(component.defaultJson());
  }

  @Override
  public Object bind(JsonNode node, String path, List<ArgumentViolation> violations) {
    if (!node.isObject()) {
      violations.add(new ArgumentViolation(path, "an object", Json.brief(node)));
      return null;
    }
    for (String name : node.propertyNames()) {
      if (!byJsonName.containsKey(name)) {
        violations.add(
            new ArgumentViolation(
                path + "." + name,
                "no argument of this name (known: " + String.join(", ", byJsonName.keySet()) + ")",
                Json.brief(node.get(name))));
      }
    }
    Object[] arguments = new Object[components.length];
    boolean ok = violations.isEmpty();
    for (int i = 0; i < components.length; i++) {
      Component component = components[i];
      JsonNode value = node.get(component.jsonName());
      if (value == null || value.isNull()) {
        if (component.defaultJson() != null) {
          arguments[i] = component.defaultValue();
        } else if (component.optional()) {
          arguments[i] = Optional.empty();
        } else {
          violations.add(
              new ArgumentViolation(path + "." + component.jsonName(), "a value", "nothing"));
          ok = false;
        }
        continue;
      }
      Object bound = component.binder().bind(value, path + "." + component.jsonName(), violations);
      if (bound == null) {
        ok = false;
      } else {
        arguments[i] = component.optional() ? Optional.of(bound) : bound;
      }
    }
    if (!ok) {
      return null;
    }
    try {
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      violations.add(
          new ArgumentViolation(
              path,
              "arguments that " + type.getSimpleName() + " accepts",
              cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  @Override
  public ObjectNode toJson(Object value) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    for (Component component : sorted) {
      Object componentValue;
      try {
        componentValue = component.accessor().invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component.reflected(), e);
      }
      if (componentValue instanceof Optional<?> optional) {
        if (optional.isEmpty()) {
          continue;
        }
        componentValue = optional.get();
      }
      if (componentValue != null) {
        node.set(component.jsonName(), component.binder().toJson(componentValue));
      }
    }
    return node;
  }
}
