package dev.selam.console.operator;

import dev.selam.console.api.ApiProblem;
import dev.selam.console.api.ApiReply;
import dev.selam.console.api.ApiRequest;
import dev.selam.console.auth.StaffSession;
import dev.selam.core.audit.AuditEntry;
import dev.selam.core.audit.AuditLog;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.conversation.ConversationStore.HistoryMessage;
import dev.selam.core.identity.StaffAccount;
import dev.selam.core.identity.StaffAccounts;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A conversation as staff see it: its history (decrypted only for those {@link ConversationAccess}
 * lets in, every view audited), the operator's replies and the internal notes.
 */
public final class ConversationRoutes {
  private final ConversationAccess access;
  private final ConversationStore conversations;
  private final OperatorReplies replies;
  private final NoteStore notes;
  private final StaffAccounts staff;
  private final AuditLog audit;
  private final Clock clock;

  public ConversationRoutes(
      ConversationAccess access,
      ConversationStore conversations,
      OperatorReplies replies,
      NoteStore notes,
      StaffAccounts staff,
      AuditLog audit,
      Clock clock) {
    this.access = access;
    this.conversations = conversations;
    this.replies = replies;
    this.notes = notes;
    this.staff = staff;
    this.audit = audit;
    this.clock = clock;
  }

  public Map<String, Handler<RoutingContext>> operations() {
    return Map.of(
        "getConversation", this::view,
        "replyToConversation", this::reply,
        "listNotes", this::listNotes,
        "addNote", this::addNote);
  }

  private void view(RoutingContext ctx) {
    String id = ApiRequest.path(ctx, "id");
    StaffSession me = StaffSession.of(ctx);
    access
        .of(me.account(), id)
        .onFailure(ctx::fail)
        .onSuccess(
            grant -> {
              if (!grant.read()) {
                notFound(ctx);
                return;
              }
              Future.all(conversations.participant(id), conversations.history(id), names())
                  .compose(
                      all -> {
                        Optional<ConversationStore.Participant> person = all.resultAt(0);
                        List<HistoryMessage> history = all.resultAt(1);
                        if (person.isEmpty() && history.isEmpty()) {
                          return Future.succeededFuture((JsonObject) null);
                        }
                        // The view is recorded before anything is shown.
                        return audit
                            .append(
                                AuditEntry.of(me.username(), "conversation.viewed", id)
                                    .with("messages", history.size()))
                            .map(seq -> json(id, grant, person, history, all.resultAt(2)));
                      })
                  .onFailure(ctx::fail)
                  .onSuccess(
                      body -> {
                        if (body == null) {
                          notFound(ctx);
                        } else {
                          ApiReply.ok(ctx, body);
                        }
                      });
            });
  }

  private JsonObject json(
      String id,
      ConversationAccess.Grant grant,
      Optional<ConversationStore.Participant> person,
      List<HistoryMessage> history,
      Map<String, String> names) {
    JsonArray messages = new JsonArray();
    for (HistoryMessage m : history) {
      messages.add(message(m, names));
    }
    JsonObject body =
        new JsonObject()
            .put("id", id)
            .put("language", person.map(ConversationStore.Participant::language).orElse(null))
            .put("channel", person.map(ConversationStore.Participant::channel).orElse(null))
            .put("erased", person.isEmpty())
            .put("heldByMe", grant.holder())
            .put("messages", messages);
    grant
        .escalation()
        .ifPresent(e -> body.put("escalation", EscalationJson.of(e, clock.instant())));
    return body;
  }

  static JsonObject message(HistoryMessage m, Map<String, String> names) {
    // What the bot and operators sent is stored as Telegram HTML; the console shows plain text.
    String text = "out".equals(m.direction()) ? TelegramHtml.toText(m.text()) : m.text();
    JsonObject json =
        new JsonObject()
            .put("id", m.id())
            .put("direction", m.direction())
            .put("author", m.author())
            .put("kind", m.kind())
            .put("text", text)
            .put("at", m.createdAt().toString())
            .put("delivery", m.delivery());
    if (m.operatorId() != null) {
      json.put("operatorName", names.getOrDefault(m.operatorId(), "—"));
    }
    return json;
  }

