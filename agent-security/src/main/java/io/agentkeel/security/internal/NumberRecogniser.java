package io.agentkeel.security.internal;

import static io.agentkeel.security.internal.IpAddresses.ipv4End;
import static io.agentkeel.security.internal.IpAddresses.ipv4Score;
import static io.agentkeel.security.internal.IpAddresses.ipv6End;
import static io.agentkeel.security.internal.ScanChars.isAsciiLetter;
import static io.agentkeel.security.internal.ScanChars.isDigit;
import static io.agentkeel.security.internal.ScanChars.isHex;
import static io.agentkeel.security.internal.ScanChars.isNumSep;
import static io.agentkeel.security.internal.ScanChars.isSpaceOrDash;
import static io.agentkeel.security.internal.ScanChars.near;
import static io.agentkeel.security.internal.ScanChars.skipWord;

import io.agentkeel.security.PiiFinding;
import io.agentkeel.security.PiiType;
import java.util.List;

/**
 * Judges a run that starts with a digit, '+' or '(': an IP address, a US SSN (issued ranges only),
 * a Luhn-valid payment card with any spaces or dashes, or a phone number; dates, versions, amounts
 * and Luhn-failing order numbers are passed over.
 */
final class NumberRecogniser {
  private static final String[] CARD_WORDS = {
    "card", "visa", "mastercard", "amex", "credit", "debit", "cc", "karte", "carte", "tarjeta"
  };
  private static final String[] SSN_WORDS = {"ssn", "social security", "social sec", "tax id"};

  private final PhoneRecogniser phones;
  private final double minScore;

  NumberRecogniser(PhoneRecogniser phones, double minScore) {
    this.phones = phones;
    this.minScore = minScore;
  }

