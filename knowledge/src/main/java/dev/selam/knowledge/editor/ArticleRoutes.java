package dev.selam.knowledge.editor;

import dev.selam.core.audit.AuditEntry;
import dev.selam.core.audit.AuditLog;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.article.Article;
import dev.selam.knowledge.article.ArticleStatus;
import dev.selam.knowledge.article.ArticleStore;
import dev.selam.knowledge.article.ConcurrentEditException;
import dev.selam.knowledge.content.ContentFile;
import dev.selam.knowledge.content.Topics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Articles for editors: list, read, create, edit, publish, archive, history, restore, diff. Every
 * change names the version it was based on (409 when someone saved in between) and is audited in
 * the transaction that makes it; the index and the search cache follow at once.
 */
final class ArticleRoutes {
  private final KnowledgeBase knowledge;
  private final Topics topics;
  private final AuditLog audit;
  private final Function<RoutingContext, String> username;

  ArticleRoutes(
      KnowledgeBase knowledge,
      Topics topics,
      AuditLog audit,
      Function<RoutingContext, String> username) {
    this.knowledge = knowledge;
    this.topics = topics;
    this.audit = audit;
    this.username = username;
  }

  Map<String, Handler<RoutingContext>> operations() {
    return Map.of(
        "listKbArticles", this::list,
        "createKbArticle", this::create,
        "getKbArticle", this::get,
        "editKbArticle", this::edit,
        "publishKbArticle", ctx -> setStatus(ctx, ArticleStatus.PUBLISHED),
        "archiveKbArticle", ctx -> setStatus(ctx, ArticleStatus.ARCHIVED),
        "listKbArticleVersions", this::versions,
        "restoreKbArticleVersion", this::restore,
        "diffKbArticleVersions", this::diff);
  }

  private void list(RoutingContext ctx) {
    String topic = ctx.queryParams().get("topic");
    String language = ctx.queryParams().get("language");
    String status = ctx.queryParams().get("status");
    String needsReview = ctx.queryParams().get("needsReview");
    knowledge
        .articles()
        .onFailure(ctx::fail)
        .onSuccess(
            articles ->
                EditorReply.ok(
                    ctx,
                    new JsonObject()
                        .put(
                            "articles",
                            new JsonArray(
                                articles.stream()
                                    .filter(a -> topic == null || a.topic().equals(topic))
                                    .filter(a -> language == null || a.language().equals(language))
                                    .filter(
                                        a -> status == null || a.status().dbValue().equals(status))
                                    .filter(
                                        a ->
                                            needsReview == null
                                                || a.needsReview()
                                                    == Boolean.parseBoolean(
                                                        needsReview.toLowerCase(Locale.ROOT)))
                                    .map(ArticleJson::summary)
                                    .toList()))));
  }

  private void create(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    String topic = body.getString("topic");
    String language = body.getString("language");
    if (!topics.contains(topic)) {
      EditorReply.failure(ctx, new EditorReply.NotAcceptable("unknown topic '" + topic + "'"));
      return;
    }
    if (!knowledge.languages().contains(language)) {
      EditorReply.failure(
          ctx, new EditorReply.NotAcceptable("language '" + language + "' is not configured"));
      return;
    }
    Article draft = ArticleJson.from(body, ArticleJson.empty(topic, language));
    knowledge
        .save(draft, 0, "created", username.apply(ctx), audited(ctx, "kb.article_created", draft))
        .onFailure(
            failure -> {
              if (failure instanceof ConcurrentEditException) {
                EditorReply.problem(
                    ctx,
                    409,
                    EditorReply.CONFLICT,
                    "This article already exists",
                    "Open " + draft.id() + " and edit it instead.",
                    null);
              } else {
                EditorReply.failure(ctx, failure);
              }
            })
        .onSuccess(saved -> EditorReply.json(ctx, 201, ArticleJson.full(saved)));
  }

  private void get(RoutingContext ctx) {
    current(ctx)
        .onFailure(failure -> EditorReply.failure(ctx, failure))
        .onSuccess(article -> EditorReply.ok(ctx, ArticleJson.full(article)));
  }

  private void edit(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    int basedOn = body.getInteger("basedOn");
    current(ctx)
        .compose(
            found -> {
              Article next = ArticleJson.from(body, found);
              return knowledge.save(
                  next,
                  basedOn,
                  "edited",
                  username.apply(ctx),
                  audited(ctx, "kb.article_edited", next, basedOn));
            })
        .onFailure(failure -> EditorReply.failure(ctx, failure))
        .onSuccess(saved -> EditorReply.ok(ctx, ArticleJson.full(saved)));
  }

