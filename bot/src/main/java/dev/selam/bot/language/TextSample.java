package dev.selam.bot.language;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words of a message in its main script. A Russian question that names a Turkish office, or an
 * English "ok" before Cyrillic text, is judged on its Cyrillic words alone: mixed scripts mislead
 * n-gram models, and the borrowed words say nothing about the writer's language.
 */
record TextSample(Script script, List<String> words, int letters) {

  static TextSample of(String text) {
    List<String> tokens = tokens(text);
    Map<Script, Integer> letters = new EnumMap<>(Script.class);
    for (String token : tokens) {
      letters.merge(scriptOf(token), letterCount(token), Integer::sum);
    }
    Script main =
        letters.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse(Script.OTHER);
    List<String> words = new ArrayList<>();
    for (String token : tokens) {
      if (scriptOf(token) == main) {
        words.add(token.toLowerCase(Locale.ROOT));
      }
    }
    return new TextSample(main, List.copyOf(words), letters.getOrDefault(main, 0));
  }

  boolean isEmpty() {
    return words.isEmpty();
  }

  /** The words joined by spaces: what Lingua and the script rules read. */
  String text() {
    return String.join(" ", words);
  }

  boolean contains(String characters) {
    for (String word : words) {
      for (int i = 0; i < word.length(); i++) {
        if (characters.indexOf(word.charAt(i)) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Runs of letters, keeping inside a word the marks, apostrophes (Ukrainian п'ять, Turkish
   * Türkiye'de) and the zero-width non-joiner of Persian plurals (زبان‌ها).
   */
  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      boolean inWord =
          Character.isLetter(cp)
              || (!word.isEmpty()
                  && (Character.getType(cp) == Character.NON_SPACING_MARK
                      || cp == '\''
                      || cp == '\u2019'
                      || cp == '\u02BC'
                      || cp == '\u200C'));
      if (inWord) {
        word.appendCodePoint(cp);
      } else if (!word.isEmpty()) {
        tokens.add(trimJoiners(word));
        word.setLength(0);
      }
      i += Character.charCount(cp);
    }
    if (!word.isEmpty()) {
      tokens.add(trimJoiners(word));
    }
    return tokens;
  }

  private static String trimJoiners(StringBuilder word) {
    int end = word.length();
    while (end > 0 && !Character.isLetter(word.charAt(end - 1))) {
      end--;
    }
    return word.substring(0, end);
  }

  private static Script scriptOf(String token) {
    return Script.of(token.codePointAt(0));
  }

  private static int letterCount(String token) {
    return (int) token.codePoints().filter(Character::isLetter).count();
  }
}
