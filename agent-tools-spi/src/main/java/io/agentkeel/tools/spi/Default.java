package io.agentkeel.tools.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a tool argument takes when the model leaves it out. An argument with a default is
 * optional. The value is written as it would appear in JSON without quotes: {@code "all"} for a
 * string or enum, {@code "30"} for a number, {@code "true"} for a boolean.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Default {

  /**
   * The default value, as text.
   *
   * @return the default
   */
  String value();
}
