package dev.selam.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.escalation.Escalation;
import dev.selam.core.identity.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What operators and supervisors do through the API, over a real database: the queue, the claim
 * race, replies through the outbox, notes, canned replies, and that one operator never sees
 * another's conversation.
 */
class OperatorApiTest {
  @TempDir static Path tempDir;
  static Vertx vertx;
  static ConsoleFixture fx;
  static People people;
  static StaffClient arabic;
  static StaffClient persian;
  static StaffClient supervisor;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    fx = new ConsoleFixture(vertx, tempDir);
    people = new People(vertx, fx);
    arabic = fx.signedIn("layla", List.of("ar"), Role.OPERATOR);
    persian = fx.signedIn("dariush", List.of("fa"), Role.OPERATOR);
    supervisor = fx.signedIn("sena", List.of(), Role.SUPERVISOR);
  }

  @AfterAll
  static void stop() {
    fx.close();
    vertx.close().await();
  }

  static List<String> queueIds(StaffClient client, String query) {
    HttpResponse<Buffer> response = client.get("/api/queue" + query);
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response
        .bodyAsJsonObject()
        .getJsonArray("items")
        .forEach(i -> ids.add(((JsonObject) i).getString("id")));
    return ids;
  }

  static HttpResponse<Buffer> claim(StaffClient client, Escalation e) {
    return client.post("/api/escalations/" + e.id() + "/claim", null);
  }

  static List<Object[]> rows(String sql, Object... args) {
    List<Object[]> out = new ArrayList<>();
    for (Row row : fx.identity.db.pool().preparedQuery(sql).execute(Tuple.from(args)).await()) {
      Object[] values = new Object[row.size()];
      for (int i = 0; i < row.size(); i++) {
        values[i] = row.getValue(i);
      }
      out.add(values);
    }
    return out;
  }

  @Test
  void queueShowsTheOperatorsLanguagesUnlessAskedForAll() {
    Escalation inArabic = people.escalated("ar", "they kept my passport");
    Escalation inPersian = people.escalated("fa", "they kept my passport");

    assertThat(queueIds(arabic, "")).contains(inArabic.id()).doesNotContain(inPersian.id());
    assertThat(queueIds(persian, "")).contains(inPersian.id()).doesNotContain(inArabic.id());
    assertThat(queueIds(arabic, "?languages=all")).contains(inArabic.id(), inPersian.id());

    JsonObject item =
        arabic.get("/api/queue").bodyAsJsonObject().getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("id").equals(inArabic.id()))
            .findFirst()
            .orElseThrow();
    assertThat(item.getString("language")).isEqualTo("ar");
    assertThat(item.getString("level")).isEqualTo("high");
    assertThat(item.getJsonArray("reasons").getJsonObject(0).getString("indicator"))
        .isEqualTo("documents-withheld");
    assertThat(item.getJsonArray("reasons").getJsonObject(0).getJsonArray("words"))
        .containsExactly("passport", "kept");
    assertThat(item.getLong("waitingSeconds")).isGreaterThanOrEqualTo(0);
  }

  @Test
  void ofOperatorsClaimingAtOnceExactlyOneWins() {
    Escalation e = people.escalated("ar", "help me please");
    List<StaffClient> operators = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      operators.add(fx.signedIn("racer" + i, List.of("ar"), Role.OPERATOR));
    }
    List<Future<HttpResponse<Buffer>>> claims = new ArrayList<>();
    for (StaffClient operator : operators) {
      claims.add(operator.request(HttpMethod.POST, "/api/escalations/" + e.id() + "/claim").send());
    }
    Future.join(claims).await();
    List<Integer> statuses = claims.stream().map(f -> f.result().statusCode()).sorted().toList();

    assertThat(statuses).containsExactly(200, 409, 409, 409);
    assertThat(
            rows(
                    "SELECT COUNT(*) FROM audit_event WHERE action = 'escalation.claimed' AND target = ?",
                    e.id())
                .get(0)[0])
        .isEqualTo(1L);
  }

  @Test
  void anotherOperatorNeverSeesAClaimedConversation() {
    Escalation e = people.escalated("ar", "my husband hits me");
    String conversation = "/api/conversations/" + e.conversationId();
    assertThat(claim(arabic, e).statusCode()).isEqualTo(200);
    StaffClient colleague = fx.signedIn("colleague", List.of("ar"), Role.OPERATOR);

    assertThat(colleague.get(conversation).statusCode()).isEqualTo(404);
    assertThat(colleague.get(conversation + "/notes").statusCode()).isEqualTo(404);
    assertThat(
            colleague
                .post(conversation + "/replies", new JsonObject().put("text", "hi"))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            colleague.post(conversation + "/notes", new JsonObject().put("text", "x")).statusCode())
        .isEqualTo(404);
    assertThat(colleague.post("/api/escalations/" + e.id() + "/release", null).statusCode())
        .isEqualTo(404);
    assertThat(queueIds(colleague, "?languages=all")).doesNotContain(e.id());
    // the holder and supervisors do see it
    assertThat(arabic.get(conversation).statusCode()).isEqualTo(200);
    assertThat(supervisor.get(conversation).statusCode()).isEqualTo(200);
  }

  @Test
  void historyIsDecryptedForTheHolderAndEveryViewIsAudited() {
    Escalation e = people.escalated("ar", "أخذوا جواز سفري");
    people.writes(e.conversationId(), "photo", "");
    claim(arabic, e);

    JsonObject view = arabic.get("/api/conversations/" + e.conversationId()).bodyAsJsonObject();

    JsonArray messages = view.getJsonArray("messages");
    assertThat(messages.getJsonObject(0).getString("text")).isEqualTo("أخذوا جواز سفري");
    assertThat(messages.getJsonObject(0).getString("author")).isEqualTo("person");
    assertThat(messages.getJsonObject(1).getString("kind")).isEqualTo("photo");
    assertThat(view.getString("language")).isEqualTo("ar");
    assertThat(view.getBoolean("heldByMe")).isTrue();
    assertThat(view.getJsonObject("escalation").getJsonArray("reasons")).hasSize(1);
    assertThat(
            rows(
                    "SELECT actor FROM audit_event WHERE action = 'conversation.viewed' AND target = ?",
                    e.conversationId())
                .get(0)[0])
        .isEqualTo("layla");
  }

  @Test
  void replyIsStoredQueuedForThePersonsChannelAndAudited() {
    Escalation e = people.escalated("ar", "I need help now");
    claim(arabic, e);
    String text = "<b>Stay</b> safe & call 112 <script>";

    HttpResponse<Buffer> reply =
        arabic.post(
            "/api/conversations/" + e.conversationId() + "/replies",
            new JsonObject().put("text", text));

    assertThat(reply.statusCode()).isEqualTo(201);
    String messageId = reply.bodyAsJsonObject().getString("id");
    List<Object[]> outbox =
        rows("SELECT channel, kind, payload, status FROM outbox WHERE message_id = ?", messageId);
    assertThat(outbox).hasSize(1);
    assertThat(outbox.get(0)[0]).isEqualTo("telegram");
    assertThat(outbox.get(0)[1]).isEqualTo("send_message");
    String payload = fx.keys.cipher().decrypt((String) outbox.get(0)[2], "outbox.payload");
    assertThat(new JsonObject(payload).getString("html"))
        .isEqualTo("<b>layla</b>\n&lt;b&gt;Stay&lt;/b&gt; safe &amp; call 112 &lt;script&gt;");
    assertThat(rows("SELECT author, operator_id FROM message WHERE id = ?", messageId).get(0)[0])
        .isEqualTo("operator");
    assertThat(
            rows(
                    "SELECT COUNT(*) FROM audit_event WHERE action = 'conversation.replied'"
                        + " AND target = ?",
                    e.conversationId())
                .get(0)[0])
        .isEqualTo(1L);

    JsonObject shown =
        arabic
            .get("/api/conversations/" + e.conversationId())
            .bodyAsJsonObject()
            .getJsonArray("messages")
            .stream()
            .map(JsonObject.class::cast)
            .filter(m -> m.getString("id").equals(messageId))
            .findFirst()
            .orElseThrow();
    assertThat(shown.getString("text")).isEqualTo(text);
    assertThat(shown.getString("delivery")).isEqualTo("pending");
    assertThat(shown.getString("operatorName")).isEqualTo("layla");
  }

  @Test
  void onlyTheHolderReplies() {
    Escalation e = people.escalated("ar", "please answer");
    HttpResponse<Buffer> reply =
        arabic.post(
            "/api/conversations/" + e.conversationId() + "/replies",
            new JsonObject().put("text", "hello"));
    assertThat(reply.statusCode()).isEqualTo(409);
    assertThat(
            rows(
                    "SELECT COUNT(*) FROM message WHERE conversation_id = ? AND author = 'operator'",
                    e.conversationId())
                .get(0)[0])
        .isEqualTo(0L);
  }

  @Test
  void notesAreEncryptedAtRestAndListedWithTheirAuthor() {
    Escalation e = people.escalated("ar", "help");
    claim(arabic, e);
    String notes = "/api/conversations/" + e.conversationId() + "/notes";

    assertThat(arabic.post(notes, new JsonObject().put("text", "called the shelter")).statusCode())
        .isEqualTo(201);

    JsonObject note = arabic.get(notes).bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(note.getString("text")).isEqualTo("called the shelter");
    assertThat(note.getString("author")).isEqualTo("layla");
    String stored =
        (String)
            rows("SELECT body FROM conversation_note WHERE conversation_id = ?", e.conversationId())
                .get(0)[0];
    assertThat(stored).doesNotContain("shelter");
  }

  @Test
  void closingNeedsAnOutcomeAndACategoryFromTheList() {
    Escalation e = people.escalated("ar", "help");
    claim(arabic, e);
    String close = "/api/escalations/" + e.id() + "/close";

    assertThat(
            arabic
                .post(
                    close, new JsonObject().put("outcome", "referred").put("category", "smuggling"))
                .statusCode())
        .isEqualTo(400);
    HttpResponse<Buffer> closed =
        arabic.post(
            close, new JsonObject().put("outcome", "referred").put("category", "child-marriage"));

    assertThat(closed.statusCode()).isEqualTo(200);
    assertThat(closed.bodyAsJsonObject().getString("status")).isEqualTo("closed");
    assertThat(closed.bodyAsJsonObject().getString("category")).isEqualTo("child-marriage");
    assertThat(rows("SELECT state FROM conversation WHERE id = ?", e.conversationId()).get(0)[0])
        .isEqualTo("bot");
  }

  @Test
  void transferToALanguagePutsItInThatLanguagesQueue() {
    Escalation e = people.escalated("ar", "help");
    claim(arabic, e);

    HttpResponse<Buffer> moved =
        arabic.post(
            "/api/escalations/" + e.id() + "/transfer", new JsonObject().put("language", "fa"));

    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(queueIds(persian, "")).contains(e.id());
    assertThat(queueIds(arabic, "")).doesNotContain(e.id());
    assertThat(
            arabic.get("/api/my/conversations").bodyAsJsonObject().getJsonArray("items").stream()
                .map(i -> ((JsonObject) i).getString("id")))
        .doesNotContain(e.id());
  }

  @Test
  void transferToAnotherOperatorMovesItToTheirConversations() {
    Escalation e = people.escalated("ar", "help");
    claim(arabic, e);
    String to = fx.accounts().findByUsername("dariush").await().orElseThrow().id();

    assertThat(
            arabic
                .post(
                    "/api/escalations/" + e.id() + "/transfer",
                    new JsonObject().put("operatorId", to))
                .statusCode())
        .isEqualTo(200);

    assertThat(
            persian.get("/api/my/conversations").bodyAsJsonObject().getJsonArray("items").stream()
                .map(i -> ((JsonObject) i).getString("id")))
        .contains(e.id());
    assertThat(arabic.get("/api/conversations/" + e.conversationId()).statusCode()).isEqualTo(404);
  }

  @Test
  void operatorsToTransferToAreTheActiveOperatorsOnly() {
    JsonArray items = arabic.get("/api/operators").bodyAsJsonObject().getJsonArray("items");
    List<String> names =
        items.stream().map(i -> ((JsonObject) i).getString("displayName")).toList();

    assertThat(names).contains("layla", "dariush").doesNotContain("sena");
    assertThat(items.getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrder("id", "displayName", "languages");
  }

  @Test
  void supervisorsKeepCannedRepliesAndOperatorsReadThemByLanguage() {
    HttpResponse<Buffer> created =
        supervisor.post(
            "/api/canned-replies",
            new JsonObject()
                .put("language", "tr")
                .put("title", "Selam")
                .put("text", "Merhaba, buradayım."));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");

    assertThat(
            arabic
                .post(
                    "/api/canned-replies",
                    new JsonObject().put("language", "tr").put("title", "x").put("text", "y"))
                .statusCode())
        .isEqualTo(403);
    JsonArray turkish =
        arabic.get("/api/canned-replies?language=tr").bodyAsJsonObject().getJsonArray("items");
    assertThat(turkish).hasSize(1);
    assertThat(turkish.getJsonObject(0).getString("text")).isEqualTo("Merhaba, buradayım.");
    assertThat(
            arabic.get("/api/canned-replies?language=ar").bodyAsJsonObject().getJsonArray("items"))
        .isEmpty();

    assertThat(
            supervisor
                .send(
                    HttpMethod.PUT,
                    "/api/canned-replies/" + id,
                    new JsonObject()
                        .put("language", "tr")
                        .put("title", "Selam")
                        .put("text", "Merhaba."))
                .statusCode())
        .isEqualTo(200);
    assertThat(supervisor.send(HttpMethod.DELETE, "/api/canned-replies/" + id, null).statusCode())
        .isEqualTo(204);
    assertThat(
            arabic.get("/api/canned-replies?language=tr").bodyAsJsonObject().getJsonArray("items"))
        .isEmpty();
  }

  @Test
  void aSupervisorsNoteOnAConversationThatDoesNotExistIsNotFound() {
    HttpResponse<Buffer> response =
        supervisor.post(
            "/api/conversations/00000000-0000-4000-8000-000000000000/notes",
            new JsonObject().put("text", "nobody"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(
            rows(
                "SELECT id FROM conversation_note WHERE conversation_id = ?",
                "00000000-0000-4000-8000-000000000000"))
        .isEmpty();
  }

  @Test
  void aCannedReplyAsLongAsTheContractAllowsIsStoredWhateverItsCharacters() {
    // 120 and 3,500 characters, each two UTF-16 units (the contract counts code points)
    String title = "\uD83D\uDE4F".repeat(120);
    String text = "\uD83C\uDF3F".repeat(3_500);

    HttpResponse<Buffer> created =
        supervisor.post(
            "/api/canned-replies",
            new JsonObject().put("language", "uk").put("title", title).put("text", text));

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject stored =
        arabic
            .get("/api/canned-replies?language=uk")
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(stored.getString("title")).isEqualTo(title);
    assertThat(stored.getString("text")).isEqualTo(text);
  }
}
