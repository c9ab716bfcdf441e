package dev.selam.server.cli;

import dev.selam.knowledge.eval.KbEval;
import dev.selam.knowledge.search.Calibration;
import dev.selam.knowledge.search.KnowledgeSearch;
import dev.selam.knowledge.search.SeedIndex;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description =
        "Score the knowledge-base search (seed content) on lang<TAB>topic<TAB>question rows;"
            + " the last line is a JSON object of figures.")
public final class EvalKbCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE.tsv", description = "Labelled questions.")
  Path file;

  @Option(names = "--details", description = "Print each miss first.")
  boolean details;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    KnowledgeSearch search =
        SeedIndex.search(Set.of("en", "tr", "ar", "ru", "fa", "uk"), Calibration.DEFAULT);
    out.println(KbEval.run(KbEval.read(file), search, details, out).encode());
    out.flush();
    return 0;
  }
}
