package dev.selam.bot.webchat;

import dev.selam.core.crypto.Pseudonymizer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret a browser keeps for its conversation: 256 random bits, base64url. The service stores
 * only its HMAC, the chat key, so a database copy cannot be used to open a conversation.
 */
final class ChatSecret {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final String PURPOSE = "webchat-secret";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pseudonymizer pseudonymizer;

  ChatSecret(Pseudonymizer pseudonymizer) {
    this.pseudonymizer = pseudonymizer;
  }

  static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The chat key for a well-formed secret; empty for anything else. */
  Optional<String> chatKey(String secret) {
    if (secret == null || !FORMAT.matcher(secret).matches()) {
      return Optional.empty();
    }
    return Optional.of(pseudonymizer.pseudonym(PURPOSE, secret));
  }
}
