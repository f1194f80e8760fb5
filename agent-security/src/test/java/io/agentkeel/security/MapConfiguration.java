package io.agentkeel.security;

import io.agentkeel.api.Configuration;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A Configuration over a map, for tests of the extension without core. */
final class MapConfiguration implements Configuration {
  private final Map<String, String> values;

  MapConfiguration(Map<String, String> values) {
    this.values = new TreeMap<>(values);
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix + ".")) {
        out.put(k.substring(prefix.length() + 1), v);
      }
    });
    return out;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <T extends Record> T bind(String prefix, T defaults) {
    try {
      RecordComponent[] rc = defaults.getClass().getRecordComponents();
      Object[] args = new Object[rc.length];
      Class<?>[] types = new Class<?>[rc.length];
      for (int i = 0; i < rc.length; i++) {
        types[i] = rc[i].getType();
        args[i] = rc[i].getAccessor().invoke(defaults);
        String key = prefix + "." + rc[i].getName().replaceAll("([A-Z])", "-$1").toLowerCase();
        String v = values.get(key);
        if (v != null) {
          Class<?> t = types[i];
          args[i] =
              t == String.class
                  ? v
                  : t == int.class
                      ? Integer.parseInt(v)
                      : t == long.class
                          ? Long.parseLong(v)
                          : t == double.class
                              ? Double.parseDouble(v)
                              : t == boolean.class
                                  ? Boolean.parseBoolean(v)
                                  : t == Duration.class
                                      ? Duration.parse(v)
                                      : t.isEnum() ? Enum.valueOf((Class) t, v.toUpperCase()) : v;
        }
      }
      return (T) defaults.getClass().getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
