package io.agentkeel.security.internal;

import static io.agentkeel.security.internal.ScanChars.isAsciiLetter;
import static io.agentkeel.security.internal.ScanChars.isDigit;
import static io.agentkeel.security.internal.ScanChars.isHex;

import java.util.Locale;

/** Recognises IPv4 and IPv6 addresses by shape, rejecting versions, OIDs and times. */
final class IpAddresses {
  private IpAddresses() {}

  static int ipv4End(String text, int s) {
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

  static double ipv4Score(String text, int s, int e) {
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
}
