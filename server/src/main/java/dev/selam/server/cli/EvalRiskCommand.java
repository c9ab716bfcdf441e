package dev.selam.server.cli;

import dev.selam.bot.risk.RiskAssessment;
import dev.selam.bot.risk.RiskAssessor;
import dev.selam.bot.risk.RiskEvaluation;
import dev.selam.knowledge.analysis.LanguageAnalyzers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selam eval risk FILE.tsv [--details]}: the risk assessor's figures on a labelled set. */
@Command(
    name = "risk",
    mixinStandardHelpOptions = true,
    description = {
      "Assess each message of a labelled set (lang<TAB>level<TAB>category<TAB>text, one header"
          + " line) and print the figures as one JSON object, last."
    })
public final class EvalRiskCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The labelled set (UTF-8, tab-separated).")
  Path file;

  @Option(
      names = "--details",
      description = "Print every message assessed at another level than labelled, first.")
  boolean details;

  @Option(
      names = "--indicators",
      paramLabel = "DIR",
      description =
          "Indicator files (<lang>.txt) to use instead of the shipped ones, to try edits.")
  Path indicators;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), "No such file: " + file);
    }
    List<RiskEvaluation.Row> rows;
    RiskAssessor assessor;
    try {
      rows = RiskEvaluation.read(file);
      assessor = RiskAssessor.load(LanguageAnalyzers.SUPPORTED, Optional.ofNullable(indicators));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    RiskEvaluation.Report report = RiskEvaluation.run(assessor, rows);
    PrintWriter out = spec.commandLine().getOut();
    if (details) {
      report.misses().forEach(miss -> out.println(describe(miss)));
    }
    out.println(report.toJson().encode());
    out.flush();
    return 0;
  }

  private static String describe(RiskEvaluation.Outcome miss) {
    RiskAssessment got = miss.assessment();
    String because =
        got.indicators().isEmpty()
            ? "no indicator"
            : got.indicators().stream()
                .map(i -> i.id() + " " + i.words())
                .collect(Collectors.joining(", "));
    String modifiers =
        got.modifiers().isEmpty()
            ? ""
            : " ("
                + got.modifiers().stream().map(m -> m.strength()).collect(Collectors.joining(", "))
                + ")";
    return String.format(
        Locale.ROOT,
        "miss line %d [%s] %s expected %s, got %s%s score %.1f: %s%n    %s",
        miss.row().line(),
        miss.row().language(),
        miss.row().category(),
        miss.row().expected().id(),
        got.level().id(),
        modifiers,
        got.score(),
        because,
        miss.row().text());
  }
}
