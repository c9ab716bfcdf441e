package dev.selam.core.identity;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What a staff member may do; one person may hold several. */
public enum Role {
  OPERATOR,
  SUPERVISOR,
  EDITOR,
  ADMIN;

  /** The name used in the database, the API and the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String id) {
    return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
  }

  /** Parses ids, failing on the first unknown one (so a typo never grants or drops a role). */
  public static Set<Role> parseAll(Collection<String> ids) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String id : ids) {
      roles.add(
          parse(id.trim())
              .orElseThrow(
                  () ->
                      StaffChangeRefused.invalid(
                          "unknown role '"
                              + id
                              + "' (roles: operator, supervisor, editor, admin)")));
    }
    return roles;
  }

  static Set<Role> fromColumn(String csv) {
    if (csv == null || csv.isBlank()) {
      return EnumSet.noneOf(Role.class);
    }
    return parseAll(Arrays.asList(csv.split(",")));
  }

  static String toColumn(Set<Role> roles) {
    return roles.stream().sorted().map(Role::id).collect(Collectors.joining(","));
  }
}
