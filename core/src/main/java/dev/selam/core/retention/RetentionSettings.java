package dev.selam.core.retention;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import java.time.Duration;

/**
 * How long what people wrote is kept ({@code SELAM_RETENTION}, 90 days by default) and how often
 * the purge looks for text past it ({@code SELAM_RETENTION_PURGE_EVERY}, hourly by default).
 */
public record RetentionSettings(Duration retention, Duration purgeEvery) {
  public static final String RETENTION = "SELAM_RETENTION";
  public static final String PURGE_EVERY = "SELAM_RETENTION_PURGE_EVERY";

  /** The default period as the console shows it (the same as {@code Duration.ofDays(90)}). */
  public static final String DEFAULT_RETENTION = "90d";

  public static RetentionSettings from(Settings settings) {
    Duration retention = settings.duration(RETENTION, Duration.ofDays(90)); // DEFAULT_RETENTION
    if (retention.compareTo(Duration.ofHours(1)) < 0) {
      throw new ConfigException(RETENTION, "must be at least an hour, got " + retention);
    }
    Duration every = settings.duration(PURGE_EVERY, Duration.ofHours(1));
    if (every.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigException(PURGE_EVERY, "must be at least a second, got " + every);
    }
    return new RetentionSettings(retention, every);
  }
}
