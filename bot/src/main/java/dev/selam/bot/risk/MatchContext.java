package dev.selam.bot.risk;

import java.util.List;

/** What a pattern needs to know about one message while it searches it. */
record MatchContext(
    List<Token> tokens,
    TermHits hits,
    boolean[] blockedWords,
    int[] negatorsBefore,
    int[] negatorsAfter,
    int[] boundaries,
    int negationWindow,
    int negationWindowAfter) {

  int sentence(int at) {
    return tokens.get(at).sentence();
  }

  int clause(int at) {
    return tokens.get(at).clause();
  }

  boolean blocked(int at) {
    return blockedWords != null && blockedWords[at];
  }

  /** Some term satisfies the word plainly; a word that only a negated form satisfies does not. */
  boolean satisfiedPlainly(int[] terms, int at) {
    for (int term : terms) {
      if (hits.isYes(term, at)) {
        return true;
      }
    }
    return false;
  }

  boolean satisfiedBy(int[] terms, int at) {
    for (int term : terms) {
      if (hits.any(term, at)) {
        return true;
      }
    }
    return false;
  }

  MatchContext blocking(boolean[] blocked) {
    return new MatchContext(
        tokens,
        hits,
        blocked,
        negatorsBefore,
        negatorsAfter,
        boundaries,
        negationWindow,
        negationWindowAfter);
  }
}
