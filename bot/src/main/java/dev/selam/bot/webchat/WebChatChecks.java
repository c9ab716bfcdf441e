package dev.selam.bot.webchat;

import static dev.selam.bot.webchat.WebChatReplies.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks before a web chat request is handled, each a route handler: rate limits, the
 * conversation's secret, and a well-formed body. A refusal is answered here; what passes carries
 * {@code chat} (the chat key), {@code json} and {@code key} (the idempotency key) on the context.
 */
final class WebChatChecks {
  /** Larger bodies are refused before they are read as JSON. */
  static final int BODY_BYTES = 16 * 1024;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
  private static final String AUTHORIZATION_PREFIX = "Bearer ";

  private final WebChatStore store;
  private final ChatSecret secrets;
  private final RateLimit perChat;
  private final RateLimit perAddress;
  private final RateLimit newPerAddress;

  WebChatChecks(WebChatSettings settings, WebChatStore store, ChatSecret secrets, Clock clock) {
    this.store = store;
    this.secrets = secrets;
    this.perChat = new RateLimit(settings.perConversationPerMinute(), Duration.ofMinutes(1), clock);
    this.perAddress = new RateLimit(settings.perAddressPerMinute(), Duration.ofMinutes(1), clock);
    this.newPerAddress = new RateLimit(settings.newPerAddressPerHour(), Duration.ofHours(1), clock);
  }

  void limitNew(RoutingContext ctx) {
    Optional<Duration> wait = newPerAddress.take(address(ctx));
    if (wait.isPresent()) {
      tooFast(ctx, wait.get());
      return;
    }
    ctx.next();
  }

  /** A missing, malformed or unknown secret all get the same answer. */
  void authenticate(RoutingContext ctx) {
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
  void limitAddress(RoutingContext ctx) {
    Optional<Duration> wait = perAddress.take(address(ctx));
    if (wait.isPresent()) {
      tooFast(ctx, wait.get());
      return;
    }
    ctx.next();
  }

  /** A conversation's well-formed messages count: a refused one did not reach anybody. */
  void limitChat(RoutingContext ctx) {
    Optional<Duration> wait = perChat.take(ctx.<String>get("chat"));
    if (wait.isPresent()) {
      tooFast(ctx, wait.get());
      return;
    }
    ctx.next();
  }

  /** The body: at most {@link #BODY_BYTES}, valid UTF-8, a JSON object; and an idempotency key. */
  void readBody(RoutingContext ctx) {
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

  static boolean forbidden(int c) {
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
}
