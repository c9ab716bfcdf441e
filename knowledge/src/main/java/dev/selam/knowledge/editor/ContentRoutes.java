package dev.selam.knowledge.editor;

import dev.selam.core.audit.AuditEntry;
import dev.selam.core.audit.AuditLog;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.content.ContentFile;
import dev.selam.knowledge.content.ContentProblem;
import dev.selam.knowledge.content.ContentSet;
import dev.selam.knowledge.content.Topics;
import dev.selam.knowledge.gaps.UnansweredQuestions;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The knowledge base as a whole: the gap report (what people asked that no article answers), export
 * and import in the content layout ({@code <topic>/<lang>.md}) that {@code selam kb} uses.
 */
final class ContentRoutes {
  private static final int DEFAULT_GAP_QUESTIONS = 500;

  private final KnowledgeBase knowledge;
  private final UnansweredQuestions unanswered;
  private final AuditLog audit;
  private final Function<RoutingContext, String> username;

  ContentRoutes(
      KnowledgeBase knowledge,
      UnansweredQuestions unanswered,
      AuditLog audit,
      Function<RoutingContext, String> username) {
    this.knowledge = knowledge;
    this.unanswered = unanswered;
    this.audit = audit;
    this.username = username;
  }

  Map<String, Handler<RoutingContext>> operations() {
    return Map.of(
        "getKbGapReport", this::gaps,
        "exportKb", this::export,
        "importKb", this::importFiles);
  }

  /** What people wrote, decrypted: the view is audited before anything is shown. */
  private void gaps(RoutingContext ctx) {
    String limit = ctx.queryParams().get("limit");
    int size = limit == null ? DEFAULT_GAP_QUESTIONS : Integer.parseInt(limit);
    unanswered
        .recent(size)
        .compose(
            questions ->
                audit
                    .append(
                        AuditEntry.of(username.apply(ctx), "kb.gap_report_viewed", null)
                            .with("questions", questions.size()))
                    .map(seq -> GapReport.of(questions)))
        .onFailure(ctx::fail)
        .onSuccess(report -> EditorReply.ok(ctx, report));
  }

  private void export(RoutingContext ctx) {
    knowledge
        .articles()
        .compose(
            articles -> {
              Map<String, Object> files = new LinkedHashMap<>();
              articles.forEach(a -> files.put(a.id() + ".md", ContentFile.write(a)));
              return audit
                  .append(
                      AuditEntry.of(username.apply(ctx), "kb.exported", null)
                          .with("files", files.size()))
                  .map(seq -> new JsonObject().put("files", new JsonObject(files)));
            })
        .onFailure(ctx::fail)
        .onSuccess(files -> EditorReply.ok(ctx, files));
  }

  /** All or nothing, like {@code selam kb import}: any problem, and nothing is imported. */
  private void importFiles(RoutingContext ctx) {
    JsonObject files = ctx.body().asJsonObject().getJsonObject("files");
    Map<String, String> texts = new LinkedHashMap<>();
    files.forEach(file -> texts.put(file.getKey(), String.valueOf(file.getValue())));
    ContentSet content = ContentSet.fromFiles(texts, Topics.bundled(), knowledge.languages());
    if (!content.valid()) {
      JsonArray errors = new JsonArray();
      for (ContentProblem problem : content.problems()) {
        String prefix = problem.file() + ": ";
        String message = problem.getMessage();
        errors.add(
            new JsonObject()
                .put("location", problem.file())
                .put(
                    "error",
                    message.startsWith(prefix) ? message.substring(prefix.length()) : message));
      }
      EditorReply.problem(
          ctx,
          422,
          EditorReply.INVALID_CONTENT,
          "Nothing imported",
          content.problems().size() + " file(s) have problems; fix them and import again.",
          errors);
      return;
    }
    String author = username.apply(ctx);
    knowledge
        .importAll(
            content.articles(),
            author,
            (conn, changed) ->
                audit.append(
                    conn,
                    AuditEntry.of(author, "kb.imported", null)
                        .with("files", texts.size())
                        .with("changed", changed)))
        .onFailure(ctx::fail)
        .onSuccess(
            changed ->
                EditorReply.ok(
                    ctx, new JsonObject().put("files", texts.size()).put("changed", changed)));
  }
}
