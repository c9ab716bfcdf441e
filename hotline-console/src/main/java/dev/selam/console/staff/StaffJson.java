package dev.selam.console.staff;

import dev.selam.core.identity.Role;
import dev.selam.core.identity.StaffAccount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A staff account as the API shows it (the contract's StaffAccount). */
public final class StaffJson {
  private StaffJson() {}

  public static JsonObject account(StaffAccount account) {
    return new JsonObject()
        .put("id", account.id())
        .put("username", account.username())
        .put("displayName", account.displayName())
        .put("roles", new JsonArray(account.roles().stream().sorted().map(Role::id).toList()))
        .put("languages", new JsonArray(account.languages()))
        .put("uiLanguage", account.uiLanguage())
        .put("mustChangePassword", account.mustChangePassword())
        .put("totpEnabled", account.totpEnabled())
        .put("disabled", account.disabled())
        .put("createdAt", account.createdAt().toString())
        .put("updatedAt", account.updatedAt().toString())
        .put(
            "lockedUntil", account.lockedUntil() == null ? null : account.lockedUntil().toString());
  }
}
