package dev.selam.knowledge.article;

import java.util.List;

/** One article: a topic in one language, as editors wrote it. */
public record Article(
    String topic,
    String language,
    String title,
    String body,
    List<String> keywords,
    List<String> questions,
    ArticleStatus status,
    int version,
    boolean needsReview,
    String reviewNote) {

  public Article {
    keywords = List.copyOf(keywords);
    questions = List.copyOf(questions);
    reviewNote = reviewNote == null ? "" : reviewNote;
  }

  public String id() {
    return topic + "/" + language;
  }

  public Article withStatus(ArticleStatus newStatus) {
    return new Article(
        topic,
        language,
        title,
        body,
        keywords,
        questions,
        newStatus,
        version,
        needsReview,
        reviewNote);
  }
}
