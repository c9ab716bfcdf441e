package dev.selam.core.identity;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import java.time.Duration;

/**
 * How staff prove who they are.
 *
 * @param totpRequired a second factor is required before any work ({@code SELAM_TOTP_REQUIRED})
 * @param totpIssuer the name staff see in their authenticator app
 */
public record IdentitySettings(boolean totpRequired, String totpIssuer, LockoutPolicy lockout) {
  public static final String TOTP_REQUIRED = "SELAM_TOTP_REQUIRED";
  public static final String TOTP_ISSUER = "SELAM_TOTP_ISSUER";
  public static final String LOCKOUT_THRESHOLD = "SELAM_SIGN_IN_LOCKOUT_THRESHOLD";
  public static final String LOCKOUT_BASE = "SELAM_SIGN_IN_LOCKOUT_BASE";
  public static final String LOCKOUT_MAX = "SELAM_SIGN_IN_LOCKOUT_MAX";

  public static IdentitySettings from(Settings settings) {
    Duration base = settings.duration(LOCKOUT_BASE, Duration.ofMinutes(1));
    Duration max = settings.duration(LOCKOUT_MAX, Duration.ofHours(1));
    if (base.isZero()) {
      throw new ConfigException(LOCKOUT_BASE, "must be longer than zero");
    }
    if (max.compareTo(base) < 0) {
      throw new ConfigException(LOCKOUT_MAX, "must not be shorter than " + LOCKOUT_BASE);
    }
    String issuer = settings.string(TOTP_ISSUER, "Selam");
    if (issuer.contains(":") || issuer.length() > 64) {
      throw new ConfigException(TOTP_ISSUER, "must be at most 64 characters, without ':'");
    }
    return new IdentitySettings(
        settings.bool(TOTP_REQUIRED, true),
        issuer,
        new LockoutPolicy(settings.integer(LOCKOUT_THRESHOLD, 5, 1, 100), base, max));
  }
}
