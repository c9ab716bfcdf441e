package dev.selam.server.cli;

import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.KnowledgeSettings;
import dev.selam.knowledge.article.ArticleStore;
import dev.selam.knowledge.content.ContentExport;
import dev.selam.knowledge.content.ContentProblem;
import dev.selam.knowledge.content.ContentSet;
import dev.selam.knowledge.content.Topics;
import dev.selam.knowledge.search.Calibration;
import dev.selam.server.Main;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description = "Knowledge base: import and export of articles (<topic>/<lang>.md).",
    subcommands = {KbCommand.Import.class, KbCommand.Export.class})
public final class KbCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand Main main;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing sub-command");
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Validate every file of DIR, then import all of them in one transaction, or none when"
              + " any file has a problem.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand KbCommand kb;

    @Parameters(paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (CliContext cli = CliContext.open(kb.main.settings())) {
        KnowledgeSettings settings = KnowledgeSettings.from(cli.settings, cli.dataDir);
        ContentSet content = ContentSet.read(dir, Topics.bundled(), settings.languages());
        if (!content.valid()) {
          for (ContentProblem problem : content.problems()) {
            err.println(problem.getMessage());
          }
          err.println(content.problems().size() + " problem(s): nothing imported.");
          return 1;
        }
        KnowledgeBase knowledge =
            KnowledgeBase.start(
                    cli.vertx,
                    new ArticleStore(cli.database.pool(), Clock.systemUTC()),
                    settings,
                    Calibration.DEFAULT)
                .await();
        try {
          int changed = knowledge.importAll(content.articles(), "cli").await();
          out.println(
              "Imported " + content.articles().size() + " article(s), " + changed + " changed.");
        } finally {
          knowledge.close();
        }
        return 0;
      }
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Write every article to DIR in the layout import reads.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand KbCommand kb;

    @Parameters(paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() throws Exception {
      try (CliContext cli = CliContext.open(kb.main.settings())) {
        var articles = new ArticleStore(cli.database.pool(), Clock.systemUTC()).all().await();
        int written = ContentExport.write(articles, dir);
        spec.commandLine().getOut().println("Exported " + written + " article(s) to " + dir);
        return 0;
      }
    }
  }
}