  private void reply(RoutingContext ctx) {
    String id = ApiRequest.path(ctx, "id");
    StaffAccount me = StaffSession.of(ctx).account();
    String text = ApiRequest.body(ctx).getString("text");
    if (text.isBlank()) {
      ApiProblem.send(
          ctx, 400, ApiProblem.INVALID_REQUEST, "Empty reply", "Write something to send.");
      return;
    }
    access
        .of(me, id)
        .compose(
            grant -> {
              if (!grant.read()) {
                return Future.succeededFuture(Outcome.NOT_FOUND);
              }
              if (!grant.holder()) {
                return Future.succeededFuture(Outcome.NOT_HELD);
              }
              return conversations
                  .participant(id)
                  .compose(
                      person ->
                          person.isEmpty()
                              ? Future.succeededFuture(Outcome.ERASED)
                              : replies
                                  .send(me, person.get(), id, text)
                                  .map(messageId -> new Outcome(messageId)));
            })
        .onFailure(ctx::fail)
        .onSuccess(
            outcome -> {
              if (outcome == Outcome.NOT_FOUND) {
                notFound(ctx);
              } else if (outcome == Outcome.NOT_HELD) {
                conflict(ctx, "Claim the conversation before replying.");
              } else if (outcome == Outcome.ERASED) {
                conflict(ctx, "The person erased this conversation.");
              } else {
                ApiReply.json(
                    ctx,
                    201,
                    new JsonObject()
                        .put("id", outcome.messageId())
                        .put("direction", "out")
                        .put("author", "operator")
                        .put("operatorName", me.displayName())
                        .put("kind", "text")
                        .put("text", text)
                        .put("at", clock.instant().toString())
                        .put("delivery", "pending"));
              }
            });
  }

  /** How a reply went: a message id, or why there is none. */
  private record Outcome(String messageId) {
    static final Outcome NOT_FOUND = new Outcome(null);
    static final Outcome NOT_HELD = new Outcome(null);
    static final Outcome ERASED = new Outcome(null);
  }

  private void listNotes(RoutingContext ctx) {
    String id = ApiRequest.path(ctx, "id");
    StaffSession me = StaffSession.of(ctx);
    access
        .of(me.account(), id)
        .onFailure(ctx::fail)
        .onSuccess(
            grant -> {
              if (!grant.read()) {
                notFound(ctx);
                return;
              }
              Future.all(notes.of(id), names())
                  .compose(
                      all ->
                          audit
                              .append(AuditEntry.of(me.username(), "conversation.notes_viewed", id))
                              .map(
                                  seq -> {
                                    List<NoteStore.Note> list = all.resultAt(0);
                                    Map<String, String> names = all.resultAt(1);
                                    return new JsonObject()
                                        .put(
                                            "items",
                                            new JsonArray(
                                                list.stream().map(n -> note(n, names)).toList()));
                                  }))
                  .onFailure(ctx::fail)
                  .onSuccess(body -> ApiReply.ok(ctx, body));
            });
  }

  private void addNote(RoutingContext ctx) {
    String id = ApiRequest.path(ctx, "id");
    StaffSession me = StaffSession.of(ctx);
    String text = ApiRequest.body(ctx).getString("text");
    access
        .of(me.account(), id)
        .onFailure(ctx::fail)
        .onSuccess(
            grant -> {
              boolean supervisor =
                  me.account().roles().contains(dev.selam.core.identity.Role.SUPERVISOR);
              if (!grant.read() || !(grant.holder() || supervisor)) {
                notFound(ctx);
                return;
              }
              notes
                  .add(id, me.account().id(), text)
                  .compose(
                      added ->
                          added.isEmpty()
                              ? Future.succeededFuture(added)
                              : audit
                                  .append(
                                      AuditEntry.of(me.username(), "conversation.note_added", id)
                                          .with("note", added.get().id()))
                                  .map(added))
                  .onFailure(ctx::fail)
                  .onSuccess(
                      added -> {
                        if (added.isEmpty()) {
                          notFound(ctx);
                          return;
                        }
                        ApiReply.json(
                            ctx,
                            201,
                            note(
                                added.get(),
                                Map.of(me.account().id(), me.account().displayName())));
                      });
            });
  }

  private static JsonObject note(NoteStore.Note note, Map<String, String> names) {
    return new JsonObject()
        .put("id", note.id())
        .put("author", names.getOrDefault(note.authorId(), "—"))
        .put("text", note.text())
        .put("at", note.createdAt().toString());
  }

  /** Staff display names by id, for authors of replies and notes. */
  private Future<Map<String, String>> names() {
    return staff
        .list()
        .map(
            all -> {
              Map<String, String> names = new HashMap<>();
              all.forEach(a -> names.put(a.id(), a.displayName()));
              return names;
            });
  }

  private static void notFound(RoutingContext ctx) {
    ApiProblem.send(ctx, 404, ApiProblem.NOT_FOUND, "Not found", "No such conversation for you.");
  }

  private static void conflict(RoutingContext ctx, String detail) {
    ApiProblem.send(ctx, 409, ApiProblem.CONFLICT, "Conflict", detail);
  }
}
