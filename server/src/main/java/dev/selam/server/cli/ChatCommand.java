package dev.selam.server.cli;

import dev.selam.bot.i18n.Messages;
import dev.selam.bot.language.LanguageDetector;
import dev.selam.bot.language.LanguageSettings;
import dev.selam.bot.language.ReplyLanguage;
import dev.selam.bot.terminal.TerminalChat;
import dev.selam.core.audit.AuditLog;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.outbox.OutboxStore;
import dev.selam.core.settings.HotlineSettings;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.KnowledgeSettings;
import dev.selam.knowledge.article.ArticleStore;
import dev.selam.knowledge.search.Calibration;
import dev.selam.server.DialogueWiring;
import dev.selam.server.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = {
      "Talk to the bot in this terminal: the same dialogue, knowledge base, risk and escalation as"
          + " on Telegram, on the service's data (stop a running service that uses the embedded"
          + " database first). Type /start, a question, or a button's number; /quit ends."
    })
public final class ChatCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand Main main;

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      description = "The language the person's app is set to (as Telegram tells it), e.g. ar.")
  String language;

  @Option(
      names = "--as",
      paramLabel = "NAME",
      description = "Continue the terminal conversation of this name (default: a new one).")
  String name;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (CliContext cli = CliContext.open(main.settings())) {
      LanguageSettings languages = LanguageSettings.from(cli.settings);
      Messages messages = Messages.load(languages.languages(), languages.defaultLanguage());
      KnowledgeBase knowledge =
          KnowledgeBase.start(
                  cli.vertx,
                  new ArticleStore(cli.database.pool(), Clock.systemUTC()),
                  KnowledgeSettings.from(cli.settings, cli.dataDir),
                  Calibration.DEFAULT)
              .await();
      try {
        ConversationStore conversations =
            new ConversationStore(
                cli.database.pool(),
                cli.keys.cipher(),
                cli.keys.pseudonymizer(),
                Clock.systemUTC());
        HotlineSettings settings =
            new HotlineSettings(
                cli.database.pool(),
                new AuditLog(cli.database.pool(), Clock.systemUTC()),
                HotlineSettings.Defaults.from(cli.settings),
                Clock.systemUTC());
        var dialogue =
            DialogueWiring.create(
                cli.vertx,
                cli.settings,
                cli.database,
                cli.keys,
                conversations,
                new ReplyLanguage(languages, LanguageDetector.create(languages)),
                messages,
                languages,
                knowledge,
                // The hours and retention an admin set in the console, as the service uses them.
                settings,
                settings);
        out.println("Selam chat. Type /start, a question, or a button's number; /quit ends.");
        new TerminalChat(
                cli.vertx,
                dialogue,
                new OutboxStore(cli.database.pool(), cli.keys.cipher(), Clock.systemUTC()),
                out,
                name == null ? UUID.randomUUID().toString() : name,
                language)
            .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        return 0;
      } finally {
        knowledge.close();
      }
    }
  }
}
