package dev.selam.core.identity;

import io.vertx.ext.auth.otp.OtpKey;
import io.vertx.ext.auth.otp.OtpKeyGenerator;
import io.vertx.ext.auth.otp.impl.org.openauthentication.otp.OneTimePasswordAlgorithm;
import io.vertx.ext.auth.otp.totp.TotpAuth;
import io.vertx.ext.auth.otp.totp.TotpAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Time-based one-time codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) with vertx-auth-otp's
 * key generator, URI builder and code algorithm. Verification accepts the step before and after the
 * current one (clocks drift, people type slowly) and never a step at or before the last one
 * accepted, so a code seen over someone's shoulder cannot be replayed.
 */
public final class Totp {
  public static final int DIGITS = 6;
  public static final long PERIOD_SECONDS = 30;
  private static final int SECRET_BITS = 160; // as RFC 4226 recommends

  private final TotpAuth auth =
      TotpAuth.create(new TotpAuthOptions().setPasswordLength(DIGITS).setPeriod(PERIOD_SECONDS));
  private final String issuer;

  public Totp(String issuer) {
    this.issuer = issuer;
  }

  /** A new secret, base32 as authenticator apps expect it. */
  public String newSecret() {
    // The generator's size is in bits.
    return OtpKeyGenerator.create().generate(SECRET_BITS).getKey();
  }

  /** The {@code otpauth://} URI an authenticator app reads from the QR code. */
  public String uri(String secret, String username) {
    return auth.generateUri(
        new OtpKey().setKey(secret).setAlgorithm("SHA1"), issuer, username, null);
  }

  public static long step(Instant now) {
    return now.getEpochSecond() / PERIOD_SECONDS;
  }

  /**
   * The time step {@code code} matches, if it matches one within the window after {@code
   * lastAcceptedStep}.
   */
  public OptionalLong matchingStep(String secret, String code, Instant now, long lastAcceptedStep) {
    if (secret == null || code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
      return OptionalLong.empty();
    }
    byte[] key = new OtpKey().setKey(secret).getKeyBytes();
    byte[] given = code.getBytes(StandardCharsets.US_ASCII);
    long current = step(now);
    OptionalLong match = OptionalLong.empty();
    // Every candidate is computed and compared, matched or not: the time taken says nothing.
    for (long step = current - 1; step <= current + 1; step++) {
      boolean equal = MessageDigest.isEqual(codeAt(key, step), given);
      if (equal && step > lastAcceptedStep && match.isEmpty()) {
        match = OptionalLong.of(step);
      }
    }
    return match;
  }

  private static byte[] codeAt(byte[] key, long step) {
    try {
      return OneTimePasswordAlgorithm.generateOTP(key, step, DIGITS, false, -1)
          .getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA1 is not available", e);
    }
  }
}
