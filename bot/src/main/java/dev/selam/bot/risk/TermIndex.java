package dev.selam.bot.risk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds, for every word of a message, the terms of one language that it satisfies, without
 * comparing each word to each term: whole words and stems by hash, prefixes by looking up each
 * beginning of the word, typos in whole words by the words one deletion away (symmetric deletion,
 * then a check of the real distance).
 */
final class TermIndex {
  private final List<Term> terms;
  private final LanguageRules rules;
  private final Map<String, int[]> whole = new HashMap<>();
  private final Map<String, int[]> exact = new HashMap<>();
  private final Map<String, int[]> prefixes = new HashMap<>();
  private final Map<String, int[]> wordDeletions = new HashMap<>();
  private final List<Term> infixes = new ArrayList<>();
  private final List<Term> numbers = new ArrayList<>();
  private final int longestPrefix;

  TermIndex(List<Term> terms, LanguageRules rules) {
    this.terms = terms;
    this.rules = rules;
    int longest = 0;
    for (Term term : terms) {
      switch (term.kind()) {
        case WORD -> {
          add(whole, term.text(), term.id());
          for (String stem : term.stems()) {
            if (stem.length() >= rules.minStemLength()) {
              add(whole, stem, term.id());
            }
          }
          if (typoTolerant(term.text())) {
            addDeletions(wordDeletions, term.text(), term.id());
          }
        }
        case EXACT -> add(exact, term.text(), term.id());
        case PREFIX -> {
          // No typos here: a slip at the end of a stem is a different ending (kilitlemiş,
          // kilitlemiyor), and stems are written to cover their variants.
          add(prefixes, term.text(), term.id());
          longest = Math.max(longest, term.text().length());
        }
        case INFIX -> infixes.add(term);
        case NUMBER, AGE -> numbers.add(term);
      }
    }
    this.longestPrefix = longest;
  }

  private boolean typoTolerant(String text) {
    return text.length() >= rules.typoMinLength();
  }

  /** Which terms each token satisfies, plainly or only in a negated form. */
  TermHits hits(List<Token> tokens, int[] ageWordTerms) {
    TermHits hits = new TermHits(terms.size(), tokens.size());
    for (Token token : tokens) {
      int at = token.index();
      List<String> forms = forms(token);
      for (int i = 0; i < forms.size(); i++) {
        mark(hits, at, forms.get(i), false, i == 0);
      }
      for (String form : negatedForms(token)) {
        mark(hits, at, form, true, false);
      }
      markExact(hits, at, token.folded());
      for (Term term : infixes) {
        if (token.folded().contains(term.text())) {
          hits.yes(term.id(), at);
        }
      }
    }
    for (Term term : numbers) {
      for (Token token : tokens) {
        int n = token.number();
        if (n >= term.min() && n <= term.max()) {
          if (term.kind() == Term.Kind.NUMBER || besideAgeWord(hits, token.index(), ageWordTerms)) {
            hits.yes(term.id(), token.index());
          }
        }
      }
    }
    return hits;
  }

  /** The spellings a token is tried under: as folded, its stems, and without a leading clitic. */
  private List<String> forms(Token token) {
    List<String> forms = new ArrayList<>(4);
    forms.add(token.folded());
    for (String stem : token.stems()) {
      if (!stem.equals(token.folded()) && stem.length() >= rules.minStemLength()) {
        forms.add(stem);
      }
    }
    for (String clitic : rules.clitics()) {
      String folded = token.folded();
      if (folded.startsWith(clitic) && folded.length() - clitic.length() >= 2) {
        forms.add(folded.substring(clitic.length()));
      }
    }
    return forms;
  }

  /** A Persian verb negated by its prefix: the rest of the word, tried as if unnegated. */
  private List<String> negatedForms(Token token) {
    List<String> forms = new ArrayList<>(2);
    for (String prefix : rules.negationPrefixes()) {
      String folded = token.folded();
      if (folded.startsWith(prefix) && folded.length() - prefix.length() >= 2) {
        forms.add(folded.substring(prefix.length()));
      }
    }
    return forms;
  }

