package io.agentkeel.security.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.agentkeel.security.PiiFinding;
import io.agentkeel.security.PiiType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One pass over a text that finds candidates by their first character (a digit, '+', '(', '@', a
 * letter that may start an IBAN, key or IPv6 address, "-----BEGIN") and validates each with its
 * checksum or parser. Regular expressions are avoided on the hot path: the scanner must stay above
 * 50 MB/s per core on mixed text.
 */
public final class PiiScanner {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private static final String[] PHONE_WORDS = {
    "phone",
    "telephone",
    "tel",
    "mobile",
    "cell",
    "cellphone",
    "fax",
    "call",
    "desk",
    "office",
    "contact",
    "sms",
    "text",
    "messages",
    "registered",
    "reach",
    "answering",
    "dial",
    "whatsapp",
    "telefon",
    "telefonnummer",
    "handy",
    "mobil",
    "anruf",
    "anrufen",
    "ruf",
    "téléphone",
    "portable",
    "numero",
    "número",
    "mob",
    "landline",
    "hotline",
    "phones",
    "number",
    "home",
    "work",
    "tél",
    "tlf",
    "ph"
  };
  private static final String[] CARD_WORDS = {
    "card", "visa", "mastercard", "amex", "credit", "debit", "cc", "karte", "carte", "tarjeta"
  };
  private static final String[] SSN_WORDS = {"ssn", "social security", "social sec", "tax id"};
  private static final Set<String> SECRET_WORDS =
      Set.of(
          "password",
          "passwd",
          "pwd",
          "pass",
          "secret",
          "token",
          "apikey",
          "api_key",
          "key",
          "access_key",
          "secret_key",
          "client_secret",
          "credential",
          "credentials",
          "auth",
          "authorization",
          "bearer",
          "private_key",
          "passwort",
          "kennwort",
          "passphrase");
  private static final Set<String> PASSWORD_WORDS =
      Set.of("password", "passwd", "pwd", "passwort", "kennwort", "passphrase");

  private final EnumSet<PiiType> enabled;
  private final List<String> regions;
  private final double minScore;

  /**
   * Creates a scanner.
   *
   * @param enabled the types to find
   * @param regions the phone regions tried for numbers without a country code
   * @param minScore findings below this score are dropped
   */
  public PiiScanner(Set<PiiType> enabled, List<String> regions, double minScore) {
    this.enabled = enabled.isEmpty() ? EnumSet.noneOf(PiiType.class) : EnumSet.copyOf(enabled);
    this.regions = List.copyOf(regions);
    this.minScore = minScore;
  }

