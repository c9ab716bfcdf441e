package dev.selam.bot.risk;

import java.util.List;

/**
 * One word of a message: as written (for the operator), folded (accents and letter variants
 * removed, every word kept), its stems from the search chain (none for a stop word), and where it
 * stands: sentences bound proximity, clauses bound negation.
 *
 * @param number the word's value when it is a whole number (digits of any script), else -1
 */
record Token(
    String original,
    String folded,
    List<String> stems,
    int index,
    int sentence,
    int clause,
    int number) {}
