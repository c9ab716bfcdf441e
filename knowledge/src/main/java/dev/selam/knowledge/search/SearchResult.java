package dev.selam.knowledge.search;

import java.util.List;
import java.util.Optional;

/**
 * What the knowledge base can say to a question: ranked candidate articles, each with a confidence
 * in [0, 1]. {@link #answer()} is present only when the best is confident enough; a weak match
 * offers {@link #suggestions()}; neither means "no answer".
 */
public record SearchResult(
    String questionLanguage, List<Hit> hits, double threshold, double weakThreshold) {
  public SearchResult {
    hits = List.copyOf(hits);
  }

  /** One candidate: the topic found, and the article to show for it. */
  public record Hit(
      String topic,
      String matchedLanguage,
      String answerLanguage,
      String title,
      double score,
      Calibration.Evidence evidence,
      double confidence) {

    /** The article shown is in another language than the question (and the bot says so). */
    public boolean fallback() {
      return !matchedLanguage.equals(answerLanguage);
    }
  }

  public static SearchResult none(String language, double threshold, double weakThreshold) {
    return new SearchResult(language, List.of(), threshold, weakThreshold);
  }

  public Optional<Hit> best() {
    return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0));
  }

  public Optional<Hit> answer() {
    return best().filter(hit -> hit.confidence() >= threshold);
  }

  /** Up to three likely articles when there is no confident answer. */
  public List<Hit> suggestions() {
    if (answer().isPresent()) {
      return List.of();
    }
    return hits.stream().filter(hit -> hit.confidence() >= weakThreshold).limit(3).toList();
  }

  public double bestConfidence() {
    return best().map(Hit::confidence).orElse(0.0);
  }
}
