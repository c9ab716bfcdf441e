package dev.selam.core.identity;

import dev.selam.core.config.DataDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first start: with no staff account at all, create {@code admin} with a one-time password in a
 * file of the data directory, and say in the log where the file is (never what it says).
 */
public final class InitialAdmin {
  public static final String USERNAME = "admin";
  private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

  private InitialAdmin() {}

  /** The file written, or empty when staff accounts already exist. */
  public static Future<Optional<Path>> ensure(
      Vertx vertx, StaffAccounts accounts, DataDirectory dataDir) {
    return accounts
        .count()
        .compose(
            count -> {
              if (count > 0) {
                return Future.succeededFuture(Optional.empty());
              }
              return accounts
                  .create(
                      new StaffAccounts.NewStaff(
                          USERNAME, "Administrator", Set.of(Role.ADMIN), List.of(), "en"),
                      StaffEvents.SYSTEM)
                  .compose(
                      created ->
                          vertx.executeBlocking(
                              () ->
                                  OneTimePasswordFile.write(
                                      dataDir, USERNAME, created.oneTimePassword()),
                              false))
                  .map(
                      file -> {
                        log.atWarn()
                            .addKeyValue("event", "staff.initial_admin_created")
                            .addKeyValue("username", USERNAME)
                            .addKeyValue("file", file)
                            .log(
                                "No staff account existed: created '{}'. Its one-time password"
                                    + " is in {} (readable by this service's user only). Sign"
                                    + " in with it and choose a new password.",
                                USERNAME,
                                file);
                        return Optional.of(file);
                      })
                  .recover(
                      failure ->
                          failure instanceof StaffChangeRefused refused
                                  && refused.reason() == StaffChangeRefused.Reason.CONFLICT
                              // another replica created it at the same moment: theirs stands
                              ? Future.succeededFuture(Optional.empty())
                              : Future.failedFuture(failure));
            });
  }
}
