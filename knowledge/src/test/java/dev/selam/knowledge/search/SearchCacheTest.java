package dev.selam.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SearchCacheTest {
  final SearchCache cache = new SearchCache(100);
  final AtomicInteger searches = new AtomicInteger();

  SearchResult resultNaming(String topic, String language) {
    searches.incrementAndGet();
    var evidence = new Calibration.Evidence(1, 1, 1, 1);
    return new SearchResult(
        language,
        List.of(new SearchResult.Hit(topic, language, "en", "t", 1, evidence, 0.9)),
        0.5,
        0.2);
  }

  void ask(String question, String language, String topic) {
    cache.get(question, language, () -> resultNaming(topic, language));
  }

  @Test
  void repeatedQuestionIsServedFromTheCache() {
    ask("Where is a shelter?", "en", "shelter");
    ask("where is a shelter?  ", "en", "shelter");
    assertThat(searches).hasValue(1);
  }

  @Test
  void changeInvalidatesItsLanguageItsTopicAndAutoButNothingElse() {
    ask("q1", "tr", "shelter");
    ask("q2", "tr", "legal-aid");
    ask("q3", "ar", "shelter"); // answered with the English shelter article
    ask("q4", "ar", "legal-aid");
    ask("q5", null, "education");
    searches.set(0);

    cache.articleChanged("shelter", "tr");

    ask("q1", "tr", "shelter"); // same language: searched again
    ask("q2", "tr", "legal-aid"); // same language: searched again
    ask("q3", "ar", "shelter"); // names the topic: searched again
    ask("q5", null, "education"); // language-agnostic: searched again
    assertThat(searches).hasValue(4);
    ask("q4", "ar", "legal-aid"); // untouched
    assertThat(searches).hasValue(4);
  }
}
