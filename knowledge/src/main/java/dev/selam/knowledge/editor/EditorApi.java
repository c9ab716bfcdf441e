package dev.selam.knowledge.editor;

import dev.selam.core.audit.AuditLog;
import dev.selam.core.identity.StaffAccount;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.content.Topics;
import dev.selam.knowledge.gaps.UnansweredQuestions;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The editors' HTTP API: handlers for the staff API's knowledge-base operations, keyed by the
 * {@code operationId} in its contract ({@code staff-api.yaml}, tag {@code knowledge-base}). The
 * console builds the routes and guards them (session, CSRF, {@code x-roles}, validation) before a
 * handler here runs.
 *
 * <p>Who is asking comes from {@code caller}, given by the wiring: this module does not know the
 * console's session type (see docs/DESIGN.md, "Editor API").
 */
public final class EditorApi {
  private EditorApi() {}

  public static Map<String, Handler<RoutingContext>> operations(
      KnowledgeBase knowledge,
      UnansweredQuestions unanswered,
      AuditLog audit,
      Function<RoutingContext, StaffAccount> caller) {
    Function<RoutingContext, String> username = ctx -> caller.apply(ctx).username();
    Map<String, Handler<RoutingContext>> operations = new HashMap<>();
    operations.putAll(new ArticleRoutes(knowledge, Topics.bundled(), audit, username).operations());
    operations.putAll(new AnswerPreview(knowledge).operations());
    operations.putAll(new ContentRoutes(knowledge, unanswered, audit, username).operations());
    return Map.copyOf(operations);
  }
}
