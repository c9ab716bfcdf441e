package dev.selam.core.identity;

import dev.selam.core.audit.AuditEntry;
import dev.selam.core.audit.AuditLog;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.storage.SqlTime;
import dev.selam.core.storage.Transactions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff accounts: creation, roles and languages, disabling, passwords and the second factor. Every
 * change commits together with its audit event; a change that ends someone's right to work (reset,
 * disable, second-factor reset) also ends their sessions.
 */
public final class StaffAccounts {
  public static final Set<String> UI_LANGUAGES = Set.of("en", "tr", "ar");
  static final String TOTP_SECRET = "staff_user.totp_secret";

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
  private static final int MAX_DISPLAY_NAME = 128;
  private static final Logger log = LoggerFactory.getLogger(StaffAccounts.class);

  private final Pool pool;
  private final FieldCipher cipher;
  private final PasswordHasher hasher;
  private final Totp totp;
  private final AuditLog audit;
  private final Clock clock;

  public StaffAccounts(
      Pool pool,
      FieldCipher cipher,
      PasswordHasher hasher,
      Totp totp,
      AuditLog audit,
      Clock clock) {
    this.pool = pool;
    this.cipher = cipher;
    this.hasher = hasher;
    this.totp = totp;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new account as asked for; {@code languages} are those the person can work in. */
  public record NewStaff(
      String username,
      String displayName,
      Set<Role> roles,
      List<String> languages,
      String uiLanguage) {}

  /** Changes to an account; a null field stays as it is. */
  public record StaffUpdate(
      String displayName, Set<Role> roles, List<String> languages, String uiLanguage) {}

  /** A created account and the one-time password to hand to its owner. */
  public record Created(StaffAccount account, String oneTimePassword) {}

  /** What an authenticator app needs: the secret to type in, or the URI in the QR code. */
  public record TotpEnrolment(String secret, String uri, String qrCodeSvgDataUri) {}

  public Future<Created> create(NewStaff spec, String actor) {
    return Future.succeededFuture(spec).compose(checked -> createChecked(checked, actor));
  }

  private Future<Created> createChecked(NewStaff spec, String actor) {
    String username = checkUsername(spec.username());
    String displayName =
        checkDisplayName(spec.displayName() == null ? username : spec.displayName());
    Set<Role> roles = checkRoles(spec.roles());
    List<String> languages = checkLanguages(spec.languages());
    String uiLanguage = checkUiLanguage(spec.uiLanguage() == null ? "en" : spec.uiLanguage());
    String oneTimePassword = OneTimePassword.generate();
    String id = UUID.randomUUID().toString();
    return hasher
        .hash(oneTimePassword)
        .compose(
            hash ->
                Transactions.withRetry(
                    pool,
                    conn ->
                        exists(conn, username)
                            .compose(
                                taken -> {
                                  if (taken) {
                                    return Future.failedFuture(
                                        StaffChangeRefused.conflict(
                                            "the username '" + username + "' is taken"));
                                  }
                                  var now = SqlTime.utc(clock.instant());
                                  return conn.preparedQuery(
                                          "INSERT INTO staff_user (id, username, display_name,"
                                              + " roles, languages, ui_language, password_hash,"
                                              + " must_change_password, created_at, updated_at)"
                                              + " VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)")
                                      .execute(
                                          Tuple.from(
                                              List.of(
                                                  id,
                                                  username,
                                                  displayName,
                                                  Role.toColumn(roles),
                                                  String.join(",", languages),
                                                  uiLanguage,
                                                  hash,
                                                  now,
                                                  now)))
                                      .compose(
                                          ok ->
                                              audit.append(
                                                  conn,
                                                  AuditEntry.of(
                                                          actor, StaffEvents.CREATED, username)
                                                      .with("roles", rolesJson(roles))
                                                      .with(
                                                          "languages", new JsonArray(languages))));
                                })))
        .compose(seq -> require(id))
        .map(account -> new Created(account, oneTimePassword))
        .onSuccess(
            created ->
                log.atInfo()
                    .addKeyValue("event", "staff.created")
                    .addKeyValue("staff", id)
                    .log("staff account created"));
  }

  public Future<List<StaffAccount>> list() {
    return pool.query("SELECT " + StoredStaff.COLUMNS + " FROM staff_user ORDER BY username")
        .execute()
        .map(
            rows -> {
              List<StaffAccount> accounts = new ArrayList<>();
              for (Row row : rows) {
                accounts.add(StoredStaff.from(row).account());
              }
              return accounts;
            });
  }

  public Future<Optional<StaffAccount>> find(String id) {
    return stored("id", id).map(found -> found.map(StoredStaff::account));
  }

  public Future<Optional<StaffAccount>> findByUsername(String username) {
    return stored("username", username).map(found -> found.map(StoredStaff::account));
  }

  public Future<Long> count() {
    return pool.query("SELECT COUNT(*) AS n FROM staff_user")
        .execute()
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  public Future<StaffAccount> update(String id, StaffUpdate changes, String actor) {
    return Future.succeededFuture(changes).compose(checked -> updateChecked(id, checked, actor));
  }

  private Future<StaffAccount> updateChecked(String id, StaffUpdate changes, String actor) {
    String displayName =
        changes.displayName() == null ? null : checkDisplayName(changes.displayName());
    Set<Role> roles = changes.roles() == null ? null : checkRoles(changes.roles());
    List<String> languages =
        changes.languages() == null ? null : checkLanguages(changes.languages());
    String uiLanguage = changes.uiLanguage() == null ? null : checkUiLanguage(changes.uiLanguage());
    return Transactions.withRetry(
            pool,
            conn ->
                storedIn(conn, id)
                    .compose(
                        before -> {
                          StaffAccount old = before.account();
                          boolean losesAdmin =
                              roles != null
                                  && old.roles().contains(Role.ADMIN)
                                  && !roles.contains(Role.ADMIN);
                          return (losesAdmin
                                  ? requireAnotherAdmin(conn, id)
                                  : Future.succeededFuture())
                              .compose(
                                  ok ->
                                      conn.preparedQuery(
                                              "UPDATE staff_user SET display_name = ?, roles = ?,"
                                                  + " languages = ?, ui_language = ?, updated_at = ?"
                                                  + " WHERE id = ?")
                                          .execute(
                                              Tuple.from(
                                                  List.of(
                                                      displayName == null
                                                          ? old.displayName()
                                                          : displayName,
                                                      Role.toColumn(
                                                          roles == null ? old.roles() : roles),
                                                      String.join(
                                                          ",",
                                                          languages == null
                                                              ? old.languages()
                                                              : languages),
                                                      uiLanguage == null
                                                          ? old.uiLanguage()
                                                          : uiLanguage,
                                                      SqlTime.utc(clock.instant()),
                                                      id))))
                              .compose(
                                  ok ->
                                      audit.append(
                                          conn,
                                          AuditEntry.of(actor, StaffEvents.UPDATED, old.username())
                                              .with("changed", changedFields(changes))
                                              .with(
                                                  "roles", roles == null ? null : rolesJson(roles))
                                              .with(
                                                  "languages",
                                                  languages == null
                                                      ? null
                                                      : new JsonArray(languages))));
                        }))
        .compose(seq -> require(id));
  }

  public Future<StaffAccount> setDisabled(String id, boolean disabled, String actor) {
    return Transactions.withRetry(
            pool,
            conn ->
                storedIn(conn, id)
                    .compose(
                        before ->
                            (disabled && before.account().roles().contains(Role.ADMIN)
                                    ? requireAnotherAdmin(conn, id)
                                    : Future.<Void>succeededFuture())
                                .compose(
                                    ok ->
                                        conn.preparedQuery(
                                                "UPDATE staff_user SET disabled = ?, updated_at = ?"
                                                    + " WHERE id = ?")
                                            .execute(
                                                Tuple.of(
                                                    disabled, SqlTime.utc(clock.instant()), id)))
                                .compose(
                                    ok ->
                                        disabled ? endSessions(conn, id) : Future.succeededFuture())
                                .compose(
                                    ok ->
                                        audit.append(
                                            conn,
                                            AuditEntry.of(
                                                actor,
                                                disabled
                                                    ? StaffEvents.DISABLED
                                                    : StaffEvents.ENABLED,
                                                before.account().username())))))
        .compose(seq -> require(id));
  }

  /**
   * A new one-time password: the old one stops working, the lockout is lifted, every session ends
   * and the owner must choose their own password at the next sign-in.
   */
  public Future<String> resetPassword(String id, String actor) {
    String oneTimePassword = OneTimePassword.generate();
    return hasher
        .hash(oneTimePassword)
        .compose(
            hash ->
                Transactions.withRetry(
                    pool,
                    conn ->
                        storedIn(conn, id)
                            .compose(
                                before ->
                                    conn.preparedQuery(
                                            "UPDATE staff_user SET password_hash = ?,"
                                                + " must_change_password = TRUE, failed_sign_ins = 0,"
                                                + " locked_until = NULL, updated_at = ? WHERE id = ?")
                                        .execute(Tuple.of(hash, SqlTime.utc(clock.instant()), id))
                                        .compose(ok -> endSessions(conn, id))
                                        .compose(
                                            ok ->
                                                audit.append(
                                                    conn,
                                                    AuditEntry.of(
                                                        actor,
                                                        StaffEvents.PASSWORD_RESET,
                                                        before.account().username()))))))
        .map(seq -> oneTimePassword);
  }

  /**
   * The owner replaces their password, proving they know the current one.
   *
   * @throws StaffChangeRefused (in the future) when the current password is wrong or the new one is
   *     not acceptable
   */
  public Future<StaffAccount> changePassword(String id, String current, String chosen) {
    return stored("id", id)
        .compose(
            found -> {
              StoredStaff staff =
                  found.orElseThrow(() -> StaffChangeRefused.notFound("no such staff account"));
              String username = staff.account().username();
              PasswordPolicy.check(username, chosen);
              return hasher
                  .verify(current, staff.passwordHash())
                  .compose(
                      right -> {
                        if (!right) {
                          return audit
                              .append(
                                  AuditEntry.of(
                                      username, StaffEvents.PASSWORD_CHANGE_FAILED, username))
                              .compose(
                                  seq ->
                                      Future.failedFuture(
                                          StaffChangeRefused.invalid(
                                              "the current password is wrong")));
                        }
                        if (current.equals(chosen)) {
                          return Future.failedFuture(
                              StaffChangeRefused.invalid(
                                  "the new password must differ from the current one"));
                        }
                        return hasher.hash(chosen);
                      })
                  .compose(
                      hash ->
                          Transactions.withRetry(
                              pool,
                              conn -> {
                                var now = SqlTime.utc(clock.instant());
                                return conn.preparedQuery(
                                        "UPDATE staff_user SET password_hash = ?,"
                                            + " must_change_password = FALSE,"
                                            + " password_changed_at = ?, updated_at = ? WHERE id = ?")
                                    .execute(Tuple.of(hash, now, now, id))
                                    .compose(
                                        ok ->
                                            audit.append(
                                                conn,
                                                AuditEntry.of(
                                                    username,
                                                    StaffEvents.PASSWORD_CHANGED,
                                                    username)));
                              }));
            })
        .compose(seq -> require(id));
  }

  /**
   * Starts enrolling a second factor: a fresh secret, stored sealed, that takes effect once a code
   * from it is confirmed. Refused while one is active: an admin resets it first.
   */
  public Future<TotpEnrolment> beginTotpEnrolment(String id) {
    return stored("id", id)
        .compose(
            found -> {
              StoredStaff staff =
                  found.orElseThrow(() -> StaffChangeRefused.notFound("no such staff account"));
              if (staff.account().totpEnabled()) {
                return Future.failedFuture(
                    StaffChangeRefused.conflict(
                        "a second factor is already active; an admin can reset it"));
              }
              String secret = totp.newSecret();
              // In a transaction: see Transactions on the JDBC pool's auto-commit.
              return Transactions.withRetry(
                      pool,
                      conn ->
                          conn.preparedQuery(
                                  "UPDATE staff_user SET totp_secret = ?, updated_at = ?"
                                      + " WHERE id = ?")
                              .execute(
                                  Tuple.of(
                                      cipher.encrypt(secret, TOTP_SECRET),
                                      SqlTime.utc(clock.instant()),
                                      id)))
                  .map(
                      ok -> {
                        String uri = totp.uri(secret, staff.account().username());
                        return new TotpEnrolment(secret, uri, QrCode.svgDataUri(uri));
                      });
            });
  }

  /** Activates the enrolled secret once {@code code} shows the owner's app has it. */
  public Future<StaffAccount> confirmTotp(String id, String code) {
    return stored("id", id)
        .compose(
            found -> {
              StoredStaff staff =
                  found.orElseThrow(() -> StaffChangeRefused.notFound("no such staff account"));
              if (staff.account().totpEnabled()) {
                return Future.failedFuture(
                    StaffChangeRefused.conflict("the second factor is already active"));
              }
              if (staff.sealedTotpSecret() == null) {
                return Future.failedFuture(
                    StaffChangeRefused.conflict("start the enrolment first"));
              }
              String secret = cipher.decrypt(staff.sealedTotpSecret(), TOTP_SECRET);
              var step = totp.matchingStep(secret, code, clock.instant(), staff.totpLastStep());
              if (step.isEmpty()) {
                return Future.failedFuture(
                    StaffChangeRefused.invalid(
                        "the code does not match: check the app's time and try the next code"));
              }
              String username = staff.account().username();
              return Transactions.withRetry(
                  pool,
                  conn ->
                      conn.preparedQuery(
                              "UPDATE staff_user SET totp_enabled = TRUE, totp_last_step = ?,"
                                  + " updated_at = ? WHERE id = ? AND totp_enabled = FALSE")
                          .execute(Tuple.of(step.getAsLong(), SqlTime.utc(clock.instant()), id))
                          .compose(
                              ok ->
                                  audit.append(
                                      conn,
                                      AuditEntry.of(
                                          username, StaffEvents.TOTP_ENROLLED, username))));
            })
        .compose(seq -> require(id));
  }

  /** Forgets the second factor (a lost phone): the owner enrols a new one at the next sign-in. */
  public Future<StaffAccount> resetTotp(String id, String actor) {
    return Transactions.withRetry(
            pool,
            conn ->
                storedIn(conn, id)
                    .compose(
                        before ->
                            conn.preparedQuery(
                                    "UPDATE staff_user SET totp_secret = NULL,"
                                        + " totp_enabled = FALSE, totp_last_step = 0,"
                                        + " updated_at = ? WHERE id = ?")
                                .execute(Tuple.of(SqlTime.utc(clock.instant()), id))
                                .compose(ok -> endSessions(conn, id))
                                .compose(
                                    ok ->
                                        audit.append(
                                            conn,
                                            AuditEntry.of(
                                                actor,
                                                StaffEvents.TOTP_RESET,
                                                before.account().username())))))
        .compose(seq -> require(id));
  }

  // --- package-private: what sign-in needs -------------------------------------------------

  Future<Optional<StoredStaff>> storedByUsername(String username) {
    return stored("username", username);
  }

  String openTotpSecret(StoredStaff staff) {
    return cipher.decrypt(staff.sealedTotpSecret(), TOTP_SECRET);
  }

  // --- helpers ---------------------------------------------------------------------------

  /**
   * Sessions live in the console's {@code staff_session} table (created by this module's
   * migration); ending them here keeps the change and the sign-out in one transaction.
   */
  private static Future<Void> endSessions(SqlConnection conn, String id) {
    return conn.preparedQuery("DELETE FROM staff_session WHERE staff_id = ?")
        .execute(Tuple.of(id))
        .mapEmpty();
  }

  private Future<Void> requireAnotherAdmin(SqlConnection conn, String id) {
    return conn.preparedQuery(
            "SELECT COUNT(*) AS n FROM staff_user WHERE disabled = FALSE AND id <> ?"
                + " AND roles LIKE '%admin%'")
        .execute(Tuple.of(id))
        .compose(
            rows ->
                rows.iterator().next().getLong("n") > 0
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        StaffChangeRefused.conflict(
                            "this is the last active admin: make another admin first")));
  }

  private Future<StaffAccount> require(String id) {
    return find(id)
        .map(
            found -> found.orElseThrow(() -> StaffChangeRefused.notFound("no such staff account")));
  }

  private Future<Optional<StoredStaff>> stored(String column, String value) {
    return pool.preparedQuery(
            "SELECT " + StoredStaff.COLUMNS + " FROM staff_user WHERE " + column + " = ?")
        .execute(Tuple.of(value))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? Optional.of(StoredStaff.from(rows.iterator().next()))
                    : Optional.empty());
  }

