package dev.selam.core.audit;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * What happened, before it takes its place in the chain. {@code details} holds identifiers and
 * reasons only: never what a person wrote, a password, a token or a secret.
 *
 * @param actor who did it: a staff username, {@code system}, {@code cli} or {@code anonymous}
 * @param action what was done, e.g. {@code staff.signed_in}
 * @param target what it was done to (a username, a conversation id), or null
 */
public record AuditEntry(String actor, String action, String target, JsonObject details) {
  public AuditEntry {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    details = details == null ? new JsonObject() : details.copy();
  }

  public static AuditEntry of(String actor, String action, String target) {
    return new AuditEntry(actor, action, target, new JsonObject());
  }

  public AuditEntry with(String key, Object value) {
    JsonObject more = details.copy();
    if (value != null) {
      more.put(key, value);
    }
    return new AuditEntry(actor, action, target, more);
  }
}
