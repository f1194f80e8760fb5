package io.agentkeel.tools.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one component of a tool's parameter record: what it means and which values are valid.
 * The description and bounds become part of the parameter's JSON schema, and arguments outside the
 * bounds are rejected before the tool runs. {@link #min()} and {@link #max()} bound numbers; {@link
 * #minLength()} and {@link #maxLength()} bound strings, lists and arrays; {@link #pattern()} bounds
 * strings. A bound on a component of another type, or bounds that no value meets (a min greater
 * than its max), are refused when the tool is registered, naming the component.
 *
 * <p>The argument's JSON name is the component name in snake_case ({@code customerId} becomes
 * {@code customer_id}) unless {@link #name()} says otherwise. A component is required unless it is
 * an {@link java.util.Optional} or has a {@link Default}. An optional number is an {@code
 * Optional<Integer>} (or {@code Optional<Long>}, {@code Optional<Double>}): {@code OptionalInt} and
 * its kin, and an Optional of an Optional, are refused at registration.
 *
 * <p>Plugins that depend on Jakarta Validation may use {@code @Size}, {@code @Min}, {@code @Max}
 * and {@code @Pattern} instead of the bounds here; both are honoured.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Param {

  /**
   * What the argument means, in terms the model can act on.
   *
   * @return the description
   */
  String value();

  /**
   * The argument's name in JSON; empty for the snake_case form of the component name.
   *
   * @return the JSON name, or empty
   */
  String name() default "";

  /**
   * The smallest allowed value of a number.
   *
   * @return the inclusive minimum; {@link Long#MIN_VALUE} for none
   */
  long min() default Long.MIN_VALUE;

  /**
   * The largest allowed value of a number.
   *
   * @return the inclusive maximum; {@link Long#MAX_VALUE} for none
   */
  long max() default Long.MAX_VALUE;

  /**
   * The shortest allowed string, or the fewest items of a list.
   *
   * @return the minimum length; {@code 0} for none
   */
  int minLength() default 0;

  /**
   * The longest allowed string, or the most items of a list.
   *
   * @return the maximum length; {@link Integer#MAX_VALUE} for none
   */
  int maxLength() default Integer.MAX_VALUE;

  /**
   * A regular expression (ECMA 262 subset) that a string must match.
   *
   * @return the pattern; empty for none
   */
  String pattern() default "";
}
