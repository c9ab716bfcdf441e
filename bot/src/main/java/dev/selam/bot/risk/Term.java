package dev.selam.bot.risk;

import java.util.List;

/**
 * One word test in a pattern, as written in an indicator file.
 *
 * <ul>
 *   <li>{@code WORD} ({@code passport}): the folded word or one of its stems, with one typo allowed
 *       in long words;
 *   <li>{@code PREFIX} ({@code kilitl*}): a folded word or stem that starts so, for languages whose
 *       endings a stemmer does not remove (Turkish verbs, Persian and Arabic clitics);
 *   <li>{@code INFIX} ({@code *زوج*}): a folded word that contains it;
 *   <li>{@code EXACT} ({@code =no}): exactly this folded word, no stemming, no typos;
 *   <li>{@code NUMBER} ({@code #} or {@code #1-17}): a whole number in the range;
 *   <li>{@code AGE} ({@code #minor}): a number under 18 beside one of the language's age words.
 * </ul>
 */
record Term(int id, Kind kind, String text, List<String> stems, int min, int max) {
  enum Kind {
    WORD,
    PREFIX,
    INFIX,
    EXACT,
    NUMBER,
    AGE
  }

  /** The key under which equal terms are shared between patterns. */
  static String key(Kind kind, String text, int min, int max) {
    return kind + ":" + text + ":" + min + ":" + max;
  }
}
