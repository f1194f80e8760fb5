package io.agentkeel.security.internal;

import static io.agentkeel.security.internal.IpAddresses.ipv6End;
import static io.agentkeel.security.internal.ScanChars.isAlnum;
import static io.agentkeel.security.internal.ScanChars.isAsciiLetter;
import static io.agentkeel.security.internal.ScanChars.isDigit;
import static io.agentkeel.security.internal.ScanChars.isHex;

import io.agentkeel.security.PiiFinding;
import io.agentkeel.security.PiiType;
import java.util.List;
import java.util.Locale;

/**
 * Judges a word: an IPv6 address that starts with a hex letter, an IBAN (mod-97; a bad checksum is
 * kept whole as a look-alike), a cloud, VCS or model-provider key by its prefix, a JWT, a
 * high-entropy token after a secret-like word, and private key blocks.
 */
final class WordRecogniser {
  private WordRecogniser() {}

  static int word(
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

  private static int iban(String text, int s, List<PiiFinding> found) {
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

  private static int knownKey(String text, int s, int end, List<PiiFinding> found) {
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

  private static int jwt(String text, int s, int t, List<PiiFinding> found) {
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

  static int privateKey(String text, int s, List<PiiFinding> found) {
    int head = text.indexOf("-----", s + 10);
    if (head < 0 || !text.substring(s, head).endsWith("PRIVATE KEY")) {
      return -1;
    }
    int endMarker = text.indexOf("-----END", head + 5);
    int stop;
    if (endMarker < 0) {
      // a truncated block is still a key, up to the end of the text or of the JSON string it is
      // in (no key holds a quote): else its redaction took the string's closing quote with it
      int quote = text.indexOf('"', head + 5);
      stop = quote < 0 ? text.length() : quote;
    } else {
      int close = text.indexOf("-----", endMarker + 8);
      stop = close < 0 ? text.length() : close + 5;
    }
    found.add(new PiiFinding(PiiType.SECRET, s, stop, 1.0));
    return stop;
  }
}
