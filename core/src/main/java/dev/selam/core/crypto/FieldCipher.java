package dev.selam.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for single fields. A value is stored as {@code keyId.base64url(nonce ‖ ciphertext ‖
 * tag)}; the field's purpose (e.g. {@code message.body}) is bound as associated data, so a value
 * copied into another column does not decrypt.
 */
public final class FieldCipher {
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final KeyRing keys;
  private final SecureRandom random = new SecureRandom();

  public FieldCipher(KeyRing keys) {
    this.keys = keys;
  }

  /** Encrypts with the active key; null stays null. */
  public String encrypt(String plaintext, String purpose) {
    if (plaintext == null) {
      return null;
    }
    DataKey key = keys.active();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(key.id(), purpose));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
      return key.id() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * Decrypts a value written by {@link #encrypt} with any key of the ring.
   *
   * @throws UndecryptableException if the key is unknown or the value was altered
   */
  public String decrypt(String stored, String purpose) {
    if (stored == null) {
      return null;
    }
    int dot = stored.indexOf('.');
    if (dot <= 0) {
      throw new UndecryptableException("not an encrypted value");
    }
    String keyId = stored.substring(0, dot);
    DataKey key =
        keys.find(keyId).orElseThrow(() -> new UndecryptableException("unknown key " + keyId));
    byte[] in;
    try {
      in = Base64.getUrlDecoder().decode(stored.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new UndecryptableException("not an encrypted value");
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new UndecryptableException("value too short");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData(keyId, purpose));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new UndecryptableException("value was altered or belongs to another field");
    } catch (GeneralSecurityException e) {
      throw new UndecryptableException("cannot decrypt: " + e.getClass().getSimpleName());
    }
  }

  /** True when the value was written with an older key and should be re-encrypted. */
  public boolean needsReEncryption(String stored) {
    return stored != null && !stored.startsWith(keys.active().id() + ".");
  }

  private static byte[] associatedData(String keyId, String purpose) {
    return (keyId + "|" + purpose).getBytes(StandardCharsets.UTF_8);
  }

  /** A stored value that cannot be read back: tampered, truncated, or its key is gone. */
  public static final class UndecryptableException extends RuntimeException {
    public UndecryptableException(String message) {
      super(message);
    }
  }
}
