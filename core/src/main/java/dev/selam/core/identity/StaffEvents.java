package dev.selam.core.identity;

/** Audit actions about staff accounts and their sign-ins. */
public final class StaffEvents {
  public static final String SIGNED_IN = "staff.signed_in";
  public static final String SIGN_IN_FAILED = "staff.sign_in_failed";
  public static final String SIGNED_OUT = "staff.signed_out";
  public static final String SIGNED_OUT_EVERYWHERE = "staff.signed_out_everywhere";
  public static final String CREATED = "staff.created";
  public static final String UPDATED = "staff.updated";
  public static final String DISABLED = "staff.disabled";
  public static final String ENABLED = "staff.enabled";
  public static final String PASSWORD_RESET = "staff.password_reset";
  public static final String PASSWORD_CHANGED = "staff.password_changed";
  public static final String PASSWORD_CHANGE_FAILED = "staff.password_change_failed";
  public static final String TOTP_ENROLLED = "staff.totp_enrolled";
  public static final String TOTP_RESET = "staff.totp_reset";

  /** Who acts when nobody signed in did: the service itself, its command line, an unknown user. */
  public static final String SYSTEM = "system";

  public static final String CLI = "cli";
  public static final String ANONYMOUS = "anonymous";

  private StaffEvents() {}
}
