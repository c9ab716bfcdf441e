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
  private final NewMessageId answers;

  TelegramStandIn() {
    NewMessageId answers;
    server =
        new WireMockServer(
            options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(32)
                .extensions(answers = new NewMessageId(nextMessageId)));
    this.answers = answers;
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

  /** What Telegram does instead of answering a {@code sendMessage} call. */
  enum Fault {
    NONE,
    SERVER_ERROR,
    BAD_GATEWAY,
    CONNECTION_RESET,
    EMPTY_RESPONSE,
    TOO_MANY_REQUESTS,
    SLOW,
    BLOCKED_BY_USER
  }

  /** Decides each {@code sendMessage} call's fault from its number (1 for the first) and chat. */
  interface FaultPlan {
    Fault faultFor(long call, long chatId);
  }

  void faults(FaultPlan plan) {
    answers.plan = plan;
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

  /** Every {@code sendMessage} call, answered or not, in the order they arrived. */
  List<Call> sendMessageCalls() {
    List<Call> calls = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      LoggedRequest request = event.getRequest();
      if (request.getUrl().matches(SEND_MESSAGE)) {
        JsonObject body = new JsonObject(request.getBodyAsString());
        calls.add(
            new Call(
                Long.parseLong(body.getValue("chat_id").toString()),
                request.getLoggedDate().toInstant().toEpochMilli(),
                event.getResponse().getStatus()));
      }
    }
    calls.sort(java.util.Comparator.comparingLong(Call::atMillis));
    return calls;
  }

  record Call(long chatId, long atMillis, int status) {}

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
    private final AtomicLong calls = new AtomicLong();
    volatile FaultPlan plan = (call, chat) -> Fault.NONE;

    NewMessageId(AtomicLong next) {
      this.next = next;
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
      JsonObject body = new JsonObject(event.getRequest().getBodyAsString());
      long chatId = Long.parseLong(body.getValue("chat_id").toString());
      Fault fault = plan.faultFor(calls.incrementAndGet(), chatId);
      switch (fault) {
        case SERVER_ERROR -> {
          return error(response, 500, "Internal Server Error", null);
        }
        case BAD_GATEWAY -> {
          return Response.Builder.like(response).but().status(502).body("<html>502</html>").build();
        }
        case CONNECTION_RESET -> {
          return Response.Builder.like(response)
              .but()
              .fault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)
              .build();
        }
        case EMPTY_RESPONSE -> {
          return Response.Builder.like(response)
              .but()
              .fault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE)
              .build();
        }
        case TOO_MANY_REQUESTS -> {
          return error(
              response,
              429,
              "Too Many Requests: retry after 2",
              new JsonObject().put("retry_after", 2));
        }
        case BLOCKED_BY_USER -> {
          return error(response, 403, "Forbidden: bot was blocked by the user", null);
        }
        default -> {
          // SLOW and NONE answer; SLOW after a while
        }
      }
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
      Response.Builder answer =
          Response.Builder.like(response)
              .but()
              .body(new JsonObject().put("ok", true).put("result", message).encode());
      if (fault == Fault.SLOW) {
        answer.incrementInitialDelay(1_500);
      }
      return answer.build();
    }

    private static Response error(
        Response response, int status, String description, JsonObject parameters) {
      JsonObject body =
          new JsonObject()
              .put("ok", false)
              .put("error_code", status)
              .put("description", description);
      if (parameters != null) {
        body.put("parameters", parameters);
      }
      return Response.Builder.like(response).but().status(status).body(body.encode()).build();
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
