package dev.selam.core.crypto;

import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** One AES-256 key and the short id stored beside every value it encrypts. */
public record DataKey(String id, SecretKey key) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");

  public DataKey {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("key id must be 1-16 letters, digits, '-' or '_'");
    }
    if (key.getEncoded().length != 32) {
      throw new IllegalArgumentException("key " + id + " must be 32 bytes (AES-256)");
    }
  }

  public static DataKey of(String id, byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("key " + id + " must be 32 bytes (AES-256)");
    }
    return new DataKey(id, new SecretKeySpec(raw, "AES"));
  }

  @Override
  public String toString() {
    return "DataKey[" + id + "]";
  }
}
