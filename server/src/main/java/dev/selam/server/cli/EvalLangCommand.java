package dev.selam.server.cli;

import dev.selam.bot.language.LanguageDetector;
import dev.selam.bot.language.LanguageEval;
import dev.selam.bot.language.LanguageSettings;
import dev.selam.server.Main;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "lang",
    mixinStandardHelpOptions = true,
    description =
        "Score language detection on a TSV of lang<TAB>text (one header line). The last line"
            + " printed is one JSON object with the figures.")
public final class EvalLangCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.tsv", description = "The labelled set.")
  Path file;

  @Option(names = "--details", description = "Print every miss before the figures.")
  boolean details;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(file)) {
      throw new ParameterException(spec.commandLine(), "Cannot read " + file);
    }
    Main main = (Main) spec.parent().parent().userObject();
    LanguageDetector detector = LanguageDetector.create(LanguageSettings.from(main.settings()));
    LanguageEval.Result result = new LanguageEval(detector).run(file);
    PrintWriter out = spec.commandLine().getOut();
    if (details) {
      for (LanguageEval.Miss miss : result.misses()) {
        out.printf(
            Locale.ROOT,
            "miss line %d: expected %s, got %s (confidence %.2f): %s%n",
            miss.line(),
            miss.expected(),
            miss.guess().language(),
            miss.guess().confidence(),
            miss.text());
      }
    }
    out.println(result.toJson().encode());
    out.flush();
    return 0;
  }
}
