package dev.selam.console.api;

import dev.selam.core.identity.Role;
import dev.selam.core.identity.StaffAccount;
import io.vertx.core.json.JsonArray;
import io.vertx.openapi.contract.Operation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call an operation, read from the contract: {@code x-roles} ({@code [public]}, {@code
 * [staff]} or role names) and {@code x-during-setup}. An operation without {@code x-roles}, or with
 * an unknown name in it, stops the service from starting: access is never left to a default.
 */
public record OperationAccess(
    String operationId, boolean open, boolean anyStaff, Set<Role> roles, boolean duringSetup) {
  public static final String ROLES = "x-roles";
  public static final String DURING_SETUP = "x-during-setup";
  static final String PUBLIC = "public";
  static final String STAFF = "staff";

  public static OperationAccess of(Operation operation) {
    String id = operation.getOperationId();
    Object declared = operation.getExtensions().get(ROLES);
    List<String> names = new ArrayList<>();
    if (declared instanceof JsonArray array) {
      array.forEach(name -> names.add(String.valueOf(name)));
    } else if (declared instanceof List<?> list) {
      list.forEach(name -> names.add(String.valueOf(name)));
    }
    if (names.isEmpty()) {
      throw new IllegalStateException("operation " + id + " declares no " + ROLES);
    }
    boolean duringSetup = Boolean.TRUE.equals(operation.getExtensions().get(DURING_SETUP));
    if (names.contains(PUBLIC) || names.contains(STAFF)) {
      if (names.size() != 1) {
        throw new IllegalStateException(
            "operation " + id + ": " + ROLES + " [public] or [staff] stands alone");
      }
      return new OperationAccess(
          id, names.contains(PUBLIC), names.contains(STAFF), Set.of(), duringSetup);
    }
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names) {
      roles.add(
          Role.parse(name)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "operation " + id + ": unknown role '" + name + "' in " + ROLES)));
    }
    return new OperationAccess(id, false, false, Set.copyOf(roles), duringSetup);
  }

  public boolean allows(StaffAccount account) {
    return open || anyStaff || account.hasAnyRole(roles);
  }
}