  /** Handles a run that starts with a digit, '+' or '('; returns where scanning goes on. */
  int numeric(String text, int s, List<PiiFinding> found) {
    int n = text.length();
    int run = s;
    while (run < n && isHex(text.charAt(run))) {
      run++;
    }
    char after = run < n ? text.charAt(run) : ' ';
    if (after == ':') {
      // IPv6 that starts with a digit (2001:db8::1); times (12:30) fail its checks
      int v6 = ipv6End(text, s);
      if (v6 > 0) {
        found.add(new PiiFinding(PiiType.IP_ADDRESS, s, v6, 0.9));
        return v6;
      }
    } else if (after == '.') {
      int v4 = ipv4End(text, s);
      if (v4 > 0) {
        found.add(new PiiFinding(PiiType.IP_ADDRESS, s, v4, ipv4Score(text, s, v4)));
        return v4;
      }
    }
    // Collect groups of digits separated by short runs of separators, on one line.
    int[] gs = new int[24];
    int[] ge = new int[24];
    int g = 0;
    int j = s;
    int lastEnd = s;
    boolean dotSep = false;
    while (j < n && g < 24) {
      char c = text.charAt(j);
      if (isDigit(c)) {
        int start = j;
        while (j < n && isDigit(text.charAt(j))) {
          j++;
        }
        gs[g] = start;
        ge[g] = j;
        g++;
        lastEnd = j;
        // separators: at most 3 of " -./()", no newline
        int k = j;
        int seps = 0;
        while (k < n && seps < 4 && isNumSep(text.charAt(k))) {
          if (text.charAt(k) == '.') {
            dotSep = true;
          }
          k++;
          seps++;
        }
        if (seps == 0 || seps > 3 || k >= n || !isDigit(text.charAt(k))) {
          break;
        }
        j = k;
      } else if (c == '+' || c == '(') {
        j++;
      } else {
        break;
      }
    }
    int end = lastEnd;
    if (g == 0) {
      return s + 1;
    }
    if (end < n && isAsciiLetter(text.charAt(end)) && !PhoneRecogniser.isExtensionAt(text, end)) {
      // digits glued to letters (ids like 12ab): not a number we judge
      return skipWord(text, end);
    }
    int digits = 0;
    for (int k = 0; k < g; k++) {
      digits += ge[k] - gs[k];
    }
    if (digits < 7) {
      return end; // too short for a phone, an SSN or a card: the common case in prose
    }
    // SSN: ddd-dd-dddd or ddd dd dddd
    if (g >= 3) {
      for (int k = 0; k + 2 < g; k++) {
        if (ge[k] - gs[k] == 3 && ge[k + 1] - gs[k + 1] == 2 && ge[k + 2] - gs[k + 2] == 4) {
          char s1 = text.charAt(ge[k]);
          char s2 = text.charAt(ge[k + 1]);
          if (gs[k + 1] - ge[k] == 1
              && gs[k + 2] - ge[k + 1] == 1
              && s1 == s2
              && (s1 == '-' || s1 == ' ')) {
            int area = Integer.parseInt(text, gs[k], ge[k], 10);
            int grp = Integer.parseInt(text, gs[k + 1], ge[k + 1], 10);
            int ser = Integer.parseInt(text, gs[k + 2], ge[k + 2], 10);
            boolean ctx = near(text, gs[k], ge[k + 2], SSN_WORDS, 40);
            if (g == 3
                && k == 0
                && s1 == '-'
                && !Checksums.ssnRanges(area, grp, ser)
                && !phones.phoneContext(text, s, end)) {
              return end; // SSN-shaped but never issued: kept as it is
            }
            if (Checksums.ssnRanges(area, grp, ser) && (s1 == '-' || ctx) && g == 3 && k == 0) {
              double score = ctx ? 1.0 : (phones.phoneContext(text, s, end) ? 0.4 : 0.85);
              found.add(new PiiFinding(PiiType.US_SSN, gs[k], ge[k + 2], score));
              if (score >= minScore) {
                return ge[k + 2];
              }
            }
          }
        }
      }
    }
    if (g == 1 && digits == 9 && near(text, gs[0], ge[0], SSN_WORDS, 30)) {
      int area = Integer.parseInt(text, gs[0], gs[0] + 3, 10);
      int grp = Integer.parseInt(text, gs[0] + 3, gs[0] + 5, 10);
      int ser = Integer.parseInt(text, gs[0] + 5, gs[0] + 9, 10);
      if (Checksums.ssnRanges(area, grp, ser)) {
        found.add(new PiiFinding(PiiType.US_SSN, gs[0], ge[0], 0.9));
        return end;
      }
    }
    // Cards: any run of consecutive groups with 12..19 digits, joined by spaces or dashes only.
    char first = text.charAt(s);
    if (digits >= 12 && first != '+') {
      int cardEnd = card(text, gs, ge, g, found);
      if (cardEnd > 0) {
        return cardEnd;
      }
    }
    if (dotSep && PhoneRecogniser.looksLikeVersionOrAmount(text, s, end)) {
      return end;
    }
    if (PhoneRecogniser.isDate(text, s, end)) {
      return end;
    }
    // Phone
    if (digits >= 7 && digits <= 15) {
      int phoneEnd = end;
      if (end < n && PhoneRecogniser.isExtensionAt(text, end)) {
        int k = end;
        while (k < n && !isDigit(text.charAt(k)) && k - end < 5) {
          k++;
        }
        while (k < n && isDigit(text.charAt(k))) {
          k++;
        }
        phoneEnd = k;
      }
      double score = phones.phoneScore(text, s, end, g, digits);
      found.add(new PiiFinding(PiiType.PHONE_NUMBER, s, phoneEnd, score));
      return phoneEnd;
    }
    return end;
  }

  private int card(String text, int[] gs, int[] ge, int g, List<PiiFinding> found) {
    int bestStart = -1;
    int bestEnd = -1;
    for (int a = 0; a < g; a++) {
      int digits = 0;
      StringBuilder sb = new StringBuilder(24);
      for (int b = a; b < g; b++) {
        if (b > a && !cardSeparators(text, ge[b - 1], gs[b])) {
          break;
        }
        digits += ge[b] - gs[b];
        if (digits > 19) {
          break;
        }
        sb.append(text, gs[b], ge[b]);
        if (digits >= 12 && Checksums.luhn(sb)) {
          boolean ctx = near(text, gs[a], ge[b], CARD_WORDS, 40);
          boolean ok = digits >= 13 || ctx || maestroPrefix(sb);
          if (ok && (bestStart < 0 || ge[b] - gs[a] > bestEnd - bestStart)) {
            bestStart = gs[a];
            bestEnd = ge[b];
          }
        }
      }
      if (bestStart >= 0) {
        break;
      }
    }
    if (bestStart < 0) {
      return -1;
    }
    found.add(new PiiFinding(PiiType.CREDIT_CARD, bestStart, bestEnd, 0.9));
    return bestEnd;
  }

  private static boolean maestroPrefix(CharSequence d) {
    char a = d.charAt(0);
    char b = d.charAt(1);
    return (a == '5' && (b == '0' || b >= '6')) || a == '6' || (a == '0' && b == '6');
  }

  private static boolean cardSeparators(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!isSpaceOrDash(text.charAt(k))) {
        return false;
      }
    }
    return true;
  }
}