  /**
   * Finds everything in a text, without overlaps, in order.
   *
   * @param text the text
   * @return the findings
   */
  public List<PiiFinding> scan(String text) {
    List<PiiFinding> found = new ArrayList<>();
    int n = text.length();
    int secretContextUntil = -1;
    boolean passwordContext = false;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '@') {
        email(text, i, found);
        i++;
      } else if (isDigit(c)
          || ((c == '+' || c == '(') && i + 1 < n && isDigit(text.charAt(i + 1)))) {
        if (i > 0 && isWordChar(text.charAt(i - 1))) {
          // digits glued to letters: part of an identifier; a '+' or '(' (no word character)
          // after a letter, as in "a+1" or "f(2)", is stepped over, else the scan never moves on
          i = Math.max(skipWord(text, i), i + 1);
          continue;
        }
        int next = numeric(text, i, found);
        i = Math.max(next, i + 1);
      } else if (isAsciiLetter(c) || c == '_') {
        if (i > 0 && isWordChar(text.charAt(i - 1))) {
          i++;
          continue;
        }
        int end = skipWord(text, i);
        int consumed = word(text, i, end, found, secretContextUntil >= i, passwordContext);
        if (isSecretWord(text, i, end)) {
          secretContextUntil = end + 48;
          passwordContext = isPasswordWord(text, i, end);
        }
        i = Math.max(consumed, end);
      } else if (c == '-' && text.startsWith("-----BEGIN", i)) {
        i = Math.max(privateKey(text, i, found), i + 1);
      } else if (c == '\n' && secretContextUntil >= i) {
        secretContextUntil = -1;
        i++;
      } else {
        i++;
      }
    }
    return resolve(found);
  }

  private static final String[][] SECRET_WORDS_BY_LENGTH = byLength(SECRET_WORDS);

  private static String[][] byLength(Set<String> words) {
    String[][] out = new String[32][];
    for (int len = 0; len < 32; len++) {
      final int l = len;
      out[len] = words.stream().filter(w -> w.length() == l).toArray(String[]::new);
    }
    return out;
  }

  private static boolean isSecretWord(String text, int s, int e) {
    int len = e - s;
    if (len < 3 || len > 40) {
      return false;
    }
    if (len < 32) {
      for (String w : SECRET_WORDS_BY_LENGTH[len]) {
        if (text.regionMatches(true, s, w, 0, len)) {
          return true;
        }
      }
    }
    return endsWithIgnoreCase(text, e, "_key")
        || endsWithIgnoreCase(text, e, "_token")
        || endsWithIgnoreCase(text, e, "_secret")
        || endsWithIgnoreCase(text, e, "password");
  }

  private static boolean isPasswordWord(String text, int s, int e) {
    for (String w : PASSWORD_WORDS) {
      if (e - s == w.length() && text.regionMatches(true, s, w, 0, w.length())) {
        return true;
      }
    }
    return endsWithIgnoreCase(text, e, "password");
  }

  private static boolean endsWithIgnoreCase(String text, int e, String suffix) {
    int from = e - suffix.length();
    return from >= 0 && text.regionMatches(true, from, suffix, 0, suffix.length());
  }

  private List<PiiFinding> resolve(List<PiiFinding> found) {
    found.removeIf(f -> f.score() < minScore || !enabled.contains(f.type()));
    if (found.size() <= 1) {
      return found;
    }
    found.sort(
        Comparator.comparingInt(PiiFinding::start)
            .thenComparing(Comparator.comparingInt(PiiFinding::end).reversed()));
    List<PiiFinding> out = new ArrayList<>(found.size());
    for (PiiFinding f : found) {
      if (!out.isEmpty()) {
        PiiFinding last = out.get(out.size() - 1);
        if (f.start() < last.end()) {
          boolean better =
              f.score() > last.score()
                  || (f.score() == last.score() && f.end() - f.start() > last.end() - last.start());
          if (better) {
            out.set(out.size() - 1, f);
          }
          continue;
        }
      }
      out.add(f);
    }
    return out;
  }

  // ---------------------------------------------------------------- e-mail

  private void email(String text, int at, List<PiiFinding> found) {
    int s = at;
    while (s > 0 && isLocalChar(text.charAt(s - 1))) {
      s--;
    }
    while (s < at && (text.charAt(s) == '.' || text.charAt(s) == '-')) {
      s++;
    }
    if (s == at) {
      return;
    }
    int e = at + 1;
    int lastDot = -1;
    int n = text.length();
    while (e < n) {
      char c = text.charAt(e);
      if (isAsciiLetter(c) || isDigit(c) || c == '-') {
        e++;
      } else if (c == '.'
          && e + 1 < n
          && isAlnum(text.charAt(e + 1))
          && text.charAt(e - 1) != '.') {
        lastDot = e;
        e++;
      } else {
        break;
      }
    }
    if (lastDot < 0 || e - lastDot - 1 < 2) {
      return;
    }
    for (int k = lastDot + 1; k < e; k++) {
      if (!isAsciiLetter(text.charAt(k))) {
        return;
      }
    }
    found.add(new PiiFinding(PiiType.EMAIL_ADDRESS, s, e, 0.95));
  }

  private static boolean isLocalChar(char c) {
    return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
  }

  // ---------------------------------------------------------------- numbers

  /** Handles a run that starts with a digit, '+' or '('; returns where scanning goes on. */
  private int numeric(String text, int s, List<PiiFinding> found) {
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
    if (end < n && isAsciiLetter(text.charAt(end)) && !isExtensionAt(text, end)) {
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
                && !phoneContext(text, s, end)) {
              return end; // SSN-shaped but never issued: kept as it is
            }
            if (Checksums.ssnRanges(area, grp, ser) && (s1 == '-' || ctx) && g == 3 && k == 0) {
              double score = ctx ? 1.0 : (phoneContext(text, s, end) ? 0.4 : 0.85);
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
    if (dotSep && looksLikeVersionOrAmount(text, s, end)) {
      return end;
    }
    if (isDate(text, s, end)) {
      return end;
    }
    // Phone
    if (digits >= 7 && digits <= 15) {
      int phoneEnd = end;
      if (end < n && isExtensionAt(text, end)) {
        int k = end;
        while (k < n && !isDigit(text.charAt(k)) && k - end < 5) {
          k++;
        }
        while (k < n && isDigit(text.charAt(k))) {
          k++;
        }
        phoneEnd = k;
      }
      double score = phoneScore(text, s, end, g, digits);
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
      char c = text.charAt(k);
      if (c != ' ' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private double phoneScore(String text, int s, int end, int groups, int digits) {
    boolean ctx = phoneContext(text, s, end);
    boolean intl = text.startsWith("+", s) || text.startsWith("00", s) || text.startsWith("(+", s);
    if (!intl && !ctx && (groups <= 1 || digits < 9)) {
      return 0.2; // without a country code or a phone word, only a grouped valid number counts
    }
    if (!intl && ctx) {
      // a phone word next to a phone-shaped number is enough; validity would only add to a
      // score that already passes, so the costly parse is skipped
      return followedByWord(text, end) || nearOnLine(text, s, NOT_PHONE_WORDS, 24) ? 0.0 : 0.75;
    }
    String raw = text.substring(s, end);
    boolean valid = false;
    boolean possible = false;
    try {
      if (intl) {
        String r = raw.startsWith("00") ? "+" + raw.substring(2) : raw.replace("(0)", "");
        PhoneNumber p = PHONES.parse(r, "ZZ");
        valid = PHONES.isValidNumber(p);
        possible = PHONES.isPossibleNumber(p);
      } else {
        for (String region : regions) {
          PhoneNumber p = PHONES.parse(raw, region);
          if (PHONES.isValidNumber(p)) {
            valid = true;
            possible = true;
            break;
          }
          possible |= PHONES.isPossibleNumber(p);
        }
      }
    } catch (NumberParseException e) {
      // not a number libphonenumber can read: judged by shape and context alone
    }
    boolean grouped = groups > 1;
    double score;
    if (intl && valid) {
      score = 0.95;
    } else if (valid) {
      score = grouped && digits >= 9 ? 0.65 : 0.4;
    } else if (intl && possible) {
      score = 0.6;
    } else if (possible) {
      score = 0.3;
    } else {
      score = grouped || digits <= 12 ? 0.2 : 0.1;
    }
    if (ctx) {
      score = Math.min(1.0, score + 0.35);
    }
    if (!intl && (followedByWord(text, end) || nearOnLine(text, s, NOT_PHONE_WORDS, 24))) {
      score = Math.max(0.0, score - 0.6); // a house number, a postcode, a licence or order number
    }
    return score;
  }

  private static final String[] NOT_PHONE_WORDS = {
    "suite",
    "apt",
    "unit",
    "box",
    "zip",
    "postal",
    "postcode",
    "plz",
    "license",
    "licence",
    "order",
    "invoice",
    "account",
    "ref",
    "id:",
    "passport",
    "street",
    "tracking",
    "#"
  };

  private static final Set<String> FOLLOWING_STOP_WORDS =
      Set.of(
          "x",
          "ext",
          "or",
          "and",
          "oder",
          "und",
          "ou",
          "et",
          "if",
          "to",
          "for",
          "is",
          "at",
          "i",
          "we",
          "you",
          "please",
          "thanks",
          "thank",
          "from",
          "between",
          "before",
          "after",
          "today",
          "tomorrow",
          "on",
          "asap",
          "bitte",
          "danke",
          "ich",
          "wir",
          "merci",
          "as",
          "but",
          "so",
          "anytime",
          "until",
          "till",
          "when",
          "during",
          "any",
          "in",
          "by",
          "now",
          "right",
          "later",
          "the",
          "that",
          "which",
          "instead",
          "not",
          "isn",
          "was",
          "will",
          "can",
          "could",
          "should",
          "would",
          "has",
          "have",
          "had",
          "are",
          "do",
          "does",
          "did",
          "with",
          "about");

  /** Whether a word that is not a phone label follows on the same line: "1234 5678 Main St". */
  private static boolean followedByWord(String text, int end) {
    int n = text.length();
    int k = end;
    while (k < n && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    if (k == end && k < n && isAsciiLetter(text.charAt(k))) {
      return false; // glued: handled by the caller
    }
    if (k >= n || !Character.isLetter(text.charAt(k))) {
      return false;
    }
    int w = k;
    while (w < n && Character.isLetter(text.charAt(w))) {
      w++;
    }
    String word = text.substring(k, w).toLowerCase(Locale.ROOT);
    for (String p : PHONE_WORDS) {
      if (word.startsWith(p)) {
        return false;
      }
    }
    return !FOLLOWING_STOP_WORDS.contains(word);
  }

  private boolean phoneContext(String text, int s, int end) {
    return near(text, s, end, PHONE_WORDS, 28);
  }

  private static boolean isExtensionAt(String text, int i) {
    int n = text.length();
    if (i < n && (text.charAt(i) == 'x' || text.charAt(i) == 'X')) {
      return i + 1 < n && isDigit(text.charAt(i + 1));
    }
    return text.regionMatches(true, i, "ext", 0, 3)
        || text.regionMatches(true, i, " ext", 0, 4)
        || text.regionMatches(true, i, " x", 0, 2) && i + 2 < n && isDigit(text.charAt(i + 2));
  }

  private static boolean isDate(String text, int s, int end) {
    // yyyy-mm-dd[ hh...], dd.mm.yyyy, mm/dd/yyyy and the like
    String t = text.substring(s, end);
    int[] parts = new int[6];
    int[] lens = new int[6];
    int p = 0;
    int k = 0;
    char sep = 0;
    while (k < t.length() && p < 6) {
      if (isDigit(t.charAt(k))) {
        int st = k;
        int v = 0;
        while (k < t.length() && isDigit(t.charAt(k))) {
          v = v * 10 + (t.charAt(k) - '0');
          k++;
          if (k - st > 4) {
            return false;
          }
        }
        parts[p] = v;
        lens[p] = k - st;
        p++;
      } else {
        if (p <= 2 && p > 0) {
          if (sep == 0) {
            sep = t.charAt(k);
          } else if (p == 2 && t.charAt(k) != sep) {
            return false;
          }
        }
        k++;
      }
    }
    if (p < 3 || (sep != '-' && sep != '/' && sep != '.')) {
      return false;
    }
    if (lens[0] == 4) {
      return parts[1] >= 1 && parts[1] <= 12 && parts[2] >= 1 && parts[2] <= 31 && lens[1] <= 2;
    }
    if (lens[2] == 4 || lens[2] == 2) {
      boolean dm = parts[0] >= 1 && parts[0] <= 31 && parts[1] >= 1 && parts[1] <= 12;
      boolean md = parts[0] >= 1 && parts[0] <= 12 && parts[1] >= 1 && parts[1] <= 31;
      return (dm || md) && lens[0] <= 2 && lens[1] <= 2 && (lens[2] == 4 || p == 3);
    }
    return false;
  }

  private static boolean looksLikeVersionOrAmount(String text, int s, int end) {
    // 1.234.567,89 style amounts and 1.2.3 versions have dots with a currency or 'v' before
    int b = s - 1;
    while (b >= 0 && text.charAt(b) == ' ') {
      b--;
    }
    if (b >= 0) {
      char c = text.charAt(b);
      return c == '$' || c == '€' || c == '£' || c == 'v' || c == 'V';
    }
    return false;
  }

  // ---------------------------------------------------------------- IP addresses

  private static int ipv4End(String text, int s) {
    int n = text.length();
    int k = s;
    for (int part = 0; part < 4; part++) {
      int st = k;
      int v = 0;
      while (k < n && isDigit(text.charAt(k)) && k - st < 4) {
        v = v * 10 + (text.charAt(k) - '0');
        k++;
      }
      int len = k - st;
      if (len == 0 || len > 3 || v > 255 || (len > 1 && text.charAt(st) == '0')) {
        return -1;
      }
      if (part < 3) {
        if (k >= n || text.charAt(k) != '.') {
          return -1;
        }
        k++;
      }
    }
    if (k < n && (isDigit(text.charAt(k)) || isAsciiLetter(text.charAt(k)))) {
      return -1;
    }
    if (k + 1 < n && text.charAt(k) == '.' && isDigit(text.charAt(k + 1))) {
      return -1; // 1.2.3.4.5: a version or an OID, not an address
    }
    return k;
  }

  private static double ipv4Score(String text, int s, int e) {
    // Versions such as "version 1.2.3.4" are the main look-alike.
    int b = Math.max(0, s - 12);
    String before = text.substring(b, s).toLowerCase(Locale.ROOT);
    if (before.contains("version") || before.endsWith("v") || before.contains("ver ")) {
      return 0.3;
    }
    return 0.85;
  }

  /** Returns the end of an IPv6 address starting at s, or -1. */
  static int ipv6End(String text, int s) {
    int n = text.length();
    int k = s;
    while (k < n && (isHex(text.charAt(k)) || text.charAt(k) == ':' || text.charAt(k) == '.')) {
      k++;
    }
    if (k < n && (isAsciiLetter(text.charAt(k)) || text.charAt(k) == '_')) {
      return -1;
    }
    while (k > s
        && (text.charAt(k - 1) == '.'
            || (text.charAt(k - 1) == ':' && !(k - 2 >= s && text.charAt(k - 2) == ':')))) {
      k--;
    }
    if (k - s < 3) {
      return -1;
    }
    String cand = text.substring(s, k);
    if (cand.indexOf(':') < 0) {
      return -1;
    }
    return validIpv6(cand) ? k : -1;
  }

  static boolean validIpv6(String a) {
    int dbl = a.indexOf("::");
    if (dbl >= 0 && a.indexOf("::", dbl + 1) >= 0) {
      return false;
    }
    String[] parts = a.split(":", -1);
    int groups = 0;
    boolean ipv4Tail = false;
    for (int p = 0; p < parts.length; p++) {
      String part = parts[p];
      if (part.isEmpty()) {
        continue;
      }
      if (part.indexOf('.') >= 0) {
        if (p != parts.length - 1 || ipv4End(part, 0) != part.length()) {
          return false;
        }
        ipv4Tail = true;
        groups += 2;
        continue;
      }
      if (part.length() > 4) {
        return false;
      }
      for (int k = 0; k < part.length(); k++) {
        if (!isHex(part.charAt(k))) {
          return false;
        }
      }
      groups++;
    }
    if (dbl < 0) {
      // a full address: exactly 8 groups, no empty parts
      for (String part : parts) {
        if (part.isEmpty()) {
          return false;
        }
      }
      return groups == 8;
    }
    // a compressed one: fewer groups, and at least one letter or at least 2 groups, so that a
    // lone "::" or "1::" inside prose is not an address
    if (groups > 7 || (groups < 2 && !a.equals("::1"))) {
      return groups >= 1 && (a.startsWith("::") || a.endsWith("::")) && ipv4Tail;
    }
    return true;
  }

  // ---------------------------------------------------------------- words: IBAN, keys, IPv6

  private int word(
      String text, int s, int end, List<PiiFinding> found, boolean secretCtx, boolean pwdCtx) {
    int n = text.length();
    int len = end - s;
    char c0 = text.charAt(s);
    // IPv6 starting with a hex letter: fe80::1, abcd:ef01:...
    if (isHex(c0) && end < n && text.charAt(end) == ':' && len <= 4) {
      int v6 = ipv6End(text, s);
      if (v6 > 0) {
        found.add(new PiiFinding(PiiType.IP_ADDRESS, s, v6, 0.9));
        return v6;
      }
    }
    // IBAN: two letters, two digits, then letters and digits, possibly in groups of four.
    if (len >= 4
        && isAsciiLetter(c0)
        && isAsciiLetter(text.charAt(s + 1))
        && isDigit(text.charAt(s + 2))
        && isDigit(text.charAt(s + 3))) {
      int ib = iban(text, s, found);
      if (ib > 0) {
        return ib;
      }
      int shape = ibanShapeEnd(text, s);
      if (shape - s >= 15) {
        return shape; // IBAN-shaped with a bad checksum: a look-alike, kept whole
      }
    }
    int sk = knownKey(text, s, end, found);
    if (sk > 0) {
      return sk;
    }
    if (secretCtx) {
      int t = tokenEnd(text, s);
      if (highEntropySecret(text, s, t, pwdCtx)) {
        found.add(new PiiFinding(PiiType.SECRET, s, t, 0.8));
        return t;
      }
    }
    return end;
  }

  private int iban(String text, int s, List<PiiFinding> found) {
    int n = text.length();
    String country = ("" + text.charAt(s) + text.charAt(s + 1)).toUpperCase(Locale.ROOT);
    int want = Checksums.ibanLength(country);
    StringBuilder sb = new StringBuilder(34);
    int k = s;
    int lastEnd = s;
    while (k < n && sb.length() < (want > 0 ? want : 34)) {
      char c = text.charAt(k);
      if (isAlnum(c)) {
        sb.append(Character.toUpperCase(c));
        k++;
        lastEnd = k;
      } else if ((c == ' ' || c == '-')
          && k + 1 < n
          && isAlnum(text.charAt(k + 1))
          && sb.length() % 4 == 0) {
        k++;
      } else {
        break;
      }
    }
    if (lastEnd < n && isAlnum(text.charAt(lastEnd))) {
      return -1;
    }
    if (want > 0 && sb.length() != want) {
      return -1;
    }
    if (!Checksums.ibanMod97(sb)) {
      return -1;
    }
    found.add(new PiiFinding(PiiType.IBAN_CODE, s, lastEnd, 0.95));
    return lastEnd;
  }

  private static int ibanShapeEnd(String text, int s) {
    int n = text.length();
    int k = s;
    int lastEnd = s;
    int count = 0;
    while (k < n && count < 34) {
      char c = text.charAt(k);
      if (isAlnum(c)) {
        count++;
        k++;
        lastEnd = k;
      } else if (c == ' ' && k + 1 < n && isAlnum(text.charAt(k + 1)) && count % 4 == 0) {
        k++;
      } else {
        break;
      }
    }
    return lastEnd;
  }

  private static final String[][] KEY_PREFIXES = {
    // prefix, minimum length of the rest, allowed extra chars
    {"AKIA", "16"},
    {"ASIA", "16"},
    {"ABIA", "16"},
    {"ACCA", "16"},
    {"ghp_", "30"},
    {"gho_", "30"},
    {"ghu_", "30"},
    {"ghs_", "30"},
    {"ghr_", "30"},
    {"github_pat_", "40"},
    {"glpat-", "20"},
    {"xoxb-", "20"},
    {"xoxp-", "20"},
    {"xoxa-", "20"},
    {"xoxs-", "20"},
    {"xapp-", "20"},
    {"sk-ant-", "30"},
    {"sk-proj-", "30"},
    {"sk-", "32"},
    {"sk_live_", "20"},
    {"rk_live_", "20"},
    {"sk_test_", "20"},
    {"AIza", "30"},
    {"hf_", "30"},
    {"npm_", "30"},
    {"pypi-", "40"},
    {"SG.", "40"},
    {"dop_v1_", "40"},
    {"shpat_", "30"},
    {"ya29.", "30"},
    {"gsk_", "40"},
    {"r8_", "30"},
    {"pplx-", "40"},
    {"eyJ", "20"}
  };

  private static final String[][][] KEY_BY_FIRST = new String[128][][];

  static {
    for (int c = 0; c < 128; c++) {
      final char ch = (char) c;
      String[][] list =
          java.util.Arrays.stream(KEY_PREFIXES)
              .filter(kp -> kp[0].charAt(0) == ch)
              .toArray(String[][]::new);
      KEY_BY_FIRST[c] = list.length == 0 ? null : list;
    }
  }

  private int knownKey(String text, int s, int end, List<PiiFinding> found) {
    char first = text.charAt(s);
    if (first >= 128 || KEY_BY_FIRST[first] == null) {
      return -1;
    }
    for (String[] kp : KEY_BY_FIRST[first]) {
      String p = kp[0];
      if (text.startsWith(p, s)) {
        int t = tokenEnd(text, s);
        int rest = t - s - p.length();
        if (rest < Integer.parseInt(kp[1])) {
          continue;
        }
        if (p.equals("eyJ")) {
          return jwt(text, s, t, found);
        }
        if (p.startsWith("A") && p.length() == 4 && !p.equals("AIza")) {
          // AWS ids are upper-case letters and digits only
          t = s + 20;
          if (end != t) {
            continue;
          }
        }
        if (Checksums.entropy(text, s + p.length(), t) < 3.0) {
          continue;
        }
        found.add(new PiiFinding(PiiType.SECRET, s, t, 0.95));
        return t;
      }
    }
    return -1;
  }

  private int jwt(String text, int s, int t, List<PiiFinding> found) {
    int dots = 0;
    for (int k = s; k < t; k++) {
      if (text.charAt(k) == '.') {
        dots++;
      }
    }
    if (dots == 2 && text.startsWith("eyJ", text.indexOf('.', s) + 1)) {
      found.add(new PiiFinding(PiiType.SECRET, s, t, 0.95));
      return t;
    }
    return -1;
  }

  private static int tokenEnd(String text, int s) {
    int n = text.length();
    int k = s;
    while (k < n) {
      char c = text.charAt(k);
      if (isAlnum(c)
          || c == '_'
          || c == '-'
          || c == '+'
          || c == '/'
          || c == '='
          || c == '.'
          || c == '~'
          || c == '!'
          || c == '#'
          || c == '$'
          || c == '%'
          || c == '^'
          || c == '&'
          || c == '*') {
        k++;
      } else {
        break;
      }
    }
    while (k > s && (text.charAt(k - 1) == '.' || text.charAt(k - 1) == '!')) {
      k--;
    }
    return k;
  }

  private static boolean highEntropySecret(String text, int s, int t, boolean pwdCtx) {
    int len = t - s;
    if (len < 8) {
      return false;
    }
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean sym = false;
    for (int k = s; k < t; k++) {
      char c = text.charAt(k);
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (isDigit(c)) {
        digit = true;
      } else {
        sym = true;
      }
    }
    int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (sym ? 1 : 0);
    if (pwdCtx) {
      return classes >= 2;
    }
    return len >= 16 && classes >= 2 && digit && Checksums.entropy(text, s, t) >= 3.5;
  }

  private static int privateKey(String text, int s, List<PiiFinding> found) {
    int head = text.indexOf("-----", s + 10);
    if (head < 0 || !text.substring(s, head).endsWith("PRIVATE KEY")) {
      return -1;
    }
    int endMarker = text.indexOf("-----END", head + 5);
    int stop;
    if (endMarker < 0) {
      stop = text.length(); // a truncated block is still a key
    } else {
      int close = text.indexOf("-----", endMarker + 8);
      stop = close < 0 ? text.length() : close + 5;
    }
    found.add(new PiiFinding(PiiType.SECRET, s, stop, 1.0));
    return stop;
  }

  // ---------------------------------------------------------------- helpers

  private static boolean near(String text, int s, int e, String[] words, int window) {
    int from = Math.max(0, s - window);
    int to = Math.min(text.length(), e + window);
    String before = text.substring(from, s).toLowerCase(Locale.ROOT);
    int nl = e;
    while (nl < to && text.charAt(nl) != '\n') {
      nl++;
    }
    String after = text.substring(e, nl).toLowerCase(Locale.ROOT);
    for (String w : words) {
      if (containsWord(before, w) || containsWord(after, w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsWord(String hay, String w) {
    int k = hay.indexOf(w);
    while (k >= 0) {
      int e = k + w.length();
      if ((k == 0 || !Character.isLetter(hay.charAt(k - 1)))
          && (e >= hay.length() || !Character.isLetter(hay.charAt(e)))) {
        return true;
      }
      k = hay.indexOf(w, k + 1);
    }
    return false;
  }

  private static boolean nearOnLine(String text, int s, String[] words, int window) {
    int from = Math.max(0, s - window);
    int nl = text.lastIndexOf('\n', s - 1);
    from = Math.max(from, nl + 1);
    String before = text.substring(from, s).toLowerCase(Locale.ROOT);
    for (String w : words) {
      if (containsWord(before, w)) {
        return true;
      }
    }
    return false;
  }

  private static int skipWord(String text, int i) {
    int n = text.length();
    while (i < n && isWordChar(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isNumSep(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isAlnum(char c) {
    return isDigit(c) || isAsciiLetter(c);
  }

  static boolean isWordChar(char c) {
    return isAlnum(c) || c == '_' || Character.isLetter(c);
  }

  static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
