package dev.selam.core.identity;

/**
 * A staff change that cannot be made as asked; the message says why in words an admin can act on
 * and never carries a password.
 */
public final class StaffChangeRefused extends RuntimeException {
  /** What kind of refusal, so an HTTP layer can pick its status. */
  public enum Reason {
    INVALID,
    NOT_FOUND,
    CONFLICT
  }

  private final Reason reason;

  private StaffChangeRefused(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public static StaffChangeRefused invalid(String message) {
    return new StaffChangeRefused(Reason.INVALID, message);
  }

  public static StaffChangeRefused notFound(String message) {
    return new StaffChangeRefused(Reason.NOT_FOUND, message);
  }

  public static StaffChangeRefused conflict(String message) {
    return new StaffChangeRefused(Reason.CONFLICT, message);
  }

  public Reason reason() {
    return reason;
  }
}