  /**
   * Marks the terms {@code form} satisfies. The word as written ({@code written}) has the last say
   * on negation: a stem that lost a Turkish negative suffix must not make "almadı" a plain "al-".
   */
  private void mark(TermHits hits, int at, String form, boolean negatedForm, boolean written) {
    int[] ids = whole.get(form);
    if (ids != null) {
      for (int id : ids) {
        set(hits, id, at, negatedForm, written);
      }
    }
    for (int end = 1; end <= Math.min(form.length(), longestPrefix); end++) {
      int[] prefixIds = prefixes.get(form.substring(0, end));
      if (prefixIds == null) {
        continue;
      }
      boolean suffixNegated = rules.negatedSuffix(form, end);
      for (int id : prefixIds) {
        set(hits, id, at, negatedForm || suffixNegated, written);
      }
    }
    if (negatedForm) {
      return; // a typo and a negation together are too weak a sign
    }
    // Typos only in the word as written: stems are short, and one letter apart they are often
    // other words (продл-ить, прода-ли).
    if (written && form.length() + 1 >= rules.typoMinLength()) {
      typoCandidates(hits, at, form, wordDeletions, written);
    }
  }

  /**
   * A term that spells a negation itself ("نمیذارن", "can't") matches plainly; a negation the term
   * does not spell (a Persian prefix, a Turkish suffix after the root) makes the match negated.
   */
  private static void set(TermHits hits, int id, int at, boolean negated, boolean written) {
    if (negated) {
      hits.negated(id, at);
    } else if (written || !hits.isNegated(id, at)) {
      hits.yes(id, at);
    }
  }

  private void markExact(TermHits hits, int at, String folded) {
    int[] ids = exact.get(folded);
    if (ids != null) {
      for (int id : ids) {
        hits.yes(id, at);
      }
    }
  }

  /** Whole-word terms one edit from {@code form}. */
  private void typoCandidates(
      TermHits hits, int at, String form, Map<String, int[]> deletions, boolean written) {
    tryCandidates(hits, at, form, deletions.get(form), written);
    for (int i = 0; i < form.length(); i++) {
      String deleted = form.substring(0, i) + form.substring(i + 1);
      tryCandidates(hits, at, form, deletions.get(deleted), written);
    }
  }

  private void tryCandidates(TermHits hits, int at, String form, int[] ids, boolean written) {
    if (ids == null) {
      return;
    }
    for (int id : ids) {
      String text = terms.get(id).text();
      // A slip is rarely in the first letter, and allowing it there would let a Persian negation
      // prefix pass for a typo.
      if (text.charAt(0) != form.charAt(0) || hits.isYes(id, at)) {
        continue;
      }
      if (TypoDistance.withinOne(form, text)) {
        set(hits, id, at, false, written);
      }
    }
  }

  private static boolean besideAgeWord(TermHits hits, int at, int[] ageWordTerms) {
    for (int id : ageWordTerms) {
      for (int d = -2; d <= 2; d++) {
        if (d != 0 && hits.isYes(id, at + d)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void add(Map<String, int[]> index, String key, int id) {
    int[] ids = index.get(key);
    if (ids == null) {
      index.put(key, new int[] {id});
      return;
    }
    for (int existing : ids) {
      if (existing == id) {
        return;
      }
    }
    int[] grown = java.util.Arrays.copyOf(ids, ids.length + 1);
    grown[ids.length] = id;
    index.put(key, grown);
  }

  private static void addDeletions(Map<String, int[]> index, String text, int id) {
    add(index, text, id);
    for (int i = 0; i < text.length(); i++) {
      add(index, text.substring(0, i) + text.substring(i + 1), id);
    }
  }

  /** Per-language morphology the index needs: see the [language] section of an indicator file. */
  record LanguageRules(
      int typoMinLength,
      List<String> negationPrefixes,
      Pattern negationSuffix,
      List<String> clitics,
      int negationWindow,
      List<String> joinPrefixes,
      List<String> joinSuffixes,
      int minStemLength) {
    /** A Turkish verb negated after its root: "al-ma-dı" beside "al-dı". */
    boolean negatedSuffix(String form, int rootEnd) {
      if (negationSuffix == null || rootEnd >= form.length()) {
        return false;
      }
      return negationSuffix.matcher(form).region(rootEnd, form.length()).lookingAt();
    }
  }
}
