package dev.selam.server;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WireMock standing in for Telegram's Bot API: {@code sendMessage} answers with a new message id
 * each time (increasing across the whole bot, so the order of sends can be read back from the ids
 * stored), every other method answers {@code true}. Tests add fault stubs on top.
 */
final class TelegramStandIn implements AutoCloseable {
  static final String SEND_MESSAGE = "/bot.*/(?i)sendMessage";

  final WireMockServer server;
  private final AtomicLong nextMessageId = new AtomicLong(1_000_000);

  TelegramStandIn() {
    server =
        new WireMockServer(
            options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(32)
                .extensions(new NewMessageId(nextMessageId)));
    server.start();
    server.stubFor(
        post(urlMatching(SEND_MESSAGE))
            .atPriority(5)
            .willReturn(okJson("{}").withTransformers(NewMessageId.NAME)));
    server.stubFor(
        post(urlMatching("/bot.*"))
            .atPriority(10)
            .willReturn(okJson("{\"ok\":true,\"result\":true}")));
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  int port() {
    return server.port();
  }

  /** Every {@code sendMessage} call that got a message, in the order Telegram answered it. */
  List<Sent> sentMessages() {
    List<Sent> sent = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      LoggedRequest request = event.getRequest();
      if (!request.getUrl().matches(SEND_MESSAGE)
          || event.getResponse().getStatus() != 200
          || event.getResponse().getBodyAsString().isEmpty()) {
        continue;
      }
      JsonObject body = new JsonObject(request.getBodyAsString());
      JsonObject result = new JsonObject(event.getResponse().getBodyAsString());
      if (!result.getBoolean("ok", false)) {
        continue;
      }
      sent.add(
          new Sent(
              Long.parseLong(body.getValue("chat_id").toString()),
              result.getJsonObject("result").getLong("message_id"),
              body.getString("text", ""),
              request.getLoggedDate().toInstant().toEpochMilli()));
    }
    sent.sort(java.util.Comparator.comparingLong(Sent::messageId));
    return sent;
  }

  long requestCount(String methodPattern) {
    return server.findAll(postRequestedFor(urlMatching(methodPattern))).size();
  }

  /** A message Telegram accepted: for chat, with the id it was given, received at that time. */
  record Sent(long chatId, long messageId, String text, long atMillis) {}

  @Override
  public void close() {
    server.stop();
  }

  /** Answers {@code sendMessage} like Telegram: the message, with a fresh id, in the chat asked. */
  static final class NewMessageId implements ResponseTransformerV2 {
    static final String NAME = "new-message-id";
    private final AtomicLong next;

    NewMessageId(AtomicLong next) {
      this.next = next;
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
      JsonObject body = new JsonObject(event.getRequest().getBodyAsString());
      JsonObject message =
          new JsonObject()
              .put("message_id", next.incrementAndGet())
              .put("date", 1_700_000_000)
              .put(
                  "chat",
                  new JsonObject()
                      .put("id", Long.parseLong(body.getValue("chat_id").toString()))
                      .put("type", "private"))
              .put("text", body.getString("text", ""));
      return Response.Builder.like(response)
          .but()
          .body(new JsonObject().put("ok", true).put("result", message).encode())
          .build();
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }
}
