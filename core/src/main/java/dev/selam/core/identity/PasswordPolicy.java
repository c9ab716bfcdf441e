package dev.selam.core.identity;

import java.util.Locale;

/**
 * What a chosen password must be (NIST SP 800-63B: length over composition rules). Long enough to
 * resist guessing; bounded so hashing an absurd input cannot tie up a worker.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 256;

  private PasswordPolicy() {}

  /**
   * @throws StaffChangeRefused when the password is not acceptable, saying why
   */
  public static void check(String username, String password) {
    int length = password == null ? 0 : password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      throw StaffChangeRefused.invalid(
          "the new password must have at least " + MIN_LENGTH + " characters");
    }
    if (length > MAX_LENGTH) {
      throw StaffChangeRefused.invalid(
          "the new password must have at most " + MAX_LENGTH + " characters");
    }
    if (password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      throw StaffChangeRefused.invalid("the new password must not contain the username");
    }
    if (password.codePoints().distinct().count() < 5) {
      throw StaffChangeRefused.invalid("the new password repeats too few different characters");
    }
  }
}
