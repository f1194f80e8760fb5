package io.agentkeel.observability.internal;

import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer and reader for the decision log's flat lines: objects whose values are
 * strings, numbers, booleans, null, arrays or nested objects. No dependency, so the module keeps to
 * the libraries DESIGN.md allows.
 */
public final class Json {

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

  // ASCII characters a JSON string holds as they are: not a control character, quote or backslash.
  private static final boolean[] PLAIN_ASCII = plainAscii();

  private static boolean[] plainAscii() {
    boolean[] plain = new boolean[128];
    for (char c = 0x20; c < 128; c++) {
      plain[c] = c != '"' && c != '\\';
    }
    return plain;
  }

  static StringBuilder quote(StringBuilder b, String value) {
    b.append('"');
    // Copy runs of plain characters whole: most values need no escaping at all.
    int run = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 128 ? PLAIN_ASCII[c] : c != '\u2028' && c != '\u2029') {
        continue;
      }
      b.append(value, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        // Control characters, and line/paragraph separators that some log pipelines split on.
        default -> b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.append(value, run, value.length()).append('"');
  }

  /**
   * Parses one JSON value.
   *
   * @param text the JSON
   * @return a {@code Map}, {@code List}, {@code String}, {@code Double}, {@code Long}, {@code
   *     Boolean} or null
   * @throws IllegalArgumentException naming the position, if the text is not JSON
   */
  public static Object parse(String text) {
    return JsonReader.parse(text);
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
      throw new IllegalArgumentException(
          "expected a JSON object, got: " + JsonReader.abbreviate(text));
    }
    return (Map<String, Object>) value;
  }
}
