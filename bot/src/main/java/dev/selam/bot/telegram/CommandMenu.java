package dev.selam.bot.telegram;

import dev.selam.bot.channel.ChannelTexts;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

/**
 * Registers the command menu (/start, /help, /menu, /language, /person, /erase) with setMyCommands:
 * once per supported language with its {@code language_code}, and once without for everyone else
 * (in the fallback language). A failure is retried a few times and then only logged: the commands
 * work without the menu.
 */
final class CommandMenu {
  private static final Logger log = LoggerFactory.getLogger(CommandMenu.class);
  private static final int ATTEMPTS = 4;
  private static final int DESCRIPTION_MAX = 256;

  private final Vertx vertx;
  private final BotApi api;
  private final ChannelTexts texts;

  CommandMenu(Vertx vertx, BotApi api, ChannelTexts texts) {
    this.vertx = vertx;
    this.api = api;
    this.texts = texts;
  }

  /** The calls to make, in order: each language, then the default. */
  List<SetMyCommands> requests() {
    List<SetMyCommands> requests = new ArrayList<>();
    for (String language : texts.languages()) {
      commands(language).ifPresent(c -> requests.add(c.languageCode(language).build()));
    }
    commands(texts.fallback()).ifPresent(c -> requests.add(c.build()));
    return requests;
  }

  /** Completes when every call succeeded or was given up; never fails. */
  Future<Void> register() {
    Future<Void> chain = Future.succeededFuture();
    for (SetMyCommands request : requests()) {
      chain = chain.compose(ignored -> send(request, 1));
    }
    return chain;
  }

  private Future<Void> send(SetMyCommands request, int attempt) {
    Promise<Void> done = Promise.promise();
    api.call(request)
        .onSuccess(ok -> done.complete())
        .onFailure(
            e -> {
              if (attempt >= ATTEMPTS) {
                log.atWarn()
                    .addKeyValue("event", "telegram.commands_not_set")
                    .addKeyValue("language", String.valueOf(request.getLanguageCode()))
                    .addKeyValue("reason", String.valueOf(BotApi.classify(e)))
                    .log("could not register the command menu");
                done.complete();
                return;
              }
              vertx.setTimer(
                  1000L << (attempt - 1), id -> send(request, attempt + 1).onComplete(done));
            });
    return done.future();
  }

  private java.util.Optional<SetMyCommands.SetMyCommandsBuilder<?, ?>> commands(String language) {
    List<BotCommand> commands = new ArrayList<>();
    for (String key : ChannelTexts.COMMANDS) {
      String description = texts.text(language, key);
      if (description == null || description.isBlank()) {
        continue;
      }
      String trimmed = description.strip();
      commands.add(
          new BotCommand(
              ChannelTexts.commandName(key),
              trimmed.length() <= DESCRIPTION_MAX
                  ? trimmed
                  : trimmed.substring(0, DESCRIPTION_MAX)));
    }
    if (commands.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(SetMyCommands.builder().commands(commands));
  }
}
