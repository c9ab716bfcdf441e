package dev.selam.knowledge.search;

import dev.selam.knowledge.search.ArticleIndex.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOSupplier;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * A word of a question as the index knows it: the forms spelled as indexed (the word and its
 * synonyms), or close spellings when there are none (typos), how telling it is, and where each form
 * sits in each field of the question's language. Worked out once per word and index reader (see
 * {@link TermStatistics#word}), so a search looks nothing up in the terms dictionary for a word
 * asked about before.
 *
 * @param exact the word's forms the index holds
 * @param fuzzy indexed terms close to the word, when it has no exact form
 * @param weight how telling the word is (IDF); a word no article uses weighs like the rarest word,
 *     since it is what the question is about
 * @param forms per field, the forms that field holds
 */
record QuestionWord(
    List<String> exact, List<String> fuzzy, double weight, Map<String, List<Form>> forms) {
  private static final float FUZZY_WEIGHT = 0.6f;
  private static final double FUZZY_KNOWN = 0.5;

  /** One form as one field indexes it, and how much a match counts. */
  record Form(Term term, TermStates states, float weight) {}

  /**
   * Looks the word up; {@code forms} are the word and its synonyms at one position. Close spellings
   * are looked for only when no form is indexed and {@code closeSpellings} is set.
   */
  static QuestionWord resolve(
      IndexReader reader,
      TermStatistics statistics,
      List<String> forms,
      String language,
      boolean closeSpellings) {
    List<String> exact = new ArrayList<>();
    List<String> fuzzy = new ArrayList<>();
    int bestDf = 0;
    for (String form : forms) {
      int df = statistics.docFreq(form, language);
      if (df > 0) {
        exact.add(form);
        bestDf = Math.max(bestDf, df);
      }
    }
    if (exact.isEmpty() && closeSpellings) {
      for (String form : forms) {
        for (String near : nearTerms(reader, form, language)) {
          if (!fuzzy.contains(near)) {
            fuzzy.add(near);
            bestDf = Math.max(bestDf, statistics.docFreq(near, language));
          }
        }
      }
    }
    Map<String, List<Form>> byField = new HashMap<>();
    for (String field : searchedFields(language)) {
      List<Form> inField = new ArrayList<>();
      addForms(inField, statistics, field, exact, 1.0f);
      addForms(inField, statistics, field, fuzzy, FUZZY_WEIGHT);
      if (!inField.isEmpty()) {
        byField.put(field, List.copyOf(inField));
      }
    }
    return new QuestionWord(
        List.copyOf(exact),
        List.copyOf(fuzzy),
        statistics.idf(bestDf, language),
        Map.copyOf(byField));
  }

  /** How many term clauses the word adds to a query: one per form per field. */
  int clauses() {
    int clauses = 0;
    for (List<Form> inField : forms.values()) {
      clauses += inField.size();
    }
    return clauses;
  }

  boolean known() {
    return !exact.isEmpty() || !fuzzy.isEmpty();
  }

  /**
   * How much of the word the index knows: all of it when spelled as indexed, part when only close
   * spellings exist (a typo, or a different word that happens to look alike).
   */
  double knownWeight() {
    return !exact.isEmpty() ? weight : fuzzy.isEmpty() ? 0 : weight * FUZZY_KNOWN;
  }

  boolean matchesAny(Set<String> terms) {
    for (String term : exact) {
      if (terms.contains(term)) {
        return true;
      }
    }
    for (String term : fuzzy) {
      if (terms.contains(term)) {
        return true;
      }
    }
    return false;
  }

  /** One clause over the article's parts, each part weighted by its boost; null when none. */
  Query articleQuery(String language) {
    List<Query> alternatives = new ArrayList<>();
    for (Part part : Part.values()) {
      Query q = query(part.field(language), part.boost);
      if (q != null) {
        alternatives.add(q);
      }
    }
    return oneOf(alternatives, 0.2f);
  }

  /** The word's forms in {@code field}; null when the field holds none. */
  Query query(String field, float boost) {
    List<Query> alternatives = new ArrayList<>();
    for (Form form : forms.getOrDefault(field, List.of())) {
      alternatives.add(
          new BoostQuery(new TermQuery(form.term(), form.states()), boost * form.weight()));
    }
    return oneOf(alternatives, 0.0f);
  }

  private static Query oneOf(List<Query> alternatives, float tieBreaker) {
    return switch (alternatives.size()) {
      case 0 -> null;
      case 1 -> alternatives.get(0);
      default -> new DisjunctionMaxQuery(alternatives, tieBreaker);
    };
  }

  /**
   * Which of {@code docs} contain one of this word's forms in one of {@code fields}: each form's
   * postings, found where the query found them, are advanced through the candidates in order.
   */
  Set<Integer> matchingDocs(IndexReader reader, int[] docs, List<String> fields)
      throws IOException {
    int[] sorted = docs.clone();
    Arrays.sort(sorted);
    Set<Integer> found = new HashSet<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      int base = leaf.docBase;
      int end = base + leaf.reader().maxDoc();
      for (String field : fields) {
        List<Form> inField = forms.getOrDefault(field, List.of());
        Terms terms = inField.isEmpty() ? null : leaf.reader().terms(field);
        if (terms == null) {
          continue;
        }
        TermsEnum termsEnum = terms.iterator();
        for (Form form : inField) {
          IOSupplier<TermState> state = form.states().get(leaf);
          if (state == null) {
            continue;
          }
          termsEnum.seekExact(form.term().bytes(), state.get());
          PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
          for (int doc : sorted) {
            if (doc < base || doc >= end || found.contains(doc)) {
              continue;
            }
            int target = doc - base;
            int at = postings.docID() >= target ? postings.docID() : postings.advance(target);
            if (at == PostingsEnum.NO_MORE_DOCS) {
              break;
            }
            if (at == target) {
              found.add(doc);
            }
          }
        }
      }
    }
    return found;
  }

  /** The article's parts in {@code language}, in {@link Part} order. */
  static List<String> articleFields(String language) {
    return Arrays.stream(Part.values()).map(part -> part.field(language)).toList();
  }

  private static List<String> searchedFields(String language) {
    List<String> fields = new ArrayList<>(articleFields(language));
    fields.add(ArticleIndex.exampleField(language));
    return fields;
  }

  private static void addForms(
      List<Form> forms, TermStatistics statistics, String field, List<String> terms, float weight) {
    for (String term : terms) {
      TermStates states = statistics.states(field, term);
      if (states.docFreq() > 0) {
        forms.add(new Form(new Term(field, term), states, weight));
      }
    }
  }

  /** Indexed terms within one edit (two for long words) of an unknown word: typos. */
  private static List<String> nearTerms(IndexReader reader, String word, String language) {
    int length = word.codePointCount(0, word.length());
    if (length < 4) {
      return List.of();
    }
    // One automaton per word, reused for every field and segment: building it is the costly part.
    CompiledAutomaton automaton = FuzzyQuery.getFuzzyAutomaton(word, length >= 8 ? 2 : 1, 1, true);
    List<String> near = new ArrayList<>();
    try {
      for (LeafReaderContext leaf : reader.leaves()) {
        for (Part part : Part.values()) {
          Terms terms = leaf.reader().terms(part.field(language));
          if (terms == null) {
            continue;
          }
          TermsEnum matching = automaton.getTermsEnum(terms);
          BytesRef found;
          while ((found = matching.next()) != null && near.size() < 4) {
            String text = found.utf8ToString();
            if (!near.contains(text)) {
              near.add(text);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return near;
  }
}
