package dev.selam.bot.webchat;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The web chat's settings.
 *
 * @param enabled {@code SELAM_WEBCHAT_ENABLED}: serve {@code /chat} (default true)
 * @param allowedOrigins {@code SELAM_WEBCHAT_ALLOWED_ORIGINS}: comma-separated origins that may
 *     embed the chat in a frame and call its API (CORS); none by default
 * @param exitUrl {@code SELAM_WEBCHAT_EXIT_URL}: the neutral page "Quick exit" opens
 * @param maxMessageChars {@code SELAM_WEBCHAT_MAX_MESSAGE_CHARS}: the longest message accepted
 * @param perConversationPerMinute {@code SELAM_WEBCHAT_CONVERSATION_PER_MINUTE}: messages, commands
 *     and button presses one conversation may send a minute
 * @param perAddressPerMinute {@code SELAM_WEBCHAT_ADDRESS_PER_MINUTE}: the same, for all
 *     conversations from one network address together
 * @param newPerAddressPerHour {@code SELAM_WEBCHAT_NEW_PER_HOUR}: conversations one address may
 *     start an hour
 */
public record WebChatSettings(
    boolean enabled,
    List<String> allowedOrigins,
    URI exitUrl,
    int maxMessageChars,
    int perConversationPerMinute,
    int perAddressPerMinute,
    int newPerAddressPerHour) {
  public static final String ENABLED = "SELAM_WEBCHAT_ENABLED";
  public static final String ALLOWED_ORIGINS = "SELAM_WEBCHAT_ALLOWED_ORIGINS";
  public static final String EXIT_URL = "SELAM_WEBCHAT_EXIT_URL";
  public static final String MAX_MESSAGE_CHARS = "SELAM_WEBCHAT_MAX_MESSAGE_CHARS";
  public static final String CONVERSATION_PER_MINUTE = "SELAM_WEBCHAT_CONVERSATION_PER_MINUTE";
  public static final String ADDRESS_PER_MINUTE = "SELAM_WEBCHAT_ADDRESS_PER_MINUTE";
  public static final String NEW_PER_HOUR = "SELAM_WEBCHAT_NEW_PER_HOUR";

  /** A public weather page: nothing on it hints at what the person was reading before. */
  public static final String DEFAULT_EXIT_URL = "https://www.bbc.com/weather";

  public WebChatSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  public static WebChatSettings from(Settings settings) {
    return new WebChatSettings(
        settings.bool(ENABLED, true),
        origins(settings.string(ALLOWED_ORIGINS, "")),
        exitUrl(settings.string(EXIT_URL, DEFAULT_EXIT_URL)),
        settings.integer(MAX_MESSAGE_CHARS, 2000, 50, 4000),
        settings.integer(CONVERSATION_PER_MINUTE, 20, 1, 10_000),
        settings.integer(ADDRESS_PER_MINUTE, 60, 1, 100_000),
        settings.integer(NEW_PER_HOUR, 20, 1, 100_000));
  }

  private static List<String> origins(String raw) {
    List<String> origins = new ArrayList<>();
    for (String part : raw.split(",")) {
      String origin = part.strip();
      if (origin.isEmpty()) {
        continue;
      }
      if (!origin.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
        throw new ConfigException(
            ALLOWED_ORIGINS,
            "each origin must look like https://example.org (scheme, host, optional port; no"
                + " path), got '"
                + origin
                + "'");
      }
      origins.add(origin.toLowerCase(Locale.ROOT));
    }
    return origins;
  }

  private static URI exitUrl(String raw) {
    try {
      URI uri = URI.create(raw.strip());
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(EXIT_URL, "must be an http(s) URL, got '" + raw + "'");
    }
  }
}
