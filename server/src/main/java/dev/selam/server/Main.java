package dev.selam.server;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import dev.selam.server.cli.AdminCommand;
import dev.selam.server.cli.ChatCommand;
import dev.selam.server.cli.EvalCommand;
import dev.selam.server.cli.KbCommand;
import dev.selam.server.cli.ServeCommand;
import dev.selam.server.cli.StartUpTrainingCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code selam} command line: {@code serve} (the default), {@code eval}, {@code admin}, {@code
 * kb}.
 */
@Command(
    name = "selam",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Multilingual help bot and hotline console.",
    subcommands = {
      ServeCommand.class,
      EvalCommand.class,
      AdminCommand.class,
      KbCommand.class,
      ChatCommand.class,
      StartUpTrainingCommand.class
    })
public final class Main implements Callable<Integer> {
  /** Exit code for a configuration error (sysexits' EX_CONFIG); usage errors exit with 2. */
  public static final int CONFIG_ERROR = 78;

  private final Map<String, String> environment;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file of SELAM_* settings; the environment overrides it.")
  Path configFile;

  Main(Map<String, String> environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    chooseLogFormat(System.getenv());
    System.exit(
        run(
            args,
            System.getenv(),
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true)));
  }

  static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Main(environment));
    commandLine.setOut(out);
    commandLine.setErr(err);
    // Picocli prints only "did you mean" when a wrong word looks like a command: print the usage
    // too, so a typo always shows what the commands are.
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          CommandLine cmd = e.getCommandLine();
          cmd.getErr().println(e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
          cmd.usage(cmd.getErr());
          return 2;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ConfigException) {
            cmd.getErr().println("Configuration error: " + e.getMessage());
            return CONFIG_ERROR;
          }
          throw e;
        });
    return commandLine.execute(args);
  }

  /** Without a sub-command, serve. */
  @Override
  public Integer call() throws Exception {
    return new ServeCommand().serve(this);
  }

  /** The settings every command reads: environment over the optional config file. */
  public Settings settings() {
    return Settings.load(environment, Optional.ofNullable(configFile));
  }

  /** Plain key=value lines for a terminal, JSON lines for a log collector. */
  private static void chooseLogFormat(Map<String, String> environment) {
    if ("json".equalsIgnoreCase(environment.getOrDefault("SELAM_LOG_FORMAT", "plain"))
        && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"selam " + (version == null ? "development" : version)};
    }
  }
}
