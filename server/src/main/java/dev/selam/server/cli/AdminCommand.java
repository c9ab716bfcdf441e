package dev.selam.server.cli;

import dev.selam.core.audit.AuditVerification;
import dev.selam.core.crypto.Keys;
import dev.selam.core.identity.OneTimePasswordFile;
import dev.selam.core.identity.Role;
import dev.selam.core.identity.StaffAccount;
import dev.selam.core.identity.StaffAccounts;
import dev.selam.core.identity.StaffChangeRefused;
import dev.selam.server.Main;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Administration: keys, staff accounts, audit log.",
    subcommands = {
      AdminCommand.GenerateKeys.class,
      AdminCommand.CreateUser.class,
      AdminCommand.ResetPassword.class,
      AdminCommand.VerifyAudit.class
    })
public final class AdminCommand implements Callable<Integer> {
  /** Exit code when the command ran but the answer is no (refused change, broken audit chain). */
  public static final int REFUSED = 1;

  @Spec CommandSpec spec;
  @ParentCommand Main main;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing sub-command");
  }

  @Command(
      name = "generate-keys",
      mixinStandardHelpOptions = true,
      description =
          "Print a new data key and pseudonym key as SELAM_* lines for a secret store. To rotate,"
              + " put the new data key first in SELAM_DATA_KEYS and keep the old ones after it;"
              + " never change SELAM_PSEUDONYM_KEY.")
  static final class GenerateKeys implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key-id", defaultValue = "k1", description = "Id of the new data key.")
    String keyId;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(Keys.newEnvironmentLines(keyId));
      return 0;
    }
  }

  @Command(
      name = "create-user",
      mixinStandardHelpOptions = true,
      description =
          "Create a staff account. Its one-time password goes to a file in the data directory"
              + " that only this user can read; the first sign-in must replace it.")
  static final class CreateUser implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AdminCommand admin;

    @Parameters(index = "0", paramLabel = "USERNAME", description = "Lower-case login name.")
    String username;

    @Option(
        names = "--roles",
        required = true,
        split = ",",
        paramLabel = "ROLE",
        description = "Comma-separated: operator, supervisor, editor, admin.")
    List<String> roles;

    @Option(
        names = "--languages",
        split = ",",
        paramLabel = "LANG",
        description = "Languages the person works in, e.g. ar,fa,tr.")
    List<String> languages = List.of();

    @Option(names = "--display-name", description = "Name shown in the console.")
    String displayName;

    @Option(
        names = "--ui-language",
        defaultValue = "en",
        description = "Console language: en, tr or ar.")
    String uiLanguage;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (CommandLineIdentity cli = CommandLineIdentity.open(admin.main.settings())) {
        var created =
            cli.identity
                .accounts()
                .create(
                    new StaffAccounts.NewStaff(
                        username, displayName, Role.parseAll(roles), languages, uiLanguage),
                    CommandLineIdentity.actor())
                .await();
        Path file = OneTimePasswordFile.write(cli.dataDir, username, created.oneTimePassword());
        out.println(
            "Created staff account '"
                + username
                + "' with roles "
                + String.join(", ", roles)
                + ".");
        printWhere(out, file);
        return 0;
      } catch (StaffChangeRefused e) {
        spec.commandLine().getErr().println("Not created: " + e.getMessage());
        return REFUSED;
      }
    }
  }

  @Command(
      name = "reset-password",
      mixinStandardHelpOptions = true,
      description =
          "Give a staff account a new one-time password (in a file in the data directory),"
              + " lift its lockout and end its sessions; the next sign-in must replace it.")
  static final class ResetPassword implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AdminCommand admin;

    @Parameters(index = "0", paramLabel = "USERNAME")
    String username;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (CommandLineIdentity cli = CommandLineIdentity.open(admin.main.settings())) {
        StaffAccounts accounts = cli.identity.accounts();
        StaffAccount account =
            accounts
                .findByUsername(username)
                .await()
                .orElseThrow(
                    () -> StaffChangeRefused.notFound("no staff account '" + username + "'"));
        String password = accounts.resetPassword(account.id(), CommandLineIdentity.actor()).await();
        Path file = OneTimePasswordFile.write(cli.dataDir, username, password);
        out.println("Reset the password of '" + username + "'; its sessions have ended.");
        printWhere(out, file);
        return 0;
      } catch (StaffChangeRefused e) {
        spec.commandLine().getErr().println("Not reset: " + e.getMessage());
        return REFUSED;
      }
    }
  }

  @Command(
      name = "verify-audit",
      mixinStandardHelpOptions = true,
      description =
          "Walk the audit log's hash chain. Exit 0 when intact; 1 with the first broken event.")
  static final class VerifyAudit implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AdminCommand admin;

    @Override
    public Integer call() {
      try (CommandLineIdentity cli = CommandLineIdentity.open(admin.main.settings())) {
        AuditVerification result = cli.identity.audit().verify().await();
        if (result.intact()) {
          spec.commandLine()
              .getOut()
              .println("Audit log intact: " + result.checked() + " events verified.");
          return 0;
        }
        spec.commandLine()
            .getOut()
            .println(
                "Audit log BROKEN at event "
                    + result.firstBrokenSeq().getAsLong()
                    + ": "
                    + result.problem()
                    + " ("
                    + result.checked()
                    + " events before it verified).");
        return REFUSED;
      }
    }
  }

  private static void printWhere(PrintWriter out, Path file) {
    out.println(
        "The one-time password is in "
            + file
            + " (readable by this user only). Hand it over safely, then delete the file;"
            + " the first sign-in must choose a new password.");
  }
}
