package dev.selam.core.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A staff member as the rest of the service sees them: never the password hash nor the TOTP secret.
 * {@code lockedUntil} is the end of a sign-in lockout after repeated failures (null, or past, when
 * not locked).
 */
public record StaffAccount(
    String id,
    String username,
    String displayName,
    Set<Role> roles,
    List<String> languages,
    String uiLanguage,
    boolean mustChangePassword,
    boolean totpEnabled,
    boolean disabled,
    Instant createdAt,
    Instant updatedAt,
    Instant lockedUntil) {

  public StaffAccount {
    roles = Set.copyOf(roles);
    languages = List.copyOf(languages);
  }

  public boolean hasAnyRole(Collection<Role> wanted) {
    return wanted.stream().anyMatch(roles::contains);
  }

  /**
   * True while the account must still finish setting up (choose its own password, enrol a second
   * factor) before doing any work.
   */
  public boolean setupPending(boolean totpRequired) {
    return mustChangePassword || (totpRequired && !totpEnabled);
  }
}
