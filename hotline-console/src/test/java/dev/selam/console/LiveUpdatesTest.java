package dev.selam.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.core.escalation.Escalation;
import dev.selam.core.events.EventAddresses;
import dev.selam.core.identity.Role;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live socket: opened only with a session and from the console's own origin, it carries queue
 * events to every console and a conversation's message events only to those who may read it, never
 * the person's words.
 */
class LiveUpdatesTest {
  @TempDir static Path tempDir;
  static Vertx vertx;
  static ConsoleFixture fx;
  static People people;
  static WebSocketClient sockets;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    fx = new ConsoleFixture(vertx, tempDir);
    people = new People(vertx, fx);
    sockets = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() {
    sockets.close().await();
    fx.close();
    vertx.close().await();
  }

  /** A console's socket and the frames it received, in order. */
  record Feed(WebSocket socket, BlockingQueue<JsonObject> frames) {
    JsonObject next(String type) throws InterruptedException {
      while (true) {
        JsonObject frame = frames.poll(5, TimeUnit.SECONDS);
        assertThat(frame).as("a " + type + " frame").isNotNull();
        if (frame.getString("type").equals(type)) {
          return frame;
        }
      }
    }
  }

  static WebSocketConnectOptions options(StaffClient client, String origin) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(fx.server.actualPort())
            .setURI("/api/live");
    if (client.sessionToken != null) {
      options.addHeader("Cookie", StaffClient.COOKIE + "=" + client.sessionToken);
    }
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    return options;
  }

  static Feed connect(StaffClient client) throws InterruptedException {
    BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    ClientWebSocket socket = sockets.webSocket();
    // listening before connecting: the first frame may come at once
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.connect(options(client, "http://127.0.0.1:" + fx.server.actualPort())).await();
    Feed feed = new Feed(socket, frames);
    feed.next("hello");
    return feed;
  }

  @Test
  void aMessageEventReachesTheHolderAndNotAnotherOperator() throws Exception {
    StaffClient holder = fx.signedIn("hana", List.of("ar"), Role.OPERATOR);
    StaffClient other = fx.signedIn("halil", List.of("ar"), Role.OPERATOR);
    StaffClient supervisor = fx.signedIn("hulya", List.of(), Role.SUPERVISOR);
    Feed holderFeed = connect(holder);
    Feed otherFeed = connect(other);
    Feed supervisorFeed = connect(supervisor);

    Escalation e = people.escalated("ar", "they took my passport");
    JsonObject opened = otherFeed.next("escalation.opened");
    assertThat(opened.getJsonObject("escalation").getString("id")).isEqualTo(e.id());
    assertThat(opened.encode()).doesNotContain("passport");
    holder.post("/api/escalations/" + e.id() + "/claim", null);
    assertThat(otherFeed.next("escalation.claimed").getJsonObject("escalation").getString("id"))
        .isEqualTo(e.id());

    String messageId = people.writes(e.conversationId(), "text", "they are at the door");
    vertx
        .eventBus()
        .publish(
            EventAddresses.CONVERSATION_MESSAGE,
            new JsonObject().put("conversationId", e.conversationId()).put("messageId", messageId));
    // a later queue event, which every console gets, marks where the message event would be
    Escalation later = people.escalated("ar", "help");

    JsonObject toHolder = holderFeed.next("conversation.message");
    assertThat(toHolder.getString("messageId")).isEqualTo(messageId);
    assertThat(toHolder.encode()).doesNotContain("door");
    assertThat(supervisorFeed.next("conversation.message").getString("messageId"))
        .isEqualTo(messageId);
    JsonObject next = otherFeed.next("escalation.opened");
    assertThat(next.getJsonObject("escalation").getString("id")).isEqualTo(later.id());
    assertThat(otherFeed.frames())
        .noneMatch(f -> f.getString("type").equals("conversation.message"));
  }

  @Test
  void aWaitingConversationsMessagesReachEveryOperator() throws Exception {
    StaffClient one = fx.signedIn("wafa", List.of("ar"), Role.OPERATOR);
    Feed feed = connect(one);
    Escalation e = people.escalated("ar", "help");
    vertx
        .eventBus()
        .publish(
            EventAddresses.DELIVERY_CHANGED,
            new JsonObject()
                .put("conversationId", e.conversationId())
                .put("messageId", "m1")
                .put("state", "failed"));

    JsonObject frame = feed.next("delivery.changed");
    assertThat(frame.getString("state")).isEqualTo("failed");
  }

  @Test
  void withoutASessionOrFromAnotherOriginTheSocketIsRefused() {
    StaffClient operator = fx.signedIn("orhan", List.of("ar"), Role.OPERATOR);
    String origin = "http://127.0.0.1:" + fx.server.actualPort();

    assertThatThrownBy(() -> sockets.connect(options(fx.anonymous(), origin)).await())
        .hasMessageContaining("401");
    assertThatThrownBy(() -> sockets.connect(options(operator, "https://evil.example")).await())
        .hasMessageContaining("403");
    assertThatThrownBy(() -> sockets.connect(options(operator, "null")).await())
        .hasMessageContaining("403");
    StaffClient editor = fx.signedIn("ece", List.of(), Role.EDITOR);
    assertThatThrownBy(() -> sockets.connect(options(editor, origin)).await())
        .hasMessageContaining("403");
  }
}
