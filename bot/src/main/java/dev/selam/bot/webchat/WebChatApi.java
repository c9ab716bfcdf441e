package dev.selam.bot.webchat;

import dev.selam.bot.channel.InboundHandler;
import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.channel.MessageKind;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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

  /** Larger bodies are refused before they are read as JSON. */
  static final int BODY_BYTES = 16 * 1024;

  static final Set<String> COMMANDS =
      Set.of("start", "menu", "help", "language", "person", "erase");

  private static final Logger log = LoggerFactory.getLogger(WebChatApi.class);
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
  private static final String AUTHORIZATION_PREFIX = "Bearer ";

  private final WebChatSettings settings;
  private final WebChatStore store;
  private final ChatSecret secrets;
  private final InboundHandler dialogue;
  private final WebChatLive live;
  private final WebChatTexts texts;
  private final Runnable afterHandled;
  private final Clock clock;
  private final ChatQueue queue = new ChatQueue();
  private final RateLimit perChat;
  private final RateLimit perAddress;
  private final RateLimit newPerAddress;

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
    this.dialogue = dialogue;
    this.live = live;
    this.texts = texts;
    this.afterHandled = afterHandled;
    this.clock = clock;
    this.perChat = new RateLimit(settings.perConversationPerMinute(), Duration.ofMinutes(1), clock);
    this.perAddress = new RateLimit(settings.perAddressPerMinute(), Duration.ofMinutes(1), clock);
    this.newPerAddress = new RateLimit(settings.newPerAddressPerHour(), Duration.ofHours(1), clock);
  }

  void mount(Router router) {
    router.get("/chat/api/texts/:language").handler(this::texts);
    router.post("/chat/api/conversations").handler(this::limitNew).handler(this::open);
    router.get("/chat/api/messages").handler(this::authenticate).handler(this::poll);
    router.get("/chat/api/events").handler(this::authenticate).handler(this::events);
    router
        .post("/chat/api/messages")
        .handler(this::limitAddress)
        .handler(this::authenticate)
        .handler(this::readBody)
        .handler(this::limitChat)
        .handler(this::send);
    router
        .post("/chat/api/commands")
        .handler(this::limitAddress)
        .handler(this::authenticate)
        .handler(this::readBody)
        .handler(this::limitChat)
        .handler(this::command);
    router
        .post("/chat/api/presses")
        .handler(this::limitAddress)
        .handler(this::authenticate)
        .handler(this::readBody)
        .handler(this::limitChat)
        .handler(this::press);
  }

  // --- checks, in the order they run ---

  private void limitNew(RoutingContext ctx) {
    Optional<Duration> wait = newPerAddress.take(address(ctx));
    if (wait.isPresent()) {
      tooFast(ctx, wait.get());
      return;
    }
    ctx.next();
  }

  /** A missing, malformed or unknown secret all get the same answer. */
  private void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    Optional<String> chat =
        header != null && header.startsWith(AUTHORIZATION_PREFIX)
            ? secrets.chatKey(header.substring(AUTHORIZATION_PREFIX.length()).strip())
            : Optional.empty();
    if (chat.isEmpty()) {
      unknown(ctx);
      return;
    }
    store
        .touchChat(chat.get())
        .onSuccess(
            exists -> {
              if (!exists) {
                unknown(ctx);
                return;
              }
              ctx.put("chat", chat.get());
              ctx.next();
            })
        .onFailure(ctx::fail);
  }

  /** Everything an address sends counts, bad requests included. */
  private void limitAddress(RoutingContext ctx) {
    Optional<Duration> wait = perAddress.take(address(ctx));
    if (wait.isPresent()) {
      tooFast(ctx, wait.get());
      return;
    }
    ctx.next();
  }

  /** A conversation's well-formed messages count: a refused one did not reach anybody. */
  private void limitChat(RoutingContext ctx) {
    Optional<Duration> wait = perChat.take(ctx.<String>get("chat"));
    if (wait.isPresent()) {
      tooFast(ctx, wait.get());
      return;
    }
    ctx.next();
  }

  /** The body: at most {@link #BODY_BYTES}, valid UTF-8, a JSON object; and an idempotency key. */
  private void readBody(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      problem(ctx, 400, "bad_request", "The request needs a JSON body.", null);
      return;
    }
    if (raw.length() > BODY_BYTES) {
      problem(ctx, 413, "too_long", "The request is too large.", null);
      return;
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw.getBytes()))
              .toString();
    } catch (CharacterCodingException e) {
      problem(ctx, 400, "bad_request", "The request is not valid UTF-8.", null);
      return;
    }
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      problem(ctx, 400, "bad_request", "The request must be a JSON object.", null);
      return;
    }
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key == null || !KEY.matcher(key).matches()) {
      problem(
          ctx,
          400,
          "bad_request",
          "An Idempotency-Key header (8 to 64 letters, digits, - or _) is required.",
          null);
      return;
    }
    Object language = json.getValue("language");
    if (language != null && (!(language instanceof String s) || !LANGUAGE.matcher(s).matches())) {
      problem(ctx, 400, "bad_request", "language must be a language code such as en or ar.", null);
      return;
    }
    ctx.put("json", json);
    ctx.put("key", key);
    ctx.next();
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
    if (text.codePoints().anyMatch(WebChatApi::forbidden)) {
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
                                  clock.instant());
                          return dialogue
                              .handle(message)
                              .compose(v -> store.handled(entry.seq(), !"text".equals(entryKind)))
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
  private static boolean forbidden(int c) {
    return (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
        || Character.getType(c) == Character.SURROGATE;
  }

  private static String address(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().host();
  }

  private static void unknown(RoutingContext ctx) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    problem(ctx, 401, "unknown_conversation", "Unknown or missing conversation code.", null);
  }

  private static void tooFast(RoutingContext ctx, Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    ctx.response().putHeader("Retry-After", Long.toString(seconds));
    problem(
        ctx,
        429,
        "too_fast",
        "Too many messages. Please wait " + seconds + " seconds.",
        new JsonObject().put("retryAfter", seconds));
  }

  static void problem(RoutingContext ctx, int status, String code, String title, JsonObject extra) {
    if (ctx.response().ended()) {
      return;
    }
    JsonObject body =
        new JsonObject()
            .put("type", "about:blank")
            .put("title", title)
            .put("status", status)
            .put("code", code);
    if (extra != null) {
      body.mergeIn(extra);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
