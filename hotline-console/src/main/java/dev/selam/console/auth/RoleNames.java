package dev.selam.console.auth;

import dev.selam.core.identity.Role;
import io.vertx.core.json.JsonArray;
import java.util.Collection;
import java.util.stream.Collectors;

/** Roles as the API writes them: lower-case ids, in a fixed order. */
final class RoleNames {
  private RoleNames() {}

  static String of(Collection<Role> roles) {
    return roles.stream().sorted().map(Role::id).collect(Collectors.joining(", "));
  }

  static JsonArray json(Collection<Role> roles) {
    return new JsonArray(roles.stream().sorted().map(Role::id).toList());
  }
}
