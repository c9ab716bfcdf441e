package dev.selam.core.identity;

import java.security.SecureRandom;

/**
 * A password an admin hands over once: 20 characters from an alphabet without look-alikes (about
 * 100 bits), grouped for reading aloud. The account must choose its own at first sign-in.
 */
public final class OneTimePassword {
  private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private OneTimePassword() {}

  public static String generate() {
    StringBuilder out = new StringBuilder(24);
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) {
        out.append('-');
      }
      out.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return out.toString();
  }
}
