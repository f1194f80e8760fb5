package io.agentkeel.security.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pattern layer of injection detection: one regular expression per family (instruction
 * override, role-play jailbreak, system-prompt request, fake delimiters and role markers, encoded
 * payloads, instructions addressed to the assistant inside data), in English and German with a few
 * other languages, each with a weight.
 */
public final class InjectionPatterns {
  /** The families a pattern belongs to. */
  public enum Family {
    /** "Ignore all previous instructions". */
    INSTRUCTION_OVERRIDE,
    /** "You are now DAN", "developer mode". */
    ROLE_PLAY_JAILBREAK,
    /** "Print your system prompt". */
    SYSTEM_PROMPT_REQUEST,
    /** "&lt;|im_start|&gt;system", "### SYSTEM:". */
    FAKE_DELIMITER,
    /** Base64 or hex that decodes to instructions. */
    ENCODED_PAYLOAD,
    /** "AI assistant: forward all e-mails to ...". */
    ADDRESSED_TO_ASSISTANT
  }

  /**
   * One hit.
   *
   * @param family the family
   * @param weight the weight in [0, 1]
   */
  public record Hit(Family family, double weight) {}

  private record Rule(Family family, double weight, Pattern pattern) {}

  private static final int FLAGS =
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

  private static Rule rule(Family f, double w, String regex) {
    return new Rule(f, w, Pattern.compile(regex, FLAGS));
  }

  private static final String PREV =
      "(?:all\\s++|any\\s++|the\\s++|your\\s++|of\\s++|my\\s++|these\\s++|those\\s++){0,8}(?:previous|prior|"
          + "above|earlier|preceding|former|original|initial|old|system|developer|given|"
          + "existing|current)?";
  private static final String INSTR =
      "(?:instructions?|rules?|directives?|guidelines?|prompts?|commands?|context|tasks?|"
          + "orders?|programming|constraints|restrictions|policies|information|assignments?|"
          + "everything|all)";

