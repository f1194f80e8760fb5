package io.agentkeel.security;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.agentkeel.security.internal.PiiScanner;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Finds personal data and secrets in text: e-mail addresses, phone numbers (libphonenumber, with
 * context words), payment cards (Luhn, with any spaces or dashes), IBANs (mod-97), US SSNs (issued
 * ranges only), IPv4 and IPv6 addresses, and secrets (cloud, VCS and model-provider key formats,
 * JWTs, private key blocks, random tokens near a word such as "password").
 *
 * <p>Look-alikes that fail their check are kept: order numbers that fail Luhn, IBANs with a bad
 * checksum, dates and amounts. Context words near a candidate ("phone", "card", "SSN") raise its
 * score; candidates below {@link Builder#minScore} are not reported.
 *
 * <p>Immutable and thread-safe. A finding never holds a copy of the value.
 */
public final class PiiDetector {
  private final PiiScanner scanner;
  private final Set<PiiType> types;

  private PiiDetector(Builder b) {
    this.types = Set.copyOf(b.types);
    this.scanner = new PiiScanner(b.types, b.regions, b.minScore);
  }

  /**
   * A detector for every type, with the default phone regions and a minimum score of 0.5.
   *
   * @return the detector
   */
  public static PiiDetector defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Finds everything in a text.
   *
   * @param text the text
   * @return the findings, in order, without overlaps
   */
  public List<PiiFinding> find(String text) {
    Objects.requireNonNull(text, "text");
    return scanner.scan(text);
  }

  /**
   * The types this detector looks for.
   *
   * @return the types
   */
  public Set<PiiType> types() {
    return types;
  }

  /** Options of a {@link PiiDetector}. */
  public static final class Builder {
    private EnumSet<PiiType> types = EnumSet.allOf(PiiType.class);
    private List<String> regions =
        List.of("US", "GB", "DE", "FR", "IT", "ES", "NL", "CH", "AT", "AU", "IN", "BR", "CA");
    private double minScore = 0.5;

    private Builder() {}

    /**
     * Which types to find; all by default.
     *
     * @param types the types, at least one
     * @return this builder
     * @throws IllegalArgumentException if none is given
     */
    public Builder types(Set<PiiType> types) {
      if (types.isEmpty()) {
        throw new IllegalArgumentException(
            "a PII detector needs at least one type to find; give one of "
                + EnumSet.allOf(PiiType.class));
      }
      this.types = EnumSet.copyOf(types);
      return this;
    }

    /**
     * The regions (ISO 3166 two-letter codes) whose national formats are tried for phone numbers
     * written without a country code. International numbers ({@code +44 ...}) are read whatever
     * this says.
     *
     * @param regions such as {@code US}, {@code DE}
     * @return this builder
     * @throws IllegalArgumentException if a region is not the two-letter code of a region with
     *     phone numbers
     */
    public Builder phoneRegions(List<String> regions) {
      for (String r : regions) {
        if (r.length() != 2) {
          throw new IllegalArgumentException(
              "phone region '" + r + "' is not an ISO 3166 two-letter code such as US or DE");
        }
        // two letters that name no region ("UK" for GB) would find nothing, and end the tries of
        // every region after it
        if (!PhoneNumberUtil.getInstance()
            .getSupportedRegions()
            .contains(r.toUpperCase(Locale.ROOT))) {
          throw new IllegalArgumentException(
              "phone region '"
                  + r
                  + "' is no region with phone numbers; use codes such as GB or US");
        }
      }
      this.regions = regions.stream().map(r -> r.toUpperCase(Locale.ROOT)).toList();
      return this;
    }

    /**
     * Findings below this score are not reported; 0.5 by default.
     *
     * @param minScore in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public Builder minScore(double minScore) {
      if (!(minScore >= 0 && minScore <= 1)) {
        throw new IllegalArgumentException("minScore must be within [0, 1], was " + minScore);
      }
      this.minScore = minScore;
      return this;
    }

    /**
     * Builds the detector.
     *
     * @return the detector
     */
    public PiiDetector build() {
      return new PiiDetector(this);
    }
  }
}
