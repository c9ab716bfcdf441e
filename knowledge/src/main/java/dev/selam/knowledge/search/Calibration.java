package dev.selam.knowledge.search;

/**
 * Turns ranking evidence into a confidence in [0, 1], and ranks candidates by it: a logistic
 * function of how much of the question the article covers, how much of the question the knowledge
 * base knows at all (a question made of words no article uses is out of scope), the article's text
 * score relative to the best one, and how closely the question resembles one of the article's
 * example questions. The weights were fitted on the development questions (see docs/BENCHMARKS.md);
 * {@code threshold} decides when the bot answers, {@code weakThreshold} when it still offers the
 * article as a suggestion.
 */
public record Calibration(
    double bias,
    double coverageWeight,
    double knownWeight,
    double relativeScoreWeight,
    double exampleWeight,
    double exampleKnownWeight,
    double exampleSquaredWeight,
    double threshold,
    double weakThreshold) {

  public static final Calibration DEFAULT =
      new Calibration(-7.87, 1.0, 2.0, 6.0, 0.0, 1.0, 4.0, 0.5, 0.2);

  /** What the ranking saw for one candidate, each in [0, 1]. */
  public record Evidence(
      double coverage, double knownShare, double relativeScore, double exampleSimilarity) {}

  /** One candidate article before confidence. */
  record Candidate(String topic, String status, String title, double score, Evidence evidence) {}

  double confidence(Evidence e) {
    double z =
        bias
            + coverageWeight * e.coverage()
            + knownWeight * e.knownShare()
            + relativeScoreWeight * e.relativeScore()
            + exampleWeight * e.exampleSimilarity()
            + exampleKnownWeight * e.exampleSimilarity() * e.knownShare()
            + exampleSquaredWeight * e.exampleSimilarity() * e.exampleSimilarity();
    return 1 / (1 + Math.exp(-z));
  }

  SearchResult none(String language) {
    return SearchResult.none(language, threshold, weakThreshold);
  }

  SearchResult result(String language, java.util.List<SearchResult.Hit> ranked) {
    return new SearchResult(language, ranked, threshold, weakThreshold);
  }
}
