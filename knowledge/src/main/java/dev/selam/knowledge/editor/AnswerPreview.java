package dev.selam.knowledge.editor;

import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.search.SearchResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * "What would the bot answer?": the same search the bot uses, through the same cache, so a
 * publication shows here as soon as it shows to people. Also renders an editor's Markdown the way
 * people will see it.
 */
final class AnswerPreview {
  private final KnowledgeBase knowledge;

  AnswerPreview(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  Map<String, Handler<RoutingContext>> operations() {
    return Map.of("previewKbAnswer", this::preview, "renderKbMarkdown", this::render);
  }

  private void preview(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    String question = body.getString("question");
    String language = body.getString("language");
    if (!knowledge.languages().contains(language)) {
      EditorReply.failure(
          ctx, new EditorReply.NotAcceptable("language '" + language + "' is not configured"));
      return;
    }
    knowledge
        .search(question, language)
        .compose(this::describe)
        .onFailure(failure -> EditorReply.failure(ctx, failure))
        .onSuccess(preview -> EditorReply.ok(ctx, preview.put("language", language)));
  }

  private Future<JsonObject> describe(SearchResult result) {
    JsonObject preview =
        new JsonObject()
            .put("threshold", result.threshold())
            .put("hits", hits(result.hits()))
            .put("suggestions", hits(result.suggestions()));
    if (result.answer().isEmpty()) {
      return Future.succeededFuture(
          preview.put("outcome", result.suggestions().isEmpty() ? "none" : "suggestions"));
    }
    SearchResult.Hit answer = result.answer().get();
    return knowledge
        .article(answer.topic(), answer.answerLanguage())
        .map(
            article ->
                preview
                    .put("outcome", "answer")
                    .put(
                        "answer",
                        hit(answer)
                            .put(
                                "html", article.map(a -> SafeMarkdown.html(a.body())).orElse(""))));
  }

  private void render(RoutingContext ctx) {
    String markdown = ctx.body().asJsonObject().getString("markdown");
    EditorReply.ok(ctx, new JsonObject().put("html", SafeMarkdown.html(markdown)));
  }

  private static JsonArray hits(List<SearchResult.Hit> hits) {
    return new JsonArray(hits.stream().map(AnswerPreview::hit).toList());
  }

  private static JsonObject hit(SearchResult.Hit hit) {
    return new JsonObject()
        .put("topic", hit.topic())
        .put("language", hit.answerLanguage())
        .put("matchedLanguage", hit.matchedLanguage())
        .put("title", hit.title())
        .put("confidence", Math.round(hit.confidence() * 1000) / 1000.0)
        .put("fallback", hit.fallback());
  }
}
