package dev.selam.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldCipherTest {
  static DataKey randomKey(String id) {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return DataKey.of(id, raw);
  }

  private final DataKey k1 = randomKey("k1");
  private final FieldCipher cipher = new FieldCipher(new KeyRing(List.of(k1)));

  @Test
  void roundTripKeepsTextAndHidesIt() {
    String text = "Patronum pasaportumu aldı — جواز سفري 🙏";
    String stored = cipher.encrypt(text, "message.body");

    assertThat(stored).startsWith("k1.").doesNotContain("pasaport").doesNotContain("جواز");
    assertThat(cipher.decrypt(stored, "message.body")).isEqualTo(text);
  }

  @Test
  void sameTextEncryptsDifferentlyEachTime() {
    assertThat(cipher.encrypt("same", "p")).isNotEqualTo(cipher.encrypt("same", "p"));
  }

  @Test
  void tamperedCiphertextIsRejected() {
    String stored = cipher.encrypt("hello", "message.body");
    byte[] raw = Base64.getUrlDecoder().decode(stored.substring(3));
    raw[raw.length - 5] ^= 0x01;
    String tampered = "k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

    assertThatThrownBy(() -> cipher.decrypt(tampered, "message.body"))
        .isInstanceOf(FieldCipher.UndecryptableException.class);
  }

  @Test
  void valueMovedToAnotherFieldDoesNotDecrypt() {
    String stored = cipher.encrypt("123456789", "contact.chat_ref");

    assertThatThrownBy(() -> cipher.decrypt(stored, "message.body"))
        .isInstanceOf(FieldCipher.UndecryptableException.class);
  }

  @Test
  void truncatedOrForeignValuesAreRejected() {
    assertThatThrownBy(() -> cipher.decrypt("k1.abc", "p"))
        .isInstanceOf(FieldCipher.UndecryptableException.class);
    assertThatThrownBy(() -> cipher.decrypt("plain text", "p"))
        .isInstanceOf(FieldCipher.UndecryptableException.class);
    assertThatThrownBy(() -> cipher.decrypt("k9." + "A".repeat(60), "p"))
        .isInstanceOf(FieldCipher.UndecryptableException.class)
        .hasMessageContaining("unknown key");
  }

  @Test
  void rotationWritesWithNewKeyAndStillReadsOldValues() {
    String old = cipher.encrypt("written last year", "message.body");
    FieldCipher rotated = new FieldCipher(new KeyRing(List.of(randomKey("k2"), k1)));

    String fresh = rotated.encrypt("written today", "message.body");

    assertThat(fresh).startsWith("k2.");
    assertThat(rotated.decrypt(old, "message.body")).isEqualTo("written last year");
    assertThat(rotated.decrypt(fresh, "message.body")).isEqualTo("written today");
    assertThat(rotated.needsReEncryption(old)).isTrue();
    assertThat(rotated.needsReEncryption(fresh)).isFalse();
  }

  @Test
  void nullStaysNull() {
    assertThat(cipher.encrypt(null, "p")).isNull();
    assertThat(cipher.decrypt(null, "p")).isNull();
  }

  @Test
  void keyRingParsesTheEnvironmentFormatActiveFirst() {
    String a = Base64.getEncoder().encodeToString(new byte[32]);
    KeyRing ring = KeyRing.parse("new:" + a + ", old:" + a);

    assertThat(ring.active().id()).isEqualTo("new");
    assertThat(ring.find("old")).isPresent();
    assertThatThrownBy(
            () -> KeyRing.parse("short:" + Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> KeyRing.parse("a:" + a + ",a:" + a)).hasMessageContaining("twice");
  }

  @Test
  void pseudonymIsStableAndDependsOnChannelAndKey() {
    byte[] key = new byte[32];
    Pseudonymizer p = new Pseudonymizer(key);
    byte[] other = new byte[32];
    other[0] = 1;

    assertThat(p.pseudonym("telegram", "42")).isEqualTo(p.pseudonym("telegram", "42")).hasSize(64);
    assertThat(p.pseudonym("telegram", "42")).isNotEqualTo(p.pseudonym("webchat", "42"));
    assertThat(p.pseudonym("telegram", "42"))
        .isNotEqualTo(new Pseudonymizer(other).pseudonym("telegram", "42"));
  }
}
