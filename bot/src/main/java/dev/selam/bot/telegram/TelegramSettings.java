package dev.selam.bot.telegram;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Telegram channel's configuration. Telegram is on when a bot token is set.
 *
 * @param token the bot's token (secret: never log it)
 * @param mode how updates arrive
 * @param webhookSecret what Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token}; set in
 *     webhook mode
 * @param apiUrl where the Bot API is: Telegram's own, a self-hosted Bot API server, or a test's
 *     stand in; every call, long polling included, goes there
 */
public record TelegramSettings(String token, Mode mode, String webhookSecret, URI apiUrl) {
  public static final String TOKEN = "SELAM_TELEGRAM_TOKEN";
  public static final String MODE = "SELAM_TELEGRAM_MODE";
  public static final String WEBHOOK_SECRET = "SELAM_TELEGRAM_WEBHOOK_SECRET";
  public static final String API_URL = "SELAM_TELEGRAM_API_URL";
  public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");

  // Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and - as a webhook secret.
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  // A token is "<bot id>:<secret>"; checking the shape catches a pasted wrong value early.
  private static final Pattern TOKEN_SHAPE = Pattern.compile("\\d+:[A-Za-z0-9_-]+");

  public enum Mode {
    POLLING,
    WEBHOOK
  }

  /** Empty when no token is set: the service runs without Telegram. */
  public static Optional<TelegramSettings> from(Settings settings) {
    Optional<String> token = settings.optional(TOKEN);
    Mode mode = parseMode(settings.string(MODE, "polling"));
    URI apiUrl = settings.optional(API_URL).map(TelegramSettings::parseUrl).orElse(DEFAULT_API_URL);
    Optional<String> secret = settings.optional(WEBHOOK_SECRET);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (!TOKEN_SHAPE.matcher(token.get()).matches()) {
      throw new ConfigException(TOKEN, "does not look like a bot token (digits:letters)");
    }
    if (mode == Mode.WEBHOOK) {
      String value =
          secret.orElseThrow(
              () -> new ConfigException(WEBHOOK_SECRET, "is required when " + MODE + "=webhook"));
      if (!SECRET.matcher(value).matches()) {
        throw new ConfigException(
            WEBHOOK_SECRET, "must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
      }
    }
    return Optional.of(new TelegramSettings(token.get(), mode, secret.orElse(null), apiUrl));
  }

  private static Mode parseMode(String raw) {
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "polling" -> Mode.POLLING;
      case "webhook" -> Mode.WEBHOOK;
      default -> throw new ConfigException(MODE, "must be polling or webhook, got '" + raw + "'");
    };
  }

  private static URI parseUrl(String raw) {
    try {
      URI uri = URI.create(raw);
      boolean http = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      String path = uri.getPath() == null ? "" : uri.getPath();
      if (!http || uri.getHost() == null || !(path.isEmpty() || path.equals("/"))) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          API_URL, "must be an http(s) URL with a host and no path, got '" + raw + "'");
    }
  }

  /** The port of {@link #apiUrl}, with the scheme's default filled in. */
  public int apiPort() {
    if (apiUrl.getPort() > 0) {
      return apiUrl.getPort();
    }
    return "https".equals(apiUrl.getScheme()) ? 443 : 80;
  }

  @Override
  public String toString() {
    return "TelegramSettings[mode=" + mode + ", apiUrl=" + apiUrl + "]";
  }
}
