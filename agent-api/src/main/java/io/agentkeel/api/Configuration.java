package io.agentkeel.api;

import java.util.Map;
import java.util.Optional;

/**
 * The agent's typed configuration, as extensions and plugins read it: flat settings with dotted
 * keys such as {@code security.pii-style}, gathered from the builder, system properties, the
 * environment ({@code AGENTKEEL_SECURITY_PII_STYLE}) and properties files, in that order of
 * precedence.
 */
@Experimental
public interface Configuration {

  /**
   * One setting.
   *
   * @param key the dotted key
   * @return its value, if set
   */
  Optional<String> get(String key);

  /**
   * Every setting under a prefix, with the prefix and its dot removed.
   *
   * @param prefix such as {@code security}
   * @return the settings; empty when there are none
   */
  Map<String, String> withPrefix(String prefix);

  /**
   * Binds the settings under a prefix to a record: each component {@code fooBar} is read from
   * {@code prefix.foo-bar} (or {@code prefix.foo_bar}), and a component without a setting keeps its
   * value in {@code defaults}. Numbers, booleans, enums (any case) and durations ({@code PT5S} or
   * {@code 5s}) are converted.
   *
   * @param prefix such as {@code security.rate-limit}
   * @param defaults the record with every default value
   * @param <T> the record type
   * @return the bound record
   * @throws IllegalArgumentException naming the key, its value and the expected type, if a value
   *     cannot be converted
   */
  <T extends Record> T bind(String prefix, T defaults);
}
