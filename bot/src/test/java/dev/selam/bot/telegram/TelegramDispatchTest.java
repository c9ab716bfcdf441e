package dev.selam.bot.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static dev.selam.bot.telegram.TelegramFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.channel.OutboxWriter;
import dev.selam.bot.dispatch.DispatchPolicy;
import dev.selam.bot.dispatch.OutboxDispatcher;
import dev.selam.core.conversation.ConversationStore.StoredMessage;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher against a stand-in Bot API, with a clock the test moves: what is sent, in which
 * order, how fast, and what happens when Telegram says no.
 */
class TelegramDispatchTest {
  @TempDir Path tempDir;
  TelegramFixture fx;
  MutableClock clock = new MutableClock(Instant.now());

  @AfterEach
  void tearDown() {
    if (fx != null) {
      fx.close();
    }
  }

  TelegramDispatchTest with(DispatchPolicy policy) {
    fx = new TelegramFixture(tempDir).webhookChannel(policy, clock);
    return this;
  }

  TelegramDispatchTest withDefaults() {
    return with(DispatchPolicy.telegram());
  }

  StoredMessage person(long chatId) {
    return fx.conversations.recordInbound("telegram", String.valueOf(chatId), "hello").await();
  }

  void enqueue(StoredMessage to, OutboundMessage message) {
    fx.database
        .pool()
        .withTransaction(
            tx ->
                fx.channel
                    .outbox()
                    .enqueue(
                        tx,
                        new OutboxWriter.Recipient("telegram", to.contactId(), to.conversationId()),
                        message,
                        to.messageId()))
        .await();
  }

  /** One dispatcher round at the clock's time; returns how many sends it started, once settled. */
  int round() {
    OutboxDispatcher.Round round = fx.channel.dispatcher().dispatchOnce().await();
    round.settled().await();
    return round.started();
  }

  void advance(long millis) {
    clock.advance(Duration.ofMillis(millis));
  }

  List<String> sentTexts(long chatId) {
    return fx.requests("sendMessage").stream()
        .map(r -> new JsonObject(r.getBodyAsString()))
        .filter(json -> json.getString("chat_id").equals(String.valueOf(chatId)))
        .map(json -> json.getString("text"))
        .toList();
  }

  String status(String where) {
    return String.join(
        ",", fx.strings("SELECT status FROM outbox WHERE " + where + " ORDER BY seq"));
  }

  @Test
  void textIsSentAsHtmlWithInlineButtonsAndItsMessageIdRecorded() {
    withDefaults();
    StoredMessage to = person(4242);
    enqueue(
        to,
        new OutboundMessage.Text(
            "<b>Hi</b> " + OutboundMessage.escape("<x> & \"y\""),
            List.of(
                List.of(
                    new OutboundMessage.Button("Yes", "a:yes"),
                    new OutboundMessage.Button("No", "a:no")),
                List.of(new OutboundMessage.Button("A person", "p")))));

    assertThat(round()).isEqualTo(1);

    fx.telegram.verify(
        postRequestedFor(TelegramFixture.path("sendMessage"))
            .withRequestBody(
                equalToJson(
                    """
                    {"method":"sendmessage","chat_id":"4242",
                     "text":"<b>Hi</b> &lt;x&gt; &amp; &quot;y&quot;","parse_mode":"html",
                     "link_preview_options":{"is_disabled":true},
                     "reply_markup":{"inline_keyboard":[
                       [{"text":"Yes","callback_data":"a:yes"},{"text":"No","callback_data":"a:no"}],
                       [{"text":"A person","callback_data":"p"}]]}}""")));
    assertThat(status("1=1")).isEqualTo("sent");
    assertThat(fx.strings("SELECT channel_message_id FROM outbox")).containsExactly("501");
    assertThat(fx.strings("SELECT payload FROM outbox")).containsExactly("");
    assertThat(
            fx.strings(
                "SELECT channel_message_id FROM message WHERE id = '" + to.messageId() + "'"))
        .containsExactly("501");
  }

  @Test
  void outboxPayloadIsEncryptedWhileItWaits() {
    withDefaults();
    enqueue(person(4243), OutboundMessage.Text.plain("the shelter address is 12 Secret St"));
    assertThat(fx.strings("SELECT payload FROM outbox"))
        .singleElement()
        .satisfies(p -> assertThat(p).doesNotContain("Secret").doesNotContain("shelter"));
  }