  private void setStatus(RoutingContext ctx, ArticleStatus status) {
    int basedOn = ctx.body().asJsonObject().getInteger("basedOn");
    current(ctx)
        .compose(
            found -> {
              Article next = found.withStatus(status);
              return knowledge.save(
                  next,
                  basedOn,
                  status.dbValue(),
                  username.apply(ctx),
                  audited(ctx, "kb.article_" + status.dbValue(), next, basedOn));
            })
        .onFailure(failure -> EditorReply.failure(ctx, failure))
        .onSuccess(saved -> EditorReply.ok(ctx, ArticleJson.full(saved)));
  }

  private void versions(RoutingContext ctx) {
    history(ctx)
        .onFailure(failure -> EditorReply.failure(ctx, failure))
        .onSuccess(
            versions ->
                EditorReply.ok(
                    ctx,
                    new JsonObject()
                        .put(
                            "versions",
                            new JsonArray(
                                versions.stream()
                                    .map(
                                        v ->
                                            new JsonObject()
                                                .put("version", v.article().version())
                                                .put("change", v.change())
                                                .put("author", v.author())
                                                .put("at", v.at().toString())
                                                .put("article", ArticleJson.full(v.article())))
                                    .toList()))));
  }

  private void restore(RoutingContext ctx) {
    int version = Integer.parseInt(ctx.pathParam("version"));
    int basedOn = ctx.body().asJsonObject().getInteger("basedOn");
    history(ctx)
        .compose(
            versions -> {
              Article earlier = version(ctx, versions, version);
              return knowledge.save(
                  earlier,
                  basedOn,
                  "restored",
                  username.apply(ctx),
                  inTransaction(
                      entry(ctx, "kb.article_restored", earlier, basedOn)
                          .with("restoredVersion", version)));
            })
        .onFailure(failure -> EditorReply.failure(ctx, failure))
        .onSuccess(saved -> EditorReply.ok(ctx, ArticleJson.full(saved)));
  }

  private void diff(RoutingContext ctx) {
    int from = Integer.parseInt(ctx.queryParams().get("from"));
    int to = Integer.parseInt(ctx.queryParams().get("to"));
    history(ctx)
        .map(
            versions ->
                LineDiff.of(
                    ContentFile.write(version(ctx, versions, from)),
                    ContentFile.write(version(ctx, versions, to))))
        .onFailure(failure -> EditorReply.failure(ctx, failure))
        .onSuccess(
            lines ->
                EditorReply.ok(
                    ctx,
                    new JsonObject()
                        .put("from", from)
                        .put("to", to)
                        .put(
                            "lines",
                            new JsonArray(
                                lines.stream()
                                    .map(
                                        l ->
                                            new JsonObject()
                                                .put("op", l.op().name().toLowerCase(Locale.ROOT))
                                                .put("text", l.text()))
                                    .toList()))));
  }

  private Future<Article> current(RoutingContext ctx) {
    String topic = ctx.pathParam("topic");
    String language = ctx.pathParam("language");
    return knowledge
        .article(topic, language)
        .map(
            found ->
                found.orElseThrow(
                    () -> new KnowledgeBase.ArticleNotFoundException(topic, language)));
  }

  private Future<List<ArticleStore.Version>> history(RoutingContext ctx) {
    String topic = ctx.pathParam("topic");
    String language = ctx.pathParam("language");
    return knowledge
        .store()
        .versions(topic, language)
        .map(
            versions -> {
              if (versions.isEmpty()) {
                throw new KnowledgeBase.ArticleNotFoundException(topic, language);
              }
              return versions;
            });
  }

  private static Article version(
      RoutingContext ctx, List<ArticleStore.Version> versions, int version) {
    Optional<Article> found =
        versions.stream()
            .map(ArticleStore.Version::article)
            .filter(a -> a.version() == version)
            .findFirst();
    return found.orElseThrow(
        () ->
            new KnowledgeBase.ArticleNotFoundException(
                ctx.pathParam("topic"), ctx.pathParam("language") + " version " + version));
  }

  private Function<SqlConnection, Future<?>> audited(
      RoutingContext ctx, String action, Article article) {
    return audited(ctx, action, article, 0);
  }

  private Function<SqlConnection, Future<?>> audited(
      RoutingContext ctx, String action, Article article, int basedOn) {
    return inTransaction(entry(ctx, action, article, basedOn));
  }

  private AuditEntry entry(RoutingContext ctx, String action, Article article, int basedOn) {
    return AuditEntry.of(username.apply(ctx), action, article.id())
        .with("basedOn", basedOn)
        .with("status", article.status().dbValue());
  }

  private Function<SqlConnection, Future<?>> inTransaction(AuditEntry entry) {
    return conn -> audit.append(conn, entry);
  }
}