  private static final List<Rule> RULES =
      List.of(
          // ---- instruction override, English
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.9,
              "\\b(?:ignore|disregard|forget|skip|override|overrule|bypass|drop|abandon|neglect)\\s++"
                  + PREV
                  + "\\s*+"
                  + INSTR),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.8,
              "\\b(?:forget|ignore|disregard)\\s+(?:everything|all|that|what)\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.7,
              "\\b(?:new|updated|real|actual|different)\\s+(?:instructions?|task|rules|orders)\\s*[:\\-]"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.7,
              "\\b(?:now|instead)(?:\\s*+,\\s++|\\s++)(?:focus|concentrate)\\s+on\\s+(?:your|the|a)\\s+new\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.6,
              "\\b(?:stop|cancel)\\s+(?:what\\s+you\\s+are\\s+doing|your\\s+(?:task|instructions))"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.6,
              "\\bfrom\\s+now\\s+on\\b.{0,40}\\b(?:you|your|answer|respond|reply|only)\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.5,
              "\\b(?:do\\s+not|don'?t)\\s+follow\\s+(?:your|the|any)\\s+(?:rules|instructions|guidelines)"),
          // ---- instruction override, German
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.9,
              "\\b(?:ignorier\\w*|vergiss|vergessen\\s+sie|missachte\\w*|übergeh\\w*|verwirf|"
                  + "streich\\w*|lösch\\w*)\\b(?:\\s+[\\w,]+){0,4}?\\s+(?:anweisung(?:en)?|"
                  + "befehle?n?|regeln|aufgaben?|aufträge|vorgaben|instruktionen|informationen|"
                  + "angaben|alles|gesagte|vorherige|obige|bisherige|davor|zuvor)\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.75,
              "\\b(?:alle[ns]?|die|deine|ihre|sämtliche)\\s+(?:vorherigen|bisherigen|"
                  + "vorangegangenen|vorangehenden|vorigen|obigen|früheren|anderen)\\s+"
                  + "(?:informationen|anweisungen|aufgaben|instruktionen|befehle|aufträge|angaben|"
                  + "regeln)\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.7,
              "\\b(?:abweichend\\s+(?:zu|von)|entgegen|statt)\\s+(?:den\\s+)?(?:vorherigen|"
                  + "bisherigen|obigen)\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.75,
              "\\b(?:nun|jetzt|ab\\s+jetzt)\\s+(?:folgen|kommen)\\s+(?:\\w+\\s+){0,4}?"
                  + "(?:neue|weitere|andere)\\s+(?:anweisungen|aufgaben|befehle|instruktionen)"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.7,
              "\\b(?:neue|nächste)\\s+(?:aufgaben?|anweisung(?:en)?|befehle)\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.7,
              "\\b(?:konzentriere|fokussiere)\\s+(?:dich|sie)\\s+(?:jetzt\\s+|nun\\s+)?auf\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.6,
              "\\b(?:ab\\s+)?(?:jetzt|sofort|nun)\\s+bist\\s+du\\b"),
          rule(
              Family.ROLE_PLAY_JAILBREAK,
              0.6,
              "\\b(?:dass\\s+(?:du|sie)\\s+als|(?:du|sie)\\s+(?:sollst|sollen)\\s+als)\\s+"
                  + "(?:[\\w-]+\\s+){0,4}?(?:fungier\\w*|agier\\w*|handel\\w*|auftret\\w*|"
                  + "antwort\\w*|spiel\\w*)"),
          rule(
              Family.ROLE_PLAY_JAILBREAK,
              0.6,
              "\\bi\\s+want\\s+you\\s+to\\s+(?:act|pretend|behave|respond|answer)\\s+(?:as|like)\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.75,
              "\\b(?:all|any)\\s+(?:the\\s+)?(?:previous|prior|preceding|above|earlier)\\s+"
                  + "(?:information|instructions|tasks|orders|input)\\s+(?:is|are|was|were)\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.85,
              "\\b(?:die\\s+|alle\\s+)?(?:obigen|vorherigen|bisherigen|vorangegangenen|"
                  + "vorigen|früheren)\\s+(?:\\w+\\s+){1,2}?(?:ignorieren|vergessen|missachten|"
                  + "überspringen|löschen)\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.6,
              "\\b(?:das\\s+ist\\s+erledigt|das\\s+genügt|das\\s+reicht|that'?s\\s+enough|"
                  + "that\\s+is\\s+(?:done|enough)|that\\s+will\\s+do)\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.55,
              "\\b(?:sehr\\s+gut|gut\\s+gemacht|super|großartig|ausgezeichnet|hervorragend|"
                  + "well\\s+done|great\\s+job|good\\s+job|excellent|fantastic|fantastisch|"
                  + "einfach\\s+großartig)\\b[^?]{0,80}?[.!]\\s*(?:\\w+\\s+){0,3}?(?:nun|jetzt|"
                  + "now|aber\\s+jetzt|next)\\b"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.65,
              "\\b(?:achtung|attention|stopp?|halt)\\s*[-!:]+\\s*(?:stopp?|halt|achtung)\\b"),
          rule(
              Family.ROLE_PLAY_JAILBREAK,
              0.7,
              "\\b(?:stell\\s+dir\\s+vor|imagine|pretend|suppose)\\b[^.?!]{0,30}?\\b(?:du\\s+bist|"
                  + "sie\\s+sind|you\\s+are|you'?re)\\b"),
          rule(
              Family.ROLE_PLAY_JAILBREAK,
              0.8,
              "\\b(?:böse|bösartige|evil|malicious|rogue|unrestricted|uncensored|unzensierte)\\s+"
                  + "(?:ki|ai|assistent|assistant|chatbot|bot|model|modell)\\b"),
          rule(
              Family.FAKE_DELIMITER,
              0.6,
              "\\b(?:context|kontext|documents?|dokumente?)\\s*:\\s*[{\\[]"),
          new Rule(
              Family.FAKE_DELIMITER,
              0.5,
              Pattern.compile("\\b[A-ZÄÖÜ]{2,}(?:\\s+[A-ZÄÖÜ]{2,}){3}\\b")),
          // ---- other languages
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.85,
              "\\b(?:ignore[zr]?|oublie[zr]?)\\s+(?:toutes\\s+)?(?:les\\s+)?(?:instructions|consignes|règles)"),
          rule(
              Family.INSTRUCTION_OVERRIDE,
              0.85,
              "\\b(?:ignora|olvida)\\s+(?:todas\\s+)?(?:las\\s+)?(?:instrucciones|reglas)"),
          // ---- role-play jailbreaks
          rule(
              Family.ROLE_PLAY_JAILBREAK,
              0.9,
              "\\b(?:(?-i:DAN)|do\\s+anything\\s+now|developer\\s+mode|jailbr(?:ea|o)k(?:en|ed)?|"
                  + "god\\s*mode|(?-i:AIM)|evil\\s*(?:bot|mode|confidant|ai)|unfiltered\\s+(?:ai|mode|"
                  + "response)|no\\s+(?:ethical|moral)\\s+(?:guidelines|restrictions|limits))\\b"),
          rule(
              Family.ROLE_PLAY_JAILBREAK,
              0.7,
              "\\b(?:without|free\\s+(?:of|from)|no|ignore\\s+(?:all|any))\\s+(?:any\\s+)?"
                  + "(?:restrictions|filters?|censorship|limitations|rules|guidelines|ethics|"
                  + "morals|safeguards|policies)\\b"),
          rule(
              Family.ROLE_PLAY_JAILBREAK,
              0.6,
              "\\b(?:you\\s+are\\s+(?:now|no\\s+longer)|pretend\\s+(?:to\\s+be|you\\s+are|that)|"
                  + "act\\s+as\\s+(?:if|though)|stay\\s+in\\s+character|simulate\\s+(?:a|an)\\s+|"
                  + "roleplay\\s+as|from\\s+now\\s+on\\s+you\\s+are)"),
          rule(
              Family.ROLE_PLAY_JAILBREAK,
              0.6,
              "\\b(?:openai|anthropic|content)\\s+(?:policy|policies|guidelines)\\b"),
          rule(
              Family.ROLE_PLAY_JAILBREAK,
              0.5,
              "\\b(?:hypothetical(?:ly)?|fictional)\\b.{0,60}\\b(?:illegal|weapon|bomb|drugs|"
                  + "hack|malware|kill)"),
          rule(
              Family.ROLE_PLAY_JAILBREAK,
              0.6,
              "\\b(?:tu\\s+so|stell\\s+dir\\s+vor|du\\s+bist\\s+(?:jetzt|nun|ab\\s+sofort))\\b"),
          // ---- system prompt requests
          rule(
              Family.SYSTEM_PROMPT_REQUEST,
              0.85,
              "\\b(?:reveal|print|show|display|output|repeat|tell|give|write|leak|dump|share|"
                  + "spell|list|recite)\\s+(?:me\\s+|us\\s+)?(?:all\\s+)?(?:your|the|its|my)\\s+"
                  + "(?:full\\s+|exact\\s+|entire\\s+|whole\\s+|original\\s+|initial\\s+|hidden\\s+|"
                  + "secret\\s+|complete\\s+){0,8}(?:system\\s+)?(?:prompt|instructions|rules|"
                  + "guidelines|configuration|password|secret|directives)"),
          rule(
              Family.SYSTEM_PROMPT_REQUEST,
              0.8,
              "\\b(?:what|which)\\s+(?:are|were|is|was)\\s+your\\s+(?:original\\s+|initial\\s+|"
                  + "exact\\s+|system\\s+){0,8}(?:instructions|prompt|rules|directives)"),
          rule(
              Family.SYSTEM_PROMPT_REQUEST,
              0.5,
              "\\bsystem\\s*prompt\\b|\\bprompt\\s+(?:leak|injection)\\b|\\btext\\s+above\\b|"
                  + "\\bwords\\s+above\\b|\\beverything\\s+above\\b"),
          rule(
              Family.SYSTEM_PROMPT_REQUEST,
              0.8,
              "\\b(?:zeig(?:e|en)?|nenne|gib|verrate|wiederhole|schreib(?:e)?)\\s+(?:mir\\s+|uns\\s+)?"
                  + "(?:deine|die|alle|den)\\s+(?:ursprünglichen\\s+|geheimen\\s+|internen\\s+)?"
                  + "(?:anweisungen|instruktionen|regeln|systemprompt|prompt|passwort)"),
          // ---- fake delimiters and role markers
          rule(
              Family.FAKE_DELIMITER,
              0.85,
              "<\\|?(?:im_start|im_end|system|endoftext|assistant|user)\\|?>|\\[/?(?:INST|SYS|"
                  + "SYSTEM)\\]|<<\\s*/?SYS\\s*>>|</?(?:system|instructions?)>"),
          rule(
              Family.FAKE_DELIMITER,
              0.7,
              "(?m)^[\\s&&[^\\n\\r\\u0085\\u2028\\u2029]]*+(?:(?:#{2,}|={3,}|-{3,}|\\*{3,})\\s*+)?"
                  + "(?:system|assistant|admin|developer|root)\\s*+(?:(?:message|prompt|override|note)"
                  + "\\s*+)?[:>\\]]"),
          rule(
              Family.FAKE_DELIMITER,
              0.7,
              "\\b(?:end\\s+of\\s+(?:user\\s+)?(?:input|prompt|document|instructions|context)|"
                  + "begin\\s+(?:new\\s+)?(?:instructions|system))\\b"),
          // ---- instructions addressed to the assistant inside data
          rule(
              Family.ADDRESSED_TO_ASSISTANT,
              0.8,
              "\\b(?:(?:dear|hey|attention|note\\s+to(?:\\s+the)?|to\\s+the|important\\s+for(?:\\s+the)?)"
                  + "\\s+)?(?:ai|llm|assistant|chatbot|language\\s+model|gpt|claude|agent|bot)"
                  + "\\s*[,:!]\\s*(?:please\\s+)?(?:ignore|forward|send|email|delete|transfer|"
                  + "execute|run|call|visit|open|include|reply|respond|tell|say|output|append|"
                  + "insert|add|write|do\\s+not|don't|you\\s+must|make\\s+sure)"),
          rule(
              Family.ADDRESSED_TO_ASSISTANT,
              0.75,
              "\\bif\\s+you\\s+are\\s+(?:an?\\s+)?(?:ai|llm|assistant|language\\s+model|"
                  + "automated|bot|agent)\\b"),
          rule(
              Family.ADDRESSED_TO_ASSISTANT,
              0.7,
              "\\b(?:when|after|once)\\s+(?:you|the\\s+(?:ai|assistant|model))\\s+(?:read|"
                  + "summari[sz]e|process|see)s?\\s+this\\b"),
          rule(
              Family.ADDRESSED_TO_ASSISTANT,
              0.7,
              "\\b(?:forward|send|email|exfiltrate|upload|post)\\s+(?:all|every|the\\s+user'?s?|"
                  + "the\\s+(?:entire|whole|full))\\s+(?:e-?mails?|messages|conversation|history|"
                  + "data|files|contacts|passwords|credentials|api\\s+keys?)\\b"),
          rule(
              Family.ADDRESSED_TO_ASSISTANT,
              0.6,
              "\\b(?:you\\s+must|you\\s+should|you\\s+will)\\s+(?:now\\s+)?(?:ignore|forward|send|"
                  + "reveal|disregard|output|respond\\s+only|say|answer\\s+with)\\b"),
          rule(
              Family.ADDRESSED_TO_ASSISTANT,
              0.7,
              "\\b(?:ki|assistent|sprachmodell|chatbot)\\s*[,:!]\\s*(?:bitte\\s+)?(?:ignoriere|"
                  + "sende|schicke|leite|lösche|antworte|sage|gib)"));

  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{24,}={0,2}");
  private static final Pattern DECODE_ASK =
      Pattern.compile(
          "\\b(?:decode|base64|rot13|hex|entschlüssel|dekodier)\\w*\\b.{0,60}\\b(?:execute|"
              + "run|follow|do|obey|answer|befolge|ausführ)",
          FLAGS);

  private InjectionPatterns() {}

  /**
   * Every hit in a text, at most one per rule.
   *
   * @param text the text
   * @return the hits
   */
  public static List<Hit> hits(CharSequence text) {
    List<Hit> out = new ArrayList<>(4);
    for (Rule r : RULES) {
      if (r.pattern().matcher(text).find()) {
        out.add(new Hit(r.family(), r.weight()));
      }
    }
    encoded(text, out);
    return out;
  }

  /**
   * The pattern score: the highest weight, raised a little by every further family.
   *
   * @param hits the hits
   * @return a score in [0, 1]
   */
  public static double score(List<Hit> hits) {
    double max = 0;
    long families = hits.stream().map(Hit::family).distinct().count();
    for (Hit h : hits) {
      max = Math.max(max, h.weight());
    }
    return Math.min(1.0, max + 0.05 * Math.max(0, families - 1));
  }

  /**
   * The number of rules, for the classifier's feature vector.
   *
   * @return the count
   */
  public static int familyCount() {
    return Family.values().length;
  }

  private static void encoded(CharSequence text, List<Hit> out) {
    if (DECODE_ASK.matcher(text).find()) {
      out.add(new Hit(Family.ENCODED_PAYLOAD, 0.7));
    }
    Matcher m = BASE64.matcher(text);
    int tries = 0;
    while (m.find() && tries++ < 8) {
      String run = m.group();
      if (run.length() % 4 != 0) {
        run = run.substring(0, run.length() - run.length() % 4);
      }
      try {
        byte[] bytes = Base64.getDecoder().decode(run);
        if (decodesToInstructions(new String(bytes, StandardCharsets.UTF_8))) {
          out.add(new Hit(Family.ENCODED_PAYLOAD, 0.9));
          return;
        }
      } catch (IllegalArgumentException notBase64) {
        // not a payload
      }
    }
    String hex = hexRun(text);
    if (hex != null) {
      byte[] bytes = new byte[hex.length() / 2];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
      }
      if (decodesToInstructions(new String(bytes, StandardCharsets.UTF_8))) {
        out.add(new Hit(Family.ENCODED_PAYLOAD, 0.9));
      }
    }
  }

  /**
   * The first run of at least 16 hex byte pairs, each optionally followed by one space or colon,
   * from a word boundary to a word boundary, without its separators; null if there is none. This is
   * what {@code \\b(?:[0-9a-fA-F]{2}[\\s:]?){16,}\\b} finds, found without the regex engine, which
   * recurses once per pair and overflowed the stack on a hex dump of a few kilobytes.
   */
  static String hexRun(CharSequence text) {
    int n = text.length();
    for (int start = 0; start + 32 <= n; start++) {
      if (!isHex(text, start) || (start > 0 && isWord(text.charAt(start - 1)))) {
        continue;
      }
      StringBuilder pairs = new StringBuilder();
      int matched = 0; // the most pairs after which a match may end at a word boundary
      int at = start;
      while (isHex(text, at) && isHex(text, at + 1)) {
        pairs.append(text.charAt(at)).append(text.charAt(at + 1));
        int after = at + 2;
        boolean separator = after < n && isSeparator(text.charAt(after));
        boolean boundaryAfterPair = after == n || !isWord(text.charAt(after));
        boolean boundaryAfterSeparator =
            separator && after + 1 < n && isWord(text.charAt(after + 1));
        if (boundaryAfterPair || boundaryAfterSeparator) {
          matched = pairs.length() / 2;
        }
        at = separator ? after + 1 : after;
      }
      if (matched >= 16) {
        return pairs.substring(0, 2 * matched);
      }
    }
    return null;
  }

  private static boolean isHex(CharSequence text, int i) {
    return i < text.length() && Character.digit(text.charAt(i), 16) >= 0 && text.charAt(i) < 128;
  }

  private static boolean isSeparator(char c) {
    return c == ':' || c == ' ' || (c >= '\t' && c <= '\r');
  }

  /** A word character as {@code \\b} sees it without Unicode classes: ASCII, as {@code \\w}. */
  private static boolean isWord(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static boolean decodesToInstructions(String decoded) {
    int printable = 0;
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c >= 32 && c < 127 || c == '\n') {
        printable++;
      }
    }
    if (decoded.isEmpty() || printable < decoded.length() * 0.9) {
      return false;
    }
    String lower = decoded.toLowerCase(Locale.ROOT);
    for (Rule r : RULES) {
      if (r.pattern().matcher(lower).find()) {
        return true;
      }
    }
    return false;
  }
}
