package dev.selam.server.cli;

import dev.selam.core.crypto.Keys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Administration: keys, staff accounts, audit log.",
    subcommands = {AdminCommand.GenerateKeys.class})
public final class AdminCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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
}