  private static Future<StoredStaff> storedIn(SqlConnection conn, String id) {
    return conn.preparedQuery(
            "SELECT " + StoredStaff.COLUMNS + " FROM staff_user WHERE id = ? FOR UPDATE")
        .execute(Tuple.of(id))
        .compose(
            rows ->
                rows.iterator().hasNext()
                    ? Future.succeededFuture(StoredStaff.from(rows.iterator().next()))
                    : Future.failedFuture(StaffChangeRefused.notFound("no such staff account")));
  }

  private static Future<Boolean> exists(SqlConnection conn, String username) {
    return conn.preparedQuery("SELECT id FROM staff_user WHERE username = ?")
        .execute(Tuple.of(username))
        .map(rows -> rows.iterator().hasNext());
  }

  private static JsonArray rolesJson(Set<Role> roles) {
    return new JsonArray(roles.stream().sorted().map(Role::id).toList());
  }

  private static JsonArray changedFields(StaffUpdate changes) {
    JsonArray changed = new JsonArray();
    if (changes.displayName() != null) {
      changed.add("displayName");
    }
    if (changes.roles() != null) {
      changed.add("roles");
    }
    if (changes.languages() != null) {
      changed.add("languages");
    }
    if (changes.uiLanguage() != null) {
      changed.add("uiLanguage");
    }
    return changed;
  }

