package dev.selam.core.identity;

import dev.selam.core.storage.SqlTime;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A staff row with what only this package may see: the hash, the sealed secret, the lockout. */
record StoredStaff(
    StaffAccount account,
    String passwordHash,
    String sealedTotpSecret,
    int failedSignIns,
    Instant lockedUntil,
    long totpLastStep) {

  static final String COLUMNS =
      "id, username, display_name, roles, languages, ui_language, password_hash,"
          + " must_change_password, totp_secret, totp_enabled, failed_sign_ins, locked_until,"
          + " disabled, created_at, updated_at, totp_last_step";

  static StoredStaff from(Row row) {
    String languages = row.getString("languages");
    StaffAccount account =
        new StaffAccount(
            row.getString("id"),
            row.getString("username"),
            row.getString("display_name"),
            Role.fromColumn(row.getString("roles")),
            languages == null || languages.isBlank()
                ? List.of()
                : Arrays.asList(languages.split(",")),
            row.getString("ui_language"),
            row.getBoolean("must_change_password"),
            row.getBoolean("totp_enabled"),
            row.getBoolean("disabled"),
            SqlTime.instant(row, "created_at"),
            SqlTime.instant(row, "updated_at"),
            SqlTime.instant(row, "locked_until"));
    return new StoredStaff(
        account,
        row.getString("password_hash"),
        row.getString("totp_secret"),
        row.getInteger("failed_sign_ins"),
        SqlTime.instant(row, "locked_until"),
        row.getLong("totp_last_step"));
  }
}