  @Test
  void deletionsGoOutInBatchesOfAHundredOnePerSecond() {
    withDefaults();
    StoredMessage to = person(4242);
    enqueue(
        to, new OutboundMessage.DeleteMessages(LongStream.rangeClosed(1, 250).boxed().toList()));

    assertThat(round()).isEqualTo(1);
    assertThat(round()).isZero(); // the chat's second has not passed
    advance(1000);
    assertThat(round()).isEqualTo(1);
    advance(1000);
    assertThat(round()).isEqualTo(1);

    List<LoggedRequest> calls = fx.requests("deleteMessages");
    assertThat(calls).hasSize(3);
    assertThat(
            calls.stream()
                .map(r -> new JsonObject(r.getBodyAsString()).getJsonArray("message_ids").size()))
        .containsExactly(100, 100, 50);
    fx.telegram.verify(
        postRequestedFor(TelegramFixture.path("deleteMessages"))
            .withRequestBody(
                equalToJson(
                    new JsonObject()
                        .put("method", "deleteMessages")
                        .put("chat_id", "4242")
                        .put(
                            "message_ids",
                            new io.vertx.core.json.JsonArray(
                                LongStream.rangeClosed(201, 250).boxed().toList()))
                        .encode())));
    assertThat(status("1=1")).isEqualTo("sent,sent,sent");
  }

  @Test
  void aMessageSentToBeDeletedIsDeletedFromTheChatAfterItsTime() {
    withDefaults();
    StoredMessage to = person(4244);
    enqueue(to, OutboundMessage.Text.plain("Done.").deletedAfter(Duration.ofSeconds(60)));

    assertThat(round()).isEqualTo(1);
    advance(30_000);
    assertThat(round()).isZero(); // not yet
    assertThat(fx.requests("deleteMessages")).isEmpty();
    advance(31_000);
    assertThat(round()).isEqualTo(1);

    fx.telegram.verify(
        postRequestedFor(TelegramFixture.path("deleteMessages"))
            .withRequestBody(
                equalToJson(
                    """
                    {"method":"deleteMessages","chat_id":"4244","message_ids":[501]}""")));
    assertThat(status("1=1")).isEqualTo("sent,sent");
  }

  @Test
  void callbackAnswerFromTheOutboxCarriesItsText() {
    withDefaults();
    enqueue(person(4242), new OutboundMessage.CallbackAnswer("cbq-9", "Thanks"));
    assertThat(round()).isEqualTo(1);
    fx.telegram.verify(
        postRequestedFor(TelegramFixture.path("answerCallbackQuery"))
            .withRequestBody(
                equalToJson(
                    "{\"method\":\"answercallbackquery\",\"callback_query_id\":\"cbq-9\","
                        + "\"text\":\"Thanks\"}")));
  }

  @Test
  void eachChatGetsOneMessageASecondInOrder() {
    withDefaults();
    StoredMessage a = person(1);
    StoredMessage b = person(2);
    for (String text : List.of("a1", "a2", "a3")) {
      enqueue(a, OutboundMessage.Text.plain(text));
    }
    for (String text : List.of("b1", "b2")) {
      enqueue(b, OutboundMessage.Text.plain(text));
    }

    assertThat(round()).isEqualTo(2);
    assertThat(round()).isZero();
    advance(999);
    assertThat(round()).isZero();
    advance(1);
    assertThat(round()).isEqualTo(2);
    advance(1000);
    assertThat(round()).isEqualTo(1);
    advance(1000);
    assertThat(round()).isZero();

    assertThat(sentTexts(1)).containsExactly("a1", "a2", "a3");
    assertThat(sentTexts(2)).containsExactly("b1", "b2");
  }

  @Test
  void theBotSendsAtMostThirtyInAnySecond() {
    withDefaults();
    for (int chat = 1; chat <= 45; chat++) {
      enqueue(person(chat), OutboundMessage.Text.plain("hello " + chat));
    }

    assertThat(round()).isEqualTo(30);
    advance(500);
    assertThat(round()).isZero();
    advance(499);
    assertThat(round()).isZero();
    advance(1);
    assertThat(round()).isEqualTo(15);
    assertThat(fx.requests("sendMessage")).hasSize(45);
  }

