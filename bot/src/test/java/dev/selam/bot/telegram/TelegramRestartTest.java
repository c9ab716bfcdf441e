package dev.selam.bot.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static dev.selam.bot.telegram.TelegramFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.channel.OutboxWriter;
import dev.selam.core.conversation.ConversationStore.StoredMessage;
import dev.selam.core.storage.TestDatabase;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second service instance on the same database picks up what the first left undone. */
class TelegramRestartTest {
  @TempDir Path tempDir;
  TestDatabase testDb;
  List<TelegramFixture> fixtures = new ArrayList<>();

  @AfterEach
  void tearDown() {
    for (TelegramFixture fx : fixtures) {
      try {
        fx.stopKeepingData();
      } catch (RuntimeException alreadyStopped) {
        // crashed or stopped by the test
      }
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  TelegramFixture instance() {
    if (testDb == null) {
      testDb = TestDatabase.create(tempDir);
    }
    TelegramFixture fx = new TelegramFixture(testDb);
    fixtures.add(fx);
    return fx;
  }

  void enqueue(TelegramFixture fx, StoredMessage to, String text) {
    fx.database
        .pool()
        .withTransaction(
            tx ->
                fx.channel
                    .outbox()
                    .enqueue(
                        tx,
                        new OutboxWriter.Recipient("telegram", to.contactId(), to.conversationId()),
                        OutboundMessage.Text.plain(text),
                        null))
        .await();
  }

  static List<String> sentTexts(TelegramFixture fx, String chatId) {
    return fx.requests("sendMessage").stream()
        .map(r -> new JsonObject(r.getBodyAsString()))
        .filter(json -> json.getString("chat_id").equals(chatId))
        .map(json -> json.getString("text"))
        .toList();
  }

  @Test
  void undeliveredRepliesAreSentAfterARestart() {
    TelegramFixture first = instance();
    first.stub(
        post(TelegramFixture.path("sendMessage"))
            .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));
    first.webhookChannel(TelegramFixture.fastPolicy(), Clock.systemUTC()).start();
    StoredMessage a = first.conversations.recordInbound("telegram", "1", "hi").await();
    StoredMessage b = first.conversations.recordInbound("telegram", "2", "hi").await();
    for (String text : List.of("a1", "a2", "a3")) {
      enqueue(first, a, text);
    }
    for (String text : List.of("b1", "b2")) {
      enqueue(first, b, text);
    }
    eventually("tried", () -> first.count("SELECT COUNT(*) FROM outbox WHERE attempts > 0") >= 2);
    first.crash();

    TelegramFixture second = instance();
    second.webhookChannel(TelegramFixture.fastPolicy(), Clock.systemUTC()).start();

    eventually(
        "all sent", () -> second.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'") == 5);
    assertThat(sentTexts(second, "1")).containsExactly("a1", "a2", "a3");
    assertThat(sentTexts(second, "2")).containsExactly("b1", "b2");
  }

  @Test
  void anUpdateArrivingBeforeTheRecoverySweepWaitsForItsChatsOlderOnes() {
    TelegramFixture first = instance();
    first.behaviour = message -> Promise.<Void>promise().future(); // handling never ends
    first.webhookChannel(TelegramFixture.fastPolicy(), Clock.systemUTC());
    first.postUpdate(Updates.text(1, 10, "one"));
    first.postUpdate(Updates.text(2, 10, "two"));
    eventually("first handler called", () -> first.handled.size() == 1);
    first.crash();

    // the restarted webhook takes Telegram's next update before the channel has started
    TelegramFixture second = instance();
    second.webhookChannel(TelegramFixture.fastPolicy(), Clock.systemUTC());
    second.postUpdate(Updates.text(3, 10, "three"));
    second.start();

    eventually("all handled", () -> second.handled.size() == 3);
    assertThat(second.handled)
        .extracting(InboundMessage::text)
        .containsExactly("one", "two", "three");
  }

  @Test
  void updatesStoredButNotHandledAreHandledAfterARestart() {
    TelegramFixture first = instance();
    first.behaviour = message -> Promise.<Void>promise().future(); // handling never ends
    first.webhookChannel(TelegramFixture.fastPolicy(), Clock.systemUTC());
    first.postUpdate(Updates.text(1, 10, "one"));
    first.postUpdate(Updates.text(2, 20, "other"));
    first.postUpdate(Updates.text(3, 10, "two"));
    first.postUpdate(Updates.text(4, 10, "three"));
    eventually("first handler called", () -> first.handled.size() == 2);
    first.crash();

    TelegramFixture second = instance();
    second.webhookChannel(TelegramFixture.fastPolicy(), Clock.systemUTC()).start();

    eventually("all handled", () -> second.handled.size() == 4);
    assertThat(second.handled.stream().filter(m -> m.externalChatId().equals("10")))
        .extracting(InboundMessage::text)
        .containsExactly("one", "two", "three");
    eventually(
        "all finished",
        () -> second.count("SELECT COUNT(*) FROM inbound_update WHERE handled_at IS NULL") == 0);
  }

  @Test
  void aFloodBeyondWhatMemoryHoldsIsHandledInOrderFromTheDatabase() {
    TelegramFixture fx = instance();
    fx.processorPolicy = new UpdateProcessor.Policy(6, 4, 3, java.time.Duration.ofMillis(10));
    Promise<Void> gate = Promise.promise();
    fx.behaviour =
        message -> message.updateId() == 1 ? gate.future() : io.vertx.core.Future.succeededFuture();
    fx.webhookChannel(TelegramFixture.fastPolicy(), Clock.systemUTC()).start();
    for (int update = 1; update <= 60; update++) {
      assertThat(fx.postUpdate(Updates.text(update, update % 3, "m" + update)).statusCode())
          .isEqualTo(200);
    }
    fx.vertx.runOnContext(v -> gate.complete());

    eventually(
        "all handled",
        () -> fx.count("SELECT COUNT(*) FROM inbound_update WHERE outcome = 'handled'") == 60);
    assertThat(fx.handled).hasSize(60);
    for (long chat = 0; chat < 3; chat++) {
      String id = String.valueOf(chat);
      List<Long> order =
          fx.handled.stream()
              .filter(m -> m.externalChatId().equals(id))
              .map(InboundMessage::updateId)
              .toList();
      assertThat(order).as("chat " + chat).isSorted().hasSize(20).doesNotHaveDuplicates();
    }
  }

  @Test
  void commandMenuIsRegisteredInEveryLanguageAndByDefault() {
    TelegramFixture fx = instance();
    fx.webhookChannel(TelegramFixture.fastPolicy(), Clock.systemUTC()).start();

    eventually("registered", () -> fx.requests("setMyCommands").size() == 4);
    for (String language : List.of("en", "tr", "ar")) {
      fx.telegram.verify(
          postRequestedFor(TelegramFixture.path("setMyCommands"))
              .withRequestBody(
                  equalToJson(commands(language).put("language_code", language).encode())));
    }
    fx.telegram.verify(
        postRequestedFor(TelegramFixture.path("setMyCommands"))
            .withRequestBody(equalToJson(commands("en").encode())));
  }

  @Test
  void webhookIsRegisteredAtThePublicUrlWithTheSecret() {
    TelegramFixture fx = instance();
    fx.webhookChannel(TelegramFixture.fastPolicy(), Clock.systemUTC());
    fx.channel.start(Optional.of(URI.create("https://help.example.org/"))).await();

    eventually("registered", () -> fx.requests("setWebhook").size() == 1);
    String body = fx.requests("setWebhook").get(0).getBodyAsString();
    assertThat(body)
        .contains("https://help.example.org/telegram/webhook")
        .contains(TelegramFixture.SECRET)
        .contains("callback_query");
  }

  private static JsonObject commands(String language) {
    io.vertx.core.json.JsonArray commands = new io.vertx.core.json.JsonArray();
    for (String command : List.of("start", "help", "menu", "language", "person", "erase")) {
      commands.add(
          new JsonObject()
              .put("command", command)
              .put("description", "[" + language + "] command." + command));
    }
    return new JsonObject().put("method", "setMyCommands").put("commands", commands);
  }
}
