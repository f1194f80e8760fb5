package io.agentkeel.core.tool.internal;

import io.agentkeel.tools.spi.Param;
import java.lang.reflect.AnnotatedElement;
import java.util.Locale;

/** How Java names become JSON names in tool arguments. */
public final class Naming {

  private Naming() {}

  /**
   * The JSON name of a record component: {@link Param#name()} when set, else its snake_case form.
   *
   * @param element the component or its field, for its {@link Param} annotation
   * @param javaName the component name
   * @return the JSON name
   */
  public static String jsonName(AnnotatedElement element, String javaName) {
    Param param = element.getAnnotation(Param.class);
    if (param != null && !param.name().isBlank()) {
      return param.name();
    }
    return snakeCase(javaName);
  }

  /**
   * Turns a camelCase name into snake_case: {@code dateRangeDays} is {@code date_range_days} and
   * {@code orderID} is {@code order_id}.
   *
   * @param name a Java identifier
   * @return the snake_case form
   */
  public static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char before = name.charAt(i - 1);
        boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(before)
            || Character.isDigit(before)
            || (Character.isUpperCase(before) && nextIsLower)) {
          out.append('_');
        }
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  /**
   * The JSON form of an enum constant: its name in lower case ({@code IN_TRANSIT} is {@code
   * in_transit}).
   *
   * @param constant the constant
   * @return its JSON value
   */
  public static String enumValue(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
