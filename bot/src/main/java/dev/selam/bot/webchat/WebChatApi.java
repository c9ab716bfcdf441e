package dev.selam.bot.webchat;

import static dev.selam.bot.webchat.WebChatReplies.json;
import static dev.selam.bot.webchat.WebChatReplies.problem;

import dev.selam.bot.channel.InboundHandler;
import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.channel.MessageKind;
import dev.selam.bot.channel.TrackedMark;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web chat's JSON API under {@code /chat/api}. A conversation is opened with {@code POST
 * /conversations}, which returns its secret; every other call carries it as {@code Authorization:
 * Bearer <secret>}. What the person sends carries an {@code Idempotency-Key}: a retry with the same
 * key is answered from the first attempt and handled once.
 *
 * <p>Errors are problem documents with a {@code code} the page translates: {@code
 * unknown_conversation} (401, the same for a missing, malformed or unknown secret), {@code
 * too_fast} (429 with Retry-After), {@code too_long} (413), {@code bad_request} (400), {@code
 * button_gone} (409).
 */
final class WebChatApi {
  static final String CHANNEL = WebChatChannel.CHANNEL;

  static final Set<String> COMMANDS =
      Set.of("start", "menu", "help", "language", "person", "erase");

  private static final Logger log = LoggerFactory.getLogger(WebChatApi.class);

  private final WebChatSettings settings;
  private final WebChatStore store;
  private final ChatSecret secrets;
  private final WebChatChecks checks;
  private final InboundHandler dialogue;
  private final WebChatLive live;
  private final WebChatTexts texts;
  private final Runnable afterHandled;
  private final Clock clock;
  private final ChatQueue queue = new ChatQueue();

  WebChatApi(
      WebChatSettings settings,
      WebChatStore store,
      ChatSecret secrets,
      InboundHandler dialogue,
      WebChatLive live,
      WebChatTexts texts,
      Runnable afterHandled,
      Clock clock) {
    this.settings = settings;
    this.store = store;
    this.secrets = secrets;
    this.checks = new WebChatChecks(settings, store, secrets, clock);
    this.dialogue = dialogue;
    this.live = live;
    this.texts = texts;
    this.afterHandled = afterHandled;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/chat/api/texts/:language").handler(this::texts);
    router.post("/chat/api/conversations").handler(checks::limitNew).handler(this::open);
    router.get("/chat/api/messages").handler(checks::authenticate).handler(this::poll);
    router.get("/chat/api/events").handler(checks::authenticate).handler(this::events);
    sending(router, "/chat/api/messages").handler(this::send);
    sending(router, "/chat/api/commands").handler(this::command);
    sending(router, "/chat/api/presses").handler(this::press);
  }

  /** What the person sends passes the same checks, in this order. */
  private io.vertx.ext.web.Route sending(Router router, String path) {
    return router
        .post(path)
        .handler(checks::limitAddress)
        .handler(checks::authenticate)
        .handler(checks::readBody)
        .handler(checks::limitChat);
  }

  // --- handlers ---

