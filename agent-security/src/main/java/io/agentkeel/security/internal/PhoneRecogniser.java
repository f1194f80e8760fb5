package io.agentkeel.security.internal;

import static io.agentkeel.security.internal.ScanChars.isAsciiLetter;
import static io.agentkeel.security.internal.ScanChars.isDigit;
import static io.agentkeel.security.internal.ScanChars.near;
import static io.agentkeel.security.internal.ScanChars.nearOnLine;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scores a phone-shaped run of digits: a country code, libphonenumber's validity in the configured
 * regions, phone words nearby, and the words that make it a house number, postcode or order number
 * instead; and tells dates, versions and amounts apart from numbers worth judging.
 */
final class PhoneRecogniser {
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

  private final List<String> regions;

  PhoneRecogniser(List<String> regions) {
    this.regions = List.copyOf(regions);
  }

  double phoneScore(String text, int s, int end, int groups, int digits) {
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

  boolean phoneContext(String text, int s, int end) {
    return near(text, s, end, PHONE_WORDS, 28);
  }

  static boolean isExtensionAt(String text, int i) {
    int n = text.length();
    if (i < n && (text.charAt(i) == 'x' || text.charAt(i) == 'X')) {
      return i + 1 < n && isDigit(text.charAt(i + 1));
    }
    return text.regionMatches(true, i, "ext", 0, 3)
        || text.regionMatches(true, i, " ext", 0, 4)
        || text.regionMatches(true, i, " x", 0, 2) && i + 2 < n && isDigit(text.charAt(i + 2));
  }

  static boolean isDate(String text, int s, int end) {
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

  static boolean looksLikeVersionOrAmount(String text, int s, int end) {
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
}
