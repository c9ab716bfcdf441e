package dev.selam.console.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session tokens and the CSRF tokens bound to them. A session token is 256 random bits; the
 * database keeps only its SHA-256. The CSRF token is an HMAC of the session token: only the holder
 * of the (HttpOnly) cookie's session can have it, and every replica can check it without storing
 * anything.
 */
final class SessionTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final byte[] CSRF_LABEL = "selam-csrf-v1".getBytes(StandardCharsets.US_ASCII);

  private SessionTokens() {}

  static String newToken() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return BASE64URL.encodeToString(raw);
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static String csrfFor(String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return BASE64URL.encodeToString(mac.doFinal(CSRF_LABEL));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** Compared in constant time, so the answer's timing does not reveal how much was right. */
  static boolean csrfMatches(String token, String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        csrfFor(token).getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.US_ASCII));
  }
}