  @Test
  void tooManyRequestsHoldsThatChatForRetryAfter() {
    withDefaults();
    StoredMessage a = person(1);
    StoredMessage b = person(2);
    enqueue(a, OutboundMessage.Text.plain("a1"));
    enqueue(b, OutboundMessage.Text.plain("b1"));
    enqueue(b, OutboundMessage.Text.plain("b2"));
    fx.stub(
        post(TelegramFixture.path("sendMessage"))
            .withRequestBody(matchingJsonPath("$.chat_id", equalTo("1")))
            .inScenario("flood")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(TelegramFixture.tooManyRequests(5))
            .willSetStateTo("waited"));

    assertThat(round()).isEqualTo(2);
    advance(1000);
    assertThat(round()).isEqualTo(1); // b2; chat 1 waits
    advance(3999);
    assertThat(round()).isZero();
    advance(1);
    assertThat(round()).isEqualTo(1);

    assertThat(sentTexts(1)).containsExactly("a1", "a1");
    assertThat(status("1=1")).isEqualTo("sent,sent,sent");
    // Waiting on a rate limit is not a failed attempt.
    assertThat(fx.strings("SELECT attempts FROM outbox WHERE contact_id = '" + a.contactId() + "'"))
        .containsExactly("1");
  }

  @Test
  void tooManyRequestsInSeveralChatsHoldsEveryChat() {
    withDefaults();
    StoredMessage a = person(1);
    StoredMessage b = person(2);
    StoredMessage c = person(3);
    enqueue(a, OutboundMessage.Text.plain("a1"));
    enqueue(b, OutboundMessage.Text.plain("b1"));
    enqueue(c, OutboundMessage.Text.plain("c1"));
    enqueue(c, OutboundMessage.Text.plain("c2"));
    for (String chat : List.of("1", "2")) {
      fx.stub(
          post(TelegramFixture.path("sendMessage"))
              .withRequestBody(matchingJsonPath("$.chat_id", equalTo(chat)))
              .inScenario("flood " + chat)
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(TelegramFixture.tooManyRequests(3))
              .willSetStateTo("waited"));
    }

    assertThat(round()).isEqualTo(3);
    advance(1000);
    assertThat(round()).isZero(); // c2 would be due, but the bot as a whole waits
    advance(2000);
    assertThat(round()).isEqualTo(3);
    assertThat(status("1=1")).isEqualTo("sent,sent,sent,sent");
  }

  @Test
  void serverErrorsAreRetriedWithBackoffUntilDelivered() {
    withDefaults();
    StoredMessage a = person(1);
    enqueue(a, OutboundMessage.Text.plain("a1"));
    String state = Scenario.STARTED;
    int[] codes = {500, 502, 503};
    for (int i = 0; i < codes.length; i++) {
      fx.stub(
          post(TelegramFixture.path("sendMessage"))
              .inScenario("burst")
              .whenScenarioStateIs(state)
              .willReturn(
                  aResponse()
                      .withStatus(codes[i])
                      .withBody(TelegramFixture.error(codes[i], "Internal Server Error")))
              .willSetStateTo("after " + i));
      state = "after " + i;
    }

    assertThat(round()).isEqualTo(1); // 500: retried after 0.5-1 s
    assertThat(status("1=1")).isEqualTo("pending");
    advance(400);
    assertThat(round()).isZero(); // within the shortest backoff
    advance(1600);
    assertThat(round()).isEqualTo(1); // 502: retried after 1-2 s
    advance(2000);
    assertThat(round()).isEqualTo(1); // 503: retried after 2-4 s
    advance(4000);
    assertThat(round()).isEqualTo(1); // delivered

    assertThat(status("1=1")).isEqualTo("sent");
    assertThat(fx.strings("SELECT attempts FROM outbox")).containsExactly("4");
    assertThat(sentTexts(1)).containsExactly("a1", "a1", "a1", "a1");
  }

  @Test
  void aTimeoutIsRetried() {
    with(DispatchPolicy.telegram().withSendTimeout(Duration.ofMillis(300)));
    enqueue(person(1), OutboundMessage.Text.plain("a1"));
    fx.stub(
        post(TelegramFixture.path("sendMessage"))
            .inScenario("slow")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(TelegramFixture.sentMessage(9)).withFixedDelay(3000))
            .willSetStateTo("fast"));

