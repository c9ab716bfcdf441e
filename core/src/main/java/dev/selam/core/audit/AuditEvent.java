package dev.selam.core.audit;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** An event as stored: its place in the chain and the hashes that link it. */
public record AuditEvent(
    long seq,
    Instant at,
    String actor,
    String action,
    String target,
    String details,
    String prevHash,
    String hash) {

  public JsonObject detailsJson() {
    return details == null || details.isEmpty() ? new JsonObject() : new JsonObject(details);
  }
}
