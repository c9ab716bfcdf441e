package dev.selam.knowledge.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns raw ranking evidence into a confidence in [0, 1]: a logistic function of how much of the
 * question the article covers and how clearly it beats the next candidate. The weights were fitted
 * on the development questions (see docs/BENCHMARKS.md); the thresholds decide when the bot
 * answers, when it only suggests, and when it says it does not know.
 */
public record Calibration(
    double bias,
    double coverageWeight,
    double marginWeight,
    double threshold,
    double weakThreshold) {

  public static final Calibration DEFAULT = new Calibration(-6.0, 8.0, 3.0, 0.5, 0.2);

  /** Evidence about one candidate article, before confidence. */
  record Candidate(
      String topic, String status, String title, double score, double coverage, int words) {}

  double confidence(double coverage, double margin) {
    return 1 / (1 + Math.exp(-(bias + coverageWeight * coverage + marginWeight * margin)));
  }

  SearchResult none(String language) {
    return SearchResult.none(language, threshold, weakThreshold);
  }

  /** Hits ranked as found; each one's margin is its lead over the next candidate. */
  SearchResult result(String language, List<SearchResult.Hit> ranked) {
    return new SearchResult(language, ranked, threshold, weakThreshold);
  }

  List<Double> margins(List<Candidate> candidates) {
    List<Double> margins = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      double score = candidates.get(i).score();
      double next = i + 1 < candidates.size() ? candidates.get(i + 1).score() : 0;
      margins.add(score <= 0 ? 0 : (score - next) / score);
    }
    return margins;
  }
}