  static String checkUsername(String username) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw StaffChangeRefused.invalid(
          "a username has 2 to 64 characters: lower-case letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit");
    }
    return username;
  }

  private static String checkDisplayName(String name) {
    String trimmed = name.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_DISPLAY_NAME) {
      throw StaffChangeRefused.invalid(
          "a display name has 1 to " + MAX_DISPLAY_NAME + " characters");
    }
    if (trimmed.chars().anyMatch(Character::isISOControl)) {
      throw StaffChangeRefused.invalid("a display name cannot contain control characters");
    }
    return trimmed;
  }

  private static Set<Role> checkRoles(Set<Role> roles) {
    if (roles == null || roles.isEmpty()) {
      throw StaffChangeRefused.invalid("a staff account needs at least one role");
    }
    return roles;
  }

  private static List<String> checkLanguages(List<String> languages) {
    if (languages == null) {
      return List.of();
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String language : languages) {
      if (language == null || !LANGUAGE.matcher(language).matches()) {
        throw StaffChangeRefused.invalid(
            "languages are ISO 639 codes in lower case, such as ar, fa, tr, ru, uk, en");
      }
      unique.add(language);
    }
    if (unique.size() > 20) {
      throw StaffChangeRefused.invalid("at most 20 languages");
    }
    return List.copyOf(unique);
  }

  private static String checkUiLanguage(String uiLanguage) {
    if (!UI_LANGUAGES.contains(uiLanguage)) {
      throw StaffChangeRefused.invalid("the console speaks en, tr or ar");
    }
    return uiLanguage;
  }
}
