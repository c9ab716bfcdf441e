package dev.selam.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Score the service's judgements on a labelled set: kb, risk, lang.",
    subcommands = {EvalKbCommand.class, EvalLangCommand.class, EvalRiskCommand.class})
public final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing sub-command");
  }
}
