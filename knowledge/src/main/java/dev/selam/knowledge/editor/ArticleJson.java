package dev.selam.knowledge.editor;

import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.article.ArticleStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Articles as the editor API writes and reads them. */
final class ArticleJson {
  private ArticleJson() {}

  static JsonObject summary(Article a) {
    return new JsonObject()
        .put("topic", a.topic())
        .put("language", a.language())
        .put("title", a.title())
        .put("status", a.status().dbValue())
        .put("version", a.version())
        .put("needsReview", a.needsReview())
        .put("reviewNote", a.reviewNote());
  }

  static JsonObject full(Article a) {
    return summary(a)
        .put("body", a.body())
        .put("keywords", new JsonArray(a.keywords()))
        .put("questions", new JsonArray(a.questions()));
  }

  /**
   * An article from a request body; fields the body leaves out keep their value in {@code base}.
   */
  static Article from(JsonObject body, Article base) {
    return new Article(
        base.topic(),
        base.language(),
        body.getString("title", base.title()).strip(),
        body.getString("body", base.body()).strip(),
        strings(body.getJsonArray("keywords"), base.keywords()),
        strings(body.getJsonArray("questions"), base.questions()),
        body.containsKey("status") ? ArticleStatus.fromDb(body.getString("status")) : base.status(),
        base.version(),
        body.getBoolean("needsReview", base.needsReview()),
        body.getString("reviewNote", base.reviewNote()));
  }

  static Article empty(String topic, String language) {
    return new Article(
        topic, language, "", "", List.of(), List.of(), ArticleStatus.DRAFT, 0, false, "");
  }

  private static List<String> strings(JsonArray values, List<String> otherwise) {
    if (values == null) {
      return otherwise;
    }
    return values.stream()
        .map(v -> String.valueOf(v).strip())
        .filter(v -> !v.isEmpty())
        .distinct()
        .toList();
  }
}
