package io.agentkeel.core.tool.internal;

import io.agentkeel.tools.spi.Param;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The checks of a {@link Param}'s bounds against its component's type, at registration. */
final class ParamBounds {
  private ParamBounds() {}

  /** The types whose values {@link Param#min()} and {@link Param#max()} bound. */
  private static final Set<Class<?>> NUMBERS =
      Set.of(
          byte.class,
          Byte.class,
          short.class,
          Short.class,
          int.class,
          Integer.class,
          long.class,
          Long.class,
          float.class,
          Float.class,
          double.class,
          Double.class,
          BigDecimal.class,
          BigInteger.class);

  /**
   * Refuses bounds of a {@link Param} that no value could meet, or that do not apply to the
   * component's type: the schema would leave them out (or carry a keyword that checks nothing, such
   * as a minimum on a string), so the tool would get values its author meant to refuse.
   */
  static void check(String where, Param param, Type type) {
    if (param == null) {
      return;
    }
    Class<?> raw = ValueBinders.rawType(type);
    boolean number = NUMBERS.contains(raw);
    boolean string = raw == String.class;
    boolean list = raw.isArray() || Collection.class.isAssignableFrom(raw);
    String kind = "its type is " + raw.getSimpleName();
    if ((param.min() != Long.MIN_VALUE || param.max() != Long.MAX_VALUE) && !number) {
      throw new IllegalArgumentException(
          "@Param(min, max) on "
              + where
              + " bound a number, but "
              + kind
              + (string || list
                  ? "; bound its length with minLength and maxLength instead"
                  : "; remove them, or check the value in the tool"));
    }
    if ((param.minLength() != 0 || param.maxLength() != Integer.MAX_VALUE) && !string && !list) {
      throw new IllegalArgumentException(
          "@Param(minLength, maxLength) on "
              + where
              + " bound the length of a string or the items of a list, but "
              + kind
              + (number ? "; bound its value with min and max instead" : "; remove them"));
    }
    if (!param.pattern().isEmpty() && !string) {
      throw new IllegalArgumentException(
          "@Param(pattern) on "
              + where
              + " applies to a string, but "
              + kind
              + (list
                  ? "; a pattern for each item needs items of a record type with a String"
                      + " component that carries it"
                  : "; remove it"));
    }
    if (!param.pattern().isEmpty()) {
      try {
        Pattern.compile(param.pattern());
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "@Param(pattern = \""
                + param.pattern()
                + "\") on "
                + where
                + " is not a regular expression: "
                + e.getDescription()
                + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "")
                + "; correct it (the schema's patterns are ECMA 262 regular expressions)");
      }
    }
    if (param.min() > param.max() || param.minLength() > param.maxLength()) {
      throw new IllegalArgumentException(
          "@Param on "
              + where
              + " allows no value: "
              + (param.min() > param.max()
                  ? "min " + param.min() + " is greater than max " + param.max()
                  : "minLength "
                      + param.minLength()
                      + " is greater than maxLength "
                      + param.maxLength())
              + "; swap or correct them");
    }
  }
}
