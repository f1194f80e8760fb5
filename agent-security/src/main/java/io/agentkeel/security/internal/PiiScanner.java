package io.agentkeel.security.internal;

import static io.agentkeel.security.internal.ScanChars.endsWithIgnoreCase;
import static io.agentkeel.security.internal.ScanChars.isAlnum;
import static io.agentkeel.security.internal.ScanChars.isAsciiLetter;
import static io.agentkeel.security.internal.ScanChars.isDigit;
import static io.agentkeel.security.internal.ScanChars.isWordChar;
import static io.agentkeel.security.internal.ScanChars.skipWord;

import io.agentkeel.security.PiiFinding;
import io.agentkeel.security.PiiType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One pass over a text that finds candidates by their first character (a digit, '+', '(', '@', a
 * letter that may start an IBAN, key or IPv6 address, "-----BEGIN") and validates each with its
 * checksum or parser. Regular expressions are avoided on the hot path: the scanner must stay above
 * 50 MB/s per core on mixed text.
 *
 * <p>The scan and the e-mail addresses are here; numbers are judged by {@link NumberRecogniser}
 * (with {@link PhoneRecogniser} and {@link IpAddresses}) and words by {@link WordRecogniser}.
 */
public final class PiiScanner {
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
  private final NumberRecogniser numbers;
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
    this.numbers = new NumberRecogniser(new PhoneRecogniser(regions), minScore);
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
    // where the last JSON escape ended: in "call\n+1 415..." (tool arguments as JSON) the 'n' of
    // the escape is no letter of the text, so what follows starts a value rather than continuing a
    // word, and an e-mail address's local part does not reach back into the escape
    int escapeEnd = -1;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '@') {
        email(text, i, Math.max(escapeEnd, 0), found);
        i++;
      } else if (isDigit(c)
          || ((c == '+' || c == '(') && i + 1 < n && isDigit(text.charAt(i + 1)))) {
        if (i > 0 && i != escapeEnd && isWordChar(text.charAt(i - 1))) {
          // digits glued to letters: part of an identifier. At a '+' or '(' after a word
          // character ("a+1", "f(2)", "1+4") skipWord does not move: step past it, else the scan
          // never ends.
          i = Math.max(skipWord(text, i), i + 1);
          continue;
        }
        int next = numbers.numeric(text, i, found);
        i = Math.max(next, i + 1);
      } else if (isAsciiLetter(c) || c == '_') {
        if (i > 0 && i != escapeEnd && isWordChar(text.charAt(i - 1))) {
          i++;
          continue;
        }
        int end = skipWord(text, i);
        int consumed =
            WordRecogniser.word(text, i, end, found, secretContextUntil >= i, passwordContext);
        if (isSecretWord(text, i, end)) {
          secretContextUntil = end + 48;
          passwordContext = isPasswordWord(text, i, end);
        }
        i = Math.max(consumed, end);
      } else if (c == '-' && text.startsWith("-----BEGIN", i)) {
        i = Math.max(WordRecogniser.privateKey(text, i, found), i + 1);
      } else if (c == '\\') {
        int escape = JsonEscapes.length(text, i);
        if (escape > 0) {
          escapeEnd = i + escape;
        }
        i += Math.max(escape, 1);
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

  private void email(String text, int at, int from, List<PiiFinding> found) {
    int s = at;
    while (s > from && isLocalChar(text.charAt(s - 1))) {
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
      if (isDomainChar(c)) {
        e++;
      } else if (c == '.'
          && e + 1 < n
          && isDomainChar(text.charAt(e + 1))
          && text.charAt(e + 1) != '-'
          && text.charAt(e - 1) != '.') {
        lastDot = e;
        e++;
      } else {
        break;
      }
    }
    if (lastDot < 0 || e - lastDot - 1 < 2 || !isTopLevelDomain(text, lastDot + 1, e)) {
      return;
    }
    found.add(new PiiFinding(PiiType.EMAIL_ADDRESS, s, e, 0.95));
  }

  /**
   * A character of a domain label: ASCII letters, digits and hyphens, and the letters and digits of
   * internationalised domain names ("bücher.de", "пример.рф"), which would otherwise end the scan
   * and leave the whole address in the text.
   */
  private static boolean isDomainChar(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '-' || (c > 0x7f && Character.isLetterOrDigit(c));
  }

  /** Letters only ("de", "рф"), or a punycode label ("xn--p1ai"). */
  private static boolean isTopLevelDomain(String text, int from, int to) {
    if (text.startsWith("xn--", from) && to - from > 4) {
      for (int k = from + 4; k < to; k++) {
        if (!isAlnum(text.charAt(k))) {
          return false;
        }
      }
      return true;
    }
    for (int k = from; k < to; k++) {
      if (!Character.isLetter(text.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLocalChar(char c) {
    // RFC 6531 local parts may hold any letter ("müller@"): stopping at the first non-ASCII one
    // would redact only the tail of the address and leave its start in the text
    return isAlnum(c)
        || c == '.'
        || c == '_'
        || c == '%'
        || c == '+'
        || c == '-'
        || c == '\''
        || Character.isLetterOrDigit(c);
  }
}
