package dev.selam.core.audit;

import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The chain's arithmetic: {@code hash = SHA-256(prevHash ‖ canonical event)}. The canonical form is
 * a JSON array of the stored values, so no value can be shifted into its neighbour unnoticed.
 */
final class AuditChain {
  static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  static String canonical(
      long seq, Instant at, String actor, String action, String target, String details) {
    return new JsonArray()
        .add(seq)
        .add(at.toString())
        .add(actor)
        .add(action)
        .add(target)
        .add(details)
        .encode();
  }

  static String link(String prevHash, String canonical) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(prevHash.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static String hashOf(AuditEvent event) {
    return link(
        event.prevHash(),
        canonical(
            event.seq(),
            event.at(),
            event.actor(),
            event.action(),
            event.target(),
            event.details()));
  }
}