    assertThat(round()).isEqualTo(1);
    assertThat(fx.strings("SELECT last_error FROM outbox")).containsExactly("timeout");
    advance(10_000);
    assertThat(round()).isEqualTo(1);
    assertThat(status("1=1")).isEqualTo("sent");
  }

  @Test
  void aResetConnectionIsRetried() {
    withDefaults();
    enqueue(person(1), OutboundMessage.Text.plain("a1"));
    fx.stub(
        post(TelegramFixture.path("sendMessage"))
            .inScenario("reset")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("fine"));

    round();
    advance(10_000);
    round();
    eventually("sent", () -> status("1=1").equals("sent"));
  }

  @Test
  void aPersonWhoBlockedTheBotIsMarkedUnreachableAndNotRetried() {
    withDefaults();
    StoredMessage a = person(1);
    StoredMessage b = person(2);
    for (String text : List.of("a1", "a2", "a3")) {
      enqueue(a, OutboundMessage.Text.plain(text));
    }
    enqueue(b, OutboundMessage.Text.plain("b1"));
    fx.stub(
        post(TelegramFixture.path("sendMessage"))
            .withRequestBody(matchingJsonPath("$.chat_id", equalTo("1")))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody(
                        TelegramFixture.error(403, "Forbidden: bot was blocked by the user"))));

    assertThat(round()).isEqualTo(2);
    for (int i = 0; i < 5; i++) {
      advance(60_000);
      round();
    }

    assertThat(sentTexts(1)).containsExactly("a1");
    assertThat(status("contact_id = '" + a.contactId() + "'")).isEqualTo("failed,failed,failed");
    assertThat(fx.strings("SELECT DISTINCT last_error FROM outbox WHERE status = 'failed'"))
        .containsExactly("403 Forbidden: bot was blocked by the user");
    assertThat(fx.strings("SELECT reachable FROM contact WHERE id = '" + a.contactId() + "'"))
        .singleElement()
        .satisfies(v -> assertThat(v).isIn("false", "FALSE", "f"));
    assertThat(status("contact_id = '" + b.contactId() + "'")).isEqualTo("sent");
  }

  @Test
  void aRefusedMessageFailsAloneAndTheChatGoesOn() {
    withDefaults();
    StoredMessage a = person(1);
    enqueue(a, OutboundMessage.Text.plain("a1"));
    enqueue(a, OutboundMessage.Text.plain("a2"));
    fx.stub(
        post(TelegramFixture.path("sendMessage"))
            .inScenario("bad")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(TelegramFixture.error(400, "Bad Request: can't parse entities")))
            .willSetStateTo("good"));

    assertThat(round()).isEqualTo(1);
    advance(1000);
    assertThat(round()).isEqualTo(1);

    assertThat(status("1=1")).isEqualTo("failed,sent");
    assertThat(fx.strings("SELECT last_error FROM outbox WHERE status = 'failed'"))
        .containsExactly("400 Bad Request: can't parse entities");
  }

  @Test
  void aMessageThatKeepsFailingIsGivenUpAfterTheLastAttempt() {
    with(DispatchPolicy.telegram().withMaxAttempts(3));
    enqueue(person(1), OutboundMessage.Text.plain("a1"));
    fx.stub(
        post(TelegramFixture.path("sendMessage"))
            .willReturn(aResponse().withStatus(500).withBody(TelegramFixture.error(500, "oops"))));

    for (int i = 0; i < 5; i++) {
      round();
      advance(60_000);
    }
    assertThat(fx.requests("sendMessage")).hasSize(3);
    assertThat(status("1=1")).isEqualTo("failed");
    assertThat(fx.strings("SELECT last_error FROM outbox"))
        .containsExactly("gave up after 3 attempts: 500 oops");
  }

  @Test
  void anUnreadableRowOrAnErasedChatFailsAloneAndTheRestGoesOut() throws Exception {
    withDefaults();
    StoredMessage a = person(1);
    StoredMessage b = person(2);
    StoredMessage c = person(3);
    enqueue(a, OutboundMessage.Text.plain("a1"));
    enqueue(b, OutboundMessage.Text.plain("b1"));
    enqueue(c, OutboundMessage.Text.plain("c1"));
    try (java.sql.Connection conn = fx.testDb.connect();
        java.sql.Statement s = conn.createStatement()) {
      s.executeUpdate(
          "UPDATE outbox SET payload = 'gone.AAAA' WHERE contact_id = '" + a.contactId() + "'");
      s.executeUpdate("UPDATE contact SET chat_ref = NULL WHERE id = '" + b.contactId() + "'");
    }

    assertThat(round()).isEqualTo(3);

    assertThat(status("contact_id = '" + a.contactId() + "'")).isEqualTo("failed");
    assertThat(status("contact_id = '" + b.contactId() + "'")).isEqualTo("failed");
    assertThat(status("contact_id = '" + c.contactId() + "'")).isEqualTo("sent");
    assertThat(sentTexts(3)).containsExactly("c1");
  }
}
