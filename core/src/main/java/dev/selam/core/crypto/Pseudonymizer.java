package dev.selam.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an external id (a Telegram chat id, a web-chat secret) into a stable HMAC-SHA256 pseudonym,
 * so contacts are found without storing the id in a searchable form. Its key never rotates with the
 * data keys: a new key would orphan every contact.
 */
public final class Pseudonymizer {
  private final SecretKeySpec key;

  public Pseudonymizer(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("pseudonym key must be at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  public String pseudonym(String channel, String externalId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(channel.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(externalId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
