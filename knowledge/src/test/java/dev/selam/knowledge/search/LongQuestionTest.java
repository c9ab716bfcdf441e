package dev.selam.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.content.ContentSet;
import dev.selam.knowledge.content.Topics;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A question as long as a Telegram message can be (4,096 characters), made of words the articles
 * really use, each a clause or more of the query: it must be searched, not refused by Lucene's
 * limit on the number of clauses (which it was, before the most telling words were chosen).
 */
class LongQuestionTest {
  static final Set<String> LANGUAGES = Set.of("en", "tr", "ar", "ru", "fa", "uk");
  static final KnowledgeSearch SEARCH = SeedIndex.search(LANGUAGES, Calibration.DEFAULT);

  @Test
  void aMessageFullOfDistinctIndexedWordsIsSearched() {
    for (String language : LANGUAGES) {
      String question = longestQuestion(language);

      SearchResult result = SEARCH.search(question, language);

      assertThat(result.questionLanguage()).isEqualTo(language);
      assertThat(result.best()).as(language).isPresent();
    }
  }

  @Test
  void aLongQuestionInAnUnknownLanguageIsSearchedInEveryLanguage() {
    assertThat(SEARCH.search(longestQuestion("ru"), null).best()).isPresent();
  }

  @Test
  void aLongMessageOfMadeUpWordsGetsNoConfidentAnswer() {
    java.util.Random random = new java.util.Random(7);
    StringBuilder question = new StringBuilder();
    while (question.length() < 4000) {
      for (int letter = 5 + random.nextInt(5); letter > 0; letter--) {
        question.append((char) ('a' + random.nextInt(26)));
      }
      question.append(' ');
    }

    assertThat(SEARCH.search(question.toString(), "en").answer()).isEmpty();
  }

  /** Distinct words of the language's articles, up to a Telegram message's length. */
  static String longestQuestion(String language) {
    Set<String> words = new LinkedHashSet<>();
    for (Article article : ContentSet.bundled(Topics.bundled(), Set.of(language)).articles()) {
      for (String word : (article.title() + " " + article.body()).split("[^\\p{L}]+")) {
        if (word.length() > 2) {
          words.add(word.toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    StringBuilder question = new StringBuilder();
    for (String word : words) {
      if (question.length() + word.length() + 1 > 4096) {
        break;
      }
      question.append(word).append(' ');
    }
    return question.toString();
  }
}
