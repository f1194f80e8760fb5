package io.agentkeel.observability.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.io.CharTypes;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON for the decision log and the report, over Jackson's streaming core: {@link ObjectWriter}
 * lays out the decision log's flat lines (field names are this module's constants; every string
 * value is escaped by Jackson's encoder), so that a run's repeated fields can be kept as ready text
 * and spliced in (see {@code LineHeads}); {@link #parse} reads a line back with Jackson's parser.
 */
public final class Json {

  /** Deeper nesting is refused: a hostile line must not exhaust the stack. */
  static final int MAX_DEPTH = 64;

  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

  // The ASCII characters Jackson's encoder escapes (non-zero entries).
  private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes();

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build();

  private Json() {}

  /** Builds one JSON object, field by field, in insertion order. */
  public static final class ObjectWriter {
    private final StringBuilder out;
    private boolean first = true;

    /** Starts an object. */
    public ObjectWriter() {
      this(new StringBuilder(640));
    }

    ObjectWriter(StringBuilder out) {
      this.out = out;
      out.append('{');
    }

    private ObjectWriter(StringBuilder out, boolean first) {
      this.out = out;
      this.first = first;
    }

    /**
     * Goes on with an object whose opening brace and first fields are already in a buffer.
     *
     * @param out the object so far, with at least one field
     * @return a writer that appends to it
     */
    static ObjectWriter continuing(StringBuilder out) {
      return new ObjectWriter(out, false);
    }

    // Field names are this module's own constants, plain ASCII: written without an escaping scan.
    private StringBuilder key(String name) {
      if (!first) {
        out.append(',');
      }
      first = false;
      return out.append('"').append(name).append("\":");
    }

    /**
     * Adds a string field; skipped when the value is null.
     *
     * @param name the field
     * @param value the value
     * @return this writer
     */
    public ObjectWriter string(String name, String value) {
      if (value != null) {
        quote(key(name), value);
      }
      return this;
    }

    /**
     * Adds a string field whose value needs no escaping: one of this module's constants, a
     * lower-case enum name, hex digits. Skipped when the value is null.
     *
     * @param name the field
     * @param value the value; never holds a quote, a backslash or a control character
     * @return this writer
     */
    ObjectWriter plain(String name, String value) {
      if (value != null) {
        key(name).append('"').append(value).append('"');
      }
      return this;
    }

    /**
     * Adds a number field.
     *
     * @param name the field
     * @param value the value
     * @return this writer
     */
    public ObjectWriter number(String name, long value) {
      key(name).append(value);
      return this;
    }

    /**
     * Adds a number field; a non-finite value is skipped.
     *
     * @param name the field
     * @param value the value
     * @return this writer
     */
    public ObjectWriter number(String name, double value) {
      if (Double.isFinite(value)) {
        key(name).append(value);
      }
      return this;
    }

    /**
     * Adds a duration in milliseconds, exactly as {@link #number(String, double)} writes {@code
     * nanos / 1e6}, from whole numbers: printing a double is the costliest part of a short line.
     *
     * @param name the field
     * @param nanos the duration in nanoseconds
     * @return this writer
     */
    ObjectWriter millis(String name, long nanos) {
      // Double.toString writes [0.001, 1e7) as plain decimals; six fraction digits at most are
      // exact here, and the shortest decimal of the double nearest nanos / 1e6 is that decimal.
      if (nanos < 1_000 || nanos >= 10_000_000_000_000L) {
        return number(name, nanos / 1_000_000.0);
      }
      StringBuilder b = key(name).append(nanos / 1_000_000).append('.');
      int fraction = (int) (nanos % 1_000_000);
      if (fraction == 0) {
        b.append('0');
        return this;
      }
      int digits = 6;
      while (fraction % 10 == 0) {
        fraction /= 10;
        digits--;
      }
      for (int bound = 10; digits > 1; digits--, bound *= 10) {
        if (fraction < bound) {
          b.append('0');
        }
      }
      b.append(fraction);
      return this;
    }

    /**
     * Adds a boolean field.
     *
     * @param name the field
     * @param value the value
     * @return this writer
     */
    public ObjectWriter bool(String name, boolean value) {
      key(name).append(value);
      return this;
    }

    /**
     * Adds an array of strings.
     *
     * @param name the field
     * @param values the values
     * @return this writer
     */
    public ObjectWriter strings(String name, Collection<String> values) {
      StringBuilder b = key(name).append('[');
      boolean firstValue = true;
      for (String value : values) {
        if (!firstValue) {
          b.append(',');
        }
        firstValue = false;
        quote(b, value);
      }
      b.append(']');
      return this;
    }

    /**
     * Adds a field whose value is already JSON.
     *
     * @param name the field
     * @param json the value's JSON
     * @return this writer
     */
    public ObjectWriter raw(String name, String json) {
      key(name).append(json);
      return this;
    }

    /**
     * Adds fields already written as JSON, {@code "a":1,"b":2}, without braces.
     *
     * @param json the fields; empty for none
     * @return this writer
     */
    public ObjectWriter fields(String json) {
      if (!json.isEmpty()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(json);
      }
      return this;
    }

    /**
     * The fields written so far, without the opening brace, for {@link #fields}.
     *
     * @return the fields' JSON
     */
    public String fieldsSoFar() {
      return out.substring(1);
    }

    /**
     * Ends the object.
     *
     * @return its JSON
     */
    public String end() {
      out.append('}');
      return out.toString();
    }
  }

  /**
   * Quotes a string as JSON.
   *
   * @param value the string
   * @return the JSON string literal
   */
  public static String quote(String value) {
    StringBuilder b = new StringBuilder(value.length() + 2);
    quote(b, value);
    return b.toString();
  }

  static StringBuilder quote(StringBuilder b, String value) {
    b.append('"');
    if (needsNoEscape(value)) {
      // Most values (ids, names, models) need no escaping: copied whole.
      return b.append(value).append('"');
    }
    int body = b.length();
    ENCODER.quoteAsString(value, b);
    // JSON allows U+2028 and U+2029 unescaped, but some log pipelines split lines on them.
    for (int i = b.length() - 1; i >= body; i--) {
      char c = b.charAt(i);
      if (c == '\u2028' || c == '\u2029') {
        b.replace(i, i + 1, c == '\u2028' ? "\\u2028" : "\\u2029");
      }
    }
    return b.append('"');
  }

  // Whether Jackson's encoder would leave the value as it is, and it holds no line separator.
  private static boolean needsNoEscape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < ESCAPES.length ? ESCAPES[c] != 0 : c == '\u2028' || c == '\u2029') {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses one JSON value: strictly (no duplicate fields, nothing after the value) and no deeper
   * than {@value #MAX_DEPTH} levels, so that a hostile line fails as an exception rather than
   * exhausting the stack.
   *
   * @param text the JSON
   * @return a {@code Map}, {@code List}, {@code String}, {@code Double}, {@code Long}, {@code
   *     Boolean} or null
   * @throws IllegalArgumentException naming the position, if the text is not JSON or holds an
   *     integer beyond a {@code long}
   */
  public static Object parse(String text) {
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw invalid(text, 0, "no value");
      }
      Object value = value(parser, first, text);
      if (parser.nextToken() != null) {
        throw invalid(text, parser.currentTokenLocation().getCharOffset(), "trailing characters");
      }
      return value;
    } catch (JacksonException e) {
      long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
      throw invalid(text, at, e.getOriginalMessage());
    }
  }

  /**
   * Parses one JSON object.
   *
   * @param text the JSON
   * @return its fields in order
   * @throws IllegalArgumentException if the text is not a JSON object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("expected a JSON object, got: " + abbreviate(text));
    }
    return (Map<String, Object>) value;
  }

  private static Object value(JsonParser parser, JsonToken token, String text) {
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
          fields.put(name, value(parser, parser.nextToken(), text));
        }
        yield fields;
      }
      case START_ARRAY -> {
        List<Object> values = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          values.add(value(parser, t, text));
        }
        yield values;
      }
      case VALUE_STRING -> parser.getString();
      case VALUE_NUMBER_INT -> {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw invalid(
              text, parser.currentTokenLocation().getCharOffset(), "integer beyond a long");
        }
        yield parser.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default ->
          throw invalid(text, parser.currentTokenLocation().getCharOffset(), "unexpected " + token);
    };
  }

  private static IllegalArgumentException invalid(String text, long at, String what) {
    return new IllegalArgumentException(
        "invalid JSON at character " + at + ": " + what + " in " + abbreviate(text));
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