  private void texts(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "public, max-age=3600")
        .end(texts.page(ctx.pathParam("language")).encode());
  }

  private void open(RoutingContext ctx) {
    String secret = ChatSecret.generate();
    String chat = secrets.chatKey(secret).orElseThrow();
    store
        .createChat(chat)
        .onSuccess(
            v -> {
              log.atInfo().addKeyValue("event", "webchat.opened").log("web chat opened");
              json(ctx, 201, new JsonObject().put("secret", secret));
            })
        .onFailure(ctx::fail);
  }

  private void poll(RoutingContext ctx) {
    Optional<Long> after = cursor(ctx);
    if (after.isEmpty()) {
      return;
    }
    batch(ctx.get("chat"), after.get())
        .onSuccess(batch -> json(ctx, 200, batch))
        .onFailure(ctx::fail);
  }

  private void events(RoutingContext ctx) {
    Optional<Long> after = cursor(ctx);
    if (after.isEmpty()) {
      return;
    }
    String chat = ctx.get("chat");
    long[] cursor = {after.get()};
    live.stream(
        chat,
        ctx.response(),
        ignored ->
            batch(chat, cursor[0])
                .onSuccess(
                    batch -> {
                      if (ctx.response().ended() || ctx.response().closed()) {
                        return;
                      }
                      cursor[0] = Math.max(cursor[0], batch.getLong("cursor"));
                      ctx.response().write("data: " + batch.encode() + "\n\n");
                    }));
  }

  private void send(RoutingContext ctx) {
    Object value = ctx.<JsonObject>get("json").getValue("text");
    if (!(value instanceof String raw) || raw.isBlank()) {
      problem(ctx, 400, "bad_request", "text must be a non-empty string.", null);
      return;
    }
    String text = raw.strip();
    int chars = text.codePointCount(0, text.length());
    if (chars > settings.maxMessageChars()) {
      problem(
          ctx,
          413,
          "too_long",
          "The message is too long: at most " + settings.maxMessageChars() + " characters.",
          new JsonObject().put("limit", settings.maxMessageChars()));
      return;
    }
    if (text.codePoints().anyMatch(WebChatChecks::forbidden)) {
      problem(ctx, 400, "bad_request", "The message contains control characters.", null);
      return;
    }
    MessageKind kind = text.startsWith("/") ? MessageKind.COMMAND : MessageKind.TEXT;
    handle(ctx, "text", new JsonObject().put("text", text), kind, text, null, null);
  }

  private void command(RoutingContext ctx) {
    Object command = ctx.<JsonObject>get("json").getValue("command");
    if (!(command instanceof String name) || !COMMANDS.contains(name)) {
      problem(ctx, 400, "bad_request", "command must be one of " + COMMANDS + ".", null);
      return;
    }
    handle(
        ctx,
        "command",
        new JsonObject().put("command", name),
        MessageKind.COMMAND,
        "/" + name,
        null,
        null);
  }

  /** A press counts only for a button that is on a message this chat was shown. */
  private void press(RoutingContext ctx) {
    JsonObject json = ctx.get("json");
    Object data = json.getValue("data");
    Object message = json.getValue("messageId");
    if (data instanceof String pressed && message == null && texts.isLanguageChoice(pressed)) {
      // The page's own language menu: the same choice as the chat's language buttons.
      handle(
          ctx,
          "press",
          new JsonObject().put("data", pressed),
          MessageKind.CALLBACK,
          null,
          pressed,
          null);
      return;
    }
    if (!(data instanceof String pressed) || !(message instanceof Number id)) {
      problem(ctx, 400, "bad_request", "data (string) and messageId (number) are required.", null);
      return;
    }
    String chat = ctx.get("chat");
    store
        .find(chat, id.longValue())
        .onSuccess(
            shown -> {
              if (shown.isEmpty() || !hasButton(shown.get(), pressed)) {
                problem(ctx, 409, "button_gone", "That button is no longer available.", null);
                return;
              }
              handle(
                  ctx,
                  "press",
                  new JsonObject().put("data", pressed).put("messageId", id.longValue()),
                  MessageKind.CALLBACK,
                  null,
                  pressed,
                  id.longValue());
            })
        .onFailure(ctx::fail);
  }

  /**
   * Stores what the person sent (once per idempotency key) and hands it to the dialogue, one at a
   * time per chat; answers once the dialogue has stored everything it caused.
   */
  private void handle(
      RoutingContext ctx,
      String entryKind,
      JsonObject body,
      MessageKind kind,
      String text,
      String callbackData,
      Long pressedMessage) {
    String chat = ctx.get("chat");
    String key = ctx.get("key");
    String language = ctx.<JsonObject>get("json").getString("language");
    boolean[] repeated = {false};
    queue
        .run(
            chat,
            () ->
                store
                    .store(chat, "in", entryKind, "p:" + key, body)
                    .compose(
                        entry -> {
                          if (entry.handled()) {
                            repeated[0] = true;
                            return Future.succeededFuture(entry);
                          }
                          // The dialogue marks the entry handled in the transaction that stores
                          // its replies; a handler that stores nothing leaves it to us.
                          boolean dropBody = !"text".equals(entryKind);
                          TrackedMark mark =
                              new TrackedMark(tx -> store.handled(tx, entry.seq(), dropBody));
                          InboundMessage message =
                              new InboundMessage(
                                  CHANNEL,
                                  chat,
                                  entry.seq(),
                                  pressedMessage != null ? pressedMessage : entry.seq(),
                                  kind,
                                  text,
                                  callbackData,
                                  callbackData == null ? null : "web-" + entry.seq(),
                                  language,
                                  false,
                                  clock.instant(),
                                  mark);
                          return dialogue
                              .handle(message)
                              .compose(
                                  v ->
                                      mark.used()
                                          ? Future.succeededFuture()
                                          : store.handled(entry.seq(), dropBody).mapEmpty())
                              .map(entry);
                        }))
        .onSuccess(
            entry -> {
              afterHandled.run();
              json(ctx, 200, new JsonObject().put("id", entry.seq()).put("repeated", repeated[0]));
            })
        .onFailure(
            e -> {
              log.atWarn()
                  .addKeyValue("event", "webchat.handle_failed")
                  .addKeyValue("error", e.getClass().getSimpleName())
                  .log("a web chat message could not be handled; the page will retry");
              problem(
                  ctx, 503, "unavailable", "Could not handle the message now; try again.", null);
            });
  }

  // --- helpers ---

  /** New entries after the cursor, plus which of the shown ones still exist. */
  private Future<JsonObject> batch(String chat, long after) {
    return store
        .shownAfter(chat, after)
        .compose(
            entries ->
                store
                    .present(chat)
                    .map(
                        present -> {
                          JsonArray out = new JsonArray();
                          long cursor = after;
                          for (WebChatStore.Entry entry : entries) {
                            cursor = Math.max(cursor, entry.seq());
                            out.add(shown(entry));
                          }
                          return new JsonObject()
                              .put("entries", out)
                              .put("present", new JsonArray(List.copyOf(present)))
                              .put("cursor", cursor);
                        }));
  }

  private static JsonObject shown(WebChatStore.Entry entry) {
    JsonObject json = new JsonObject().put("id", entry.seq());
    if ("in".equals(entry.direction())) {
      return json.put("from", "person").put("text", entry.body().getString("text", ""));
    }
    json.put("from", "service").put("runs", entry.body().getJsonArray("runs", new JsonArray()));
    JsonArray buttons = entry.body().getJsonArray("buttons");
    if (buttons != null) {
      json.put("buttons", buttons);
    }
    return json;
  }

  private static boolean hasButton(WebChatStore.Entry entry, String data) {
    if (!"out".equals(entry.direction()) || entry.body() == null) {
      return false;
    }
    JsonArray rows = entry.body().getJsonArray("buttons");
    if (rows == null) {
      return false;
    }
    for (Object row : rows) {
      for (Object button : (JsonArray) row) {
        if (data.equals(((JsonObject) button).getString("data"))) {
          return true;
        }
      }
    }
    return false;
  }

  private Optional<Long> cursor(RoutingContext ctx) {
    String raw = ctx.queryParams().get("after");
    if (raw == null || raw.isEmpty()) {
      return Optional.of(0L);
    }
    try {
      long after = Long.parseLong(raw);
      if (after >= 0) {
        return Optional.of(after);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    problem(ctx, 400, "bad_request", "after must be a message id (a whole number).", null);
    return Optional.empty();
  }

  /** Line breaks and tabs are text; other control characters and unpaired surrogates are not. */
}
