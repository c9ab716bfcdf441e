package dev.selam.bot.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static dev.selam.bot.telegram.TelegramFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.bot.channel.InboundMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelegramPollingTest {
  @TempDir Path tempDir;
  TelegramFixture fx;
  TelegramConnection connection;

  @AfterEach
  void tearDown() {
    if (connection != null) {
      connection.close();
    }
    fx.close();
  }

  static String updates(String... updates) {
    JsonArray result = new JsonArray();
    for (String update : updates) {
      result.add(new JsonObject(update));
    }
    return new JsonObject().put("ok", true).put("result", result).encode();
  }

  void answerGetUpdates(String offsetCondition, String body, int delayMillis) {
    fx.stub(
        post(TelegramFixture.path("getUpdates"))
            .withRequestBody(matchingJsonPath(offsetCondition))
            .willReturn(okJson(body).withFixedDelay(delayMillis)));
  }

  List<String> offsetsAskedFor() {
    return fx.requests("getUpdates").stream()
        .map(r -> new JsonObject(r.getBodyAsString()).getValue("offset"))
        .map(String::valueOf)
        .toList();
  }

  @Test
  void pollingRemovesTheWebhookThenFetchesStoresAndHandsOnUpdates() {
    fx = new TelegramFixture(tempDir);
    answerGetUpdates(
        "$[?(!@.offset)]",
        updates(Updates.text(100, 5, "first"), Updates.text(101, 5, "second")),
        0);
    answerGetUpdates("$[?(@.offset == 102)]", updates(), 300);
    fx.pollingChannel(TelegramFixture.fastPolicy(), Clock.systemUTC()).start();

    eventually("handled", () -> fx.handled.size() == 2);
    assertThat(fx.handled).extracting(InboundMessage::text).containsExactly("first", "second");
    eventually("asked from 102", () -> offsetsAskedFor().contains("102"));
    assertThat(fx.requests("deleteWebhook")).hasSize(1);
    fx.telegram.verify(
        postRequestedFor(TelegramFixture.path("deleteWebhook"))
            .withRequestBody(equalToJson("{\"method\":\"deleteWebhook\"}")));
    fx.telegram.verify(
        postRequestedFor(TelegramFixture.path("getUpdates"))
            .withRequestBody(
                equalToJson(
                    """
                    {"method":"getupdates","limit":100,"timeout":50,
                     "allowed_updates":["message","edited_message","callback_query",
                                        "channel_post","edited_channel_post"]}""")));
    assertThat(offsetsAskedFor().get(0)).isEqualTo("null");
  }

  @Test
  void theOffsetMovesOnlyPastUpdatesThatAreStored() {
    fx =
        new TelegramFixture(tempDir)
            .pollingChannel(TelegramFixture.fastPolicy(), Clock.systemUTC());
    answerGetUpdates(
        "$[?(!@.offset)]", updates(Updates.text(10, 5, "a"), Updates.text(11, 5, "b")), 0);
    answerGetUpdates("$[?(@.offset == 11)]", updates(Updates.text(11, 5, "b")), 0);
    answerGetUpdates("$[?(@.offset == 12)]", updates(), 300);
    AtomicBoolean failedOnce = new AtomicBoolean();
    UpdateIntake intake = fx.channel.intake();
    TelegramPolling.UpdateSink flakyStore =
        (update, json) ->
            update.getUpdateId() == 11 && failedOnce.compareAndSet(false, true)
                ? Future.failedFuture(new IllegalStateException("database away"))
                : intake.take(update, json);
    connection = TelegramConnection.open(fx.settings(TelegramSettings.Mode.POLLING));
    TelegramPolling polling =
        new TelegramPolling(
            fx.vertx,
            new BotApi(fx.vertx, connection.polling()),
            flakyStore,
            Duration.ofSeconds(50),
            new SplittableRandom(1));
    polling.start();

    eventually("asked from 12", () -> offsetsAskedFor().contains("12"));
    polling.stop();
    // 10 was stored, so 11 is asked for; 11 failed to store, so it is asked for again, not 12.
    assertThat(offsetsAskedFor()).startsWith("null", "11", "12");
    assertThat(fx.strings("SELECT update_id FROM inbound_update ORDER BY update_id"))
        .containsExactly("10", "11");
    eventually("handled once each", () -> fx.handled.size() == 2);
  }
}
