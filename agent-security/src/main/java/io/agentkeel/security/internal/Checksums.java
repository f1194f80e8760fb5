package io.agentkeel.security.internal;

import java.util.Map;

/** Check digits and number ranges: Luhn, IBAN mod-97, US SSN ranges. */
public final class Checksums {
  private Checksums() {}

  /**
   * Tells whether the digits pass the Luhn check.
   *
   * @param digits the digits only
   * @return whether the check holds
   */
  public static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** IBAN lengths by country (ISO 13616 registry). */
  private static final Map<String, Integer> IBAN_LENGTHS =
      Map.ofEntries(
          Map.entry("AD", 24),
          Map.entry("AE", 23),
          Map.entry("AL", 28),
          Map.entry("AT", 20),
          Map.entry("AZ", 28),
          Map.entry("BA", 20),
          Map.entry("BE", 16),
          Map.entry("BG", 22),
          Map.entry("BH", 22),
          Map.entry("BI", 27),
          Map.entry("BR", 29),
          Map.entry("BY", 28),
          Map.entry("CH", 21),
          Map.entry("CR", 22),
          Map.entry("CY", 28),
          Map.entry("CZ", 24),
          Map.entry("DE", 22),
          Map.entry("DJ", 27),
          Map.entry("DK", 18),
          Map.entry("DO", 28),
          Map.entry("EE", 20),
          Map.entry("EG", 29),
          Map.entry("ES", 24),
          Map.entry("FI", 18),
          Map.entry("FK", 18),
          Map.entry("FO", 18),
          Map.entry("FR", 27),
          Map.entry("GB", 22),
          Map.entry("GE", 22),
          Map.entry("GI", 23),
          Map.entry("GL", 18),
          Map.entry("GR", 27),
          Map.entry("GT", 28),
          Map.entry("HN", 28),
          Map.entry("HR", 21),
          Map.entry("HU", 28),
          Map.entry("IE", 22),
          Map.entry("IL", 23),
          Map.entry("IQ", 23),
          Map.entry("IS", 26),
          Map.entry("IT", 27),
          Map.entry("JO", 30),
          Map.entry("KW", 30),
          Map.entry("KZ", 20),
          Map.entry("LB", 28),
          Map.entry("LC", 32),
          Map.entry("LI", 21),
          Map.entry("LT", 20),
          Map.entry("LU", 20),
          Map.entry("LV", 21),
          Map.entry("LY", 25),
          Map.entry("MC", 27),
          Map.entry("MD", 24),
          Map.entry("ME", 22),
          Map.entry("MK", 19),
          Map.entry("MN", 20),
          Map.entry("MR", 27),
          Map.entry("MT", 31),
          Map.entry("MU", 30),
          Map.entry("NI", 28),
          Map.entry("NL", 18),
          Map.entry("NO", 15),
          Map.entry("OM", 23),
          Map.entry("PK", 24),
          Map.entry("PL", 28),
          Map.entry("PS", 29),
          Map.entry("PT", 25),
          Map.entry("QA", 29),
          Map.entry("RO", 24),
          Map.entry("RS", 22),
          Map.entry("RU", 33),
          Map.entry("SA", 24),
          Map.entry("SC", 31),
          Map.entry("SD", 18),
          Map.entry("SE", 24),
          Map.entry("SI", 19),
          Map.entry("SK", 24),
          Map.entry("SM", 27),
          Map.entry("SO", 23),
          Map.entry("ST", 25),
          Map.entry("SV", 28),
          Map.entry("TL", 23),
          Map.entry("TN", 24),
          Map.entry("TR", 26),
          Map.entry("UA", 29),
          Map.entry("VA", 22),
          Map.entry("VG", 24),
          Map.entry("XK", 20),
          Map.entry("YE", 30));

  /**
   * The IBAN length for a country, or 0 when the country has no IBAN in the registry.
   *
   * @param country two upper-case letters
   * @return the length, or 0
   */
  public static int ibanLength(String country) {
    return IBAN_LENGTHS.getOrDefault(country, 0);
  }

  /**
   * Tells whether an IBAN (upper-case letters and digits, no spaces) passes mod-97.
   *
   * @param iban the IBAN
   * @return whether the check holds
   */
  public static boolean ibanMod97(CharSequence iban) {
    int n = iban.length();
    if (n < 15 || n > 34) {
      return false;
    }
    int rem = 0;
    for (int k = 0; k < n; k++) {
      char c = iban.charAt((k + 4) % n);
      if (c >= '0' && c <= '9') {
        rem = (rem * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        rem = (rem * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return rem == 1;
  }

  /**
   * Tells whether an SSN's parts are in issued ranges: area not 000, 666 or 9xx; group not 00;
   * serial not 0000.
   *
   * @param area the three-digit area
   * @param group the two-digit group
   * @param serial the four-digit serial
   * @return whether it may be a real SSN
   */
  public static boolean ssnRanges(int area, int group, int serial) {
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }

  /**
   * Shannon entropy of a string in bits per character.
   *
   * @param s the string
   * @param from first index
   * @param to index after the last
   * @return the entropy
   */
  public static double entropy(CharSequence s, int from, int to) {
    int[] counts = new int[128];
    int other = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double len = to - from;
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = c / len;
        h -= p * Math.log(p);
      }
    }
    if (other > 0) {
      double p = other / len;
      h -= p * Math.log(p);
    }
    return h / Math.log(2);
  }
}
