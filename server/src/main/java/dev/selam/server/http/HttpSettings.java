package dev.selam.server.http;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import java.net.URI;
import java.util.Optional;

/**
 * How the service listens and what it lets in. {@code trustForwarded}: the service runs behind a
 * reverse proxy (an ingress) that sets {@code X-Forwarded-For}, so a person's address (what the web
 * chat's limits count by) is read from it; off by default, since anyone can send that header.
 */
public record HttpSettings(
    String host, int port, long bodyLimitBytes, Optional<URI> publicUrl, boolean trustForwarded) {
  public static final String HOST = "SELAM_HTTP_HOST";
  public static final String PORT = "SELAM_HTTP_PORT";
  public static final String BODY_LIMIT = "SELAM_HTTP_BODY_LIMIT";
  public static final String PUBLIC_URL = "SELAM_PUBLIC_URL";
  public static final String TRUST_FORWARDED = "SELAM_HTTP_TRUST_FORWARDED";

  public static HttpSettings from(Settings settings) {
    Optional<URI> publicUrl = settings.optional(PUBLIC_URL).map(HttpSettings::parseUrl);
    return new HttpSettings(
        settings.string(HOST, "0.0.0.0"),
        settings.integer(PORT, 8080, 0, 65535),
        settings.integer(BODY_LIMIT, 1024 * 1024, 1024, 64 * 1024 * 1024),
        publicUrl,
        settings.bool(TRUST_FORWARDED, false));
  }

  private static URI parseUrl(String raw) {
    try {
      URI uri = URI.create(raw);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(PUBLIC_URL, "must be an http(s) URL, got '" + raw + "'");
    }
  }

  /** Behind TLS (the public URL is https): browsers may be told to insist on it (HSTS). */
  public boolean behindTls() {
    return publicUrl.map(u -> "https".equals(u.getScheme())).orElse(false);
  }
}
