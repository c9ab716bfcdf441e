package dev.selam.console.auth;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import java.time.Duration;

/**
 * How long a console session lasts: it ends after {@code idleTimeout} without a request, and after
 * {@code maxAge} whatever happens.
 */
public record SessionSettings(Duration idleTimeout, Duration maxAge) {
  public static final String IDLE_TIMEOUT = "SELAM_SESSION_IDLE_TIMEOUT";
  public static final String MAX_AGE = "SELAM_SESSION_MAX_AGE";

  public static SessionSettings from(Settings settings) {
    Duration idle = settings.duration(IDLE_TIMEOUT, Duration.ofMinutes(30));
    Duration max = settings.duration(MAX_AGE, Duration.ofHours(12));
    if (idle.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new ConfigException(IDLE_TIMEOUT, "must be at least 1m");
    }
    if (max.compareTo(idle) < 0) {
      throw new ConfigException(MAX_AGE, "must not be shorter than " + IDLE_TIMEOUT);
    }
    return new SessionSettings(idle, max);
  }

  public static SessionSettings defaults() {
    return new SessionSettings(Duration.ofMinutes(30), Duration.ofHours(12));
  }
}
