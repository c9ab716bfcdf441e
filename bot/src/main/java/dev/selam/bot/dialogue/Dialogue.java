package dev.selam.bot.dialogue;

import dev.selam.bot.channel.InboundHandler;
import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.channel.MessageKind;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.channel.OutboundMessage.Button;
import dev.selam.bot.channel.OutboxWriter;
import dev.selam.bot.i18n.Messages;
import dev.selam.bot.language.ReplyLanguage;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.conversation.ConversationStore.ContactState;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.gaps.UnansweredQuestions;
import dev.selam.knowledge.search.SearchResult;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's side of a conversation, the same for every channel: it decides the reply language,
 * answers commands and buttons, and answers questions from the knowledge base. The person's
 * message, the language and every reply are written in one transaction, so a reply exists exactly
 * when the message that caused it does.
 *
 * <p>Risk assessment, escalation to a person, relaying to operators and {@code /erase} join here
 * (issues 4 and 5); until then {@code /person} and {@code /erase} get the help text.
 */
public final class Dialogue implements InboundHandler {
  private static final Logger log = LoggerFactory.getLogger(Dialogue.class);

  /** Menu buttons and the topic each one answers with. */
  static final Map<String, String> MENU_TOPICS =
      Map.of(
          "menu.rights", "residence-permit",
          "menu.health", "health-services",
          "menu.work", "work-permit",
          "menu.emergency", "emergency-numbers",
          "menu.safety", "staying-safe",
          "menu.person", "talk-to-a-person");

  private static final List<String> MENU_ORDER =
      List.of(
          "menu.rights",
          "menu.health",
          "menu.work",
          "menu.person",
          "menu.emergency",
          "menu.safety");

  private final Pool pool;
  private final ConversationStore conversations;
  private final OutboxWriter outbox;
  private final ReplyLanguage replyLanguage;
  private final Messages messages;
  private final KnowledgeBase knowledge;
  private final UnansweredQuestions unanswered;
  private final int retentionDays;

  public Dialogue(
      Pool pool,
      ConversationStore conversations,
      OutboxWriter outbox,
      ReplyLanguage replyLanguage,
      Messages messages,
      KnowledgeBase knowledge,
      UnansweredQuestions unanswered,
      int retentionDays) {
    this.pool = pool;
    this.conversations = conversations;
    this.outbox = outbox;
    this.replyLanguage = replyLanguage;
    this.messages = messages;
    this.knowledge = knowledge;
    this.unanswered = unanswered;
    this.retentionDays = retentionDays;
  }

  @Override
  public Future<Void> handle(InboundMessage message) {
    return conversations
        .state(message.channel(), message.externalChatId())
        .compose(state -> respond(message, state));
  }

  private Future<Void> respond(InboundMessage message, Optional<ContactState> state) {
    Optional<String> chosenLanguage = chosenLanguage(message);
    String text = message.kind() == MessageKind.TEXT ? message.text() : "";
    ReplyLanguage.Choice choice =
        replyLanguage.choose(
            new ReplyLanguage.Request(
                chosenLanguage.or(
                    () -> state.filter(ContactState::languageChosen).map(ContactState::language)),
                text == null ? "" : text,
                Optional.ofNullable(message.languageCode()),
                state.map(ContactState::language)));
    String language = choice.language();
    boolean chosen = chosenLanguage.isPresent();
    Future<Reply> reply =
        switch (message.kind()) {
          case COMMAND -> Future.succeededFuture(command(message, language, state.isEmpty()));
          case CALLBACK -> callback(message, language);
          case TEXT -> question(message.text(), language);
          default -> Future.succeededFuture(mediaNotice(language));
        };
    return reply.compose(r -> store(message, language, chosen, r));
  }

  /** What to send, and the topic answered (for feedback and statistics), if any. */
  record Reply(List<OutboundMessage> messages, String feedbackTopic, String feedbackLanguage) {
    static Reply of(OutboundMessage... messages) {
      return new Reply(List.of(messages), null, null);
    }
  }

  private Future<Void> store(InboundMessage in, String language, boolean chosen, Reply reply) {
    return pool.withTransaction(
        tx ->
            conversations
                .open(tx, in.channel(), in.externalChatId(), language, chosen)
                .compose(
                    state ->
                        storeInbound(tx, state, in)
                            .compose(ignored -> enqueueAll(tx, in, state, reply.messages()))
                            .compose(ignored -> feedback(tx, state, in, reply)))
                .mapEmpty());
  }

  private Future<Void> storeInbound(SqlConnection tx, ContactState state, InboundMessage in) {
    String text = in.kind() == MessageKind.CALLBACK ? null : in.text();
    if (text == null) {
      return Future.succeededFuture();
    }
    return conversations
        .storeMessage(
            tx,
            state.conversationId(),
            "in",
            "person",
            in.kind().name().toLowerCase(java.util.Locale.ROOT),
            text,
            in.channelMessageId())
        .mapEmpty();
  }

  private Future<Void> enqueueAll(
      SqlConnection tx, InboundMessage in, ContactState state, List<OutboundMessage> replies) {
    OutboxWriter.Recipient to =
        new OutboxWriter.Recipient(in.channel(), state.contactId(), state.conversationId());
    Future<Void> chain = Future.succeededFuture();
    for (OutboundMessage reply : replies) {
      chain =
          chain.compose(
              ignored -> {
                if (reply instanceof OutboundMessage.Text t) {
                  return conversations
                      .storeMessage(
                          tx, state.conversationId(), "out", "bot", "text", t.html(), null)
                      .compose(messageId -> outbox.enqueue(tx, to, reply, messageId))
                      .mapEmpty();
                }
                return outbox.enqueue(tx, to, reply, null).mapEmpty();
              });
    }
    return chain;
  }

  private Future<Void> feedback(
      SqlConnection tx, ContactState state, InboundMessage in, Reply reply) {
    if (in.kind() != MessageKind.CALLBACK || in.callbackData() == null) {
      return Future.succeededFuture();
    }
    String[] parts = in.callbackData().split(":");
    if (parts.length != 4 || !parts[0].equals("fb")) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(
            "INSERT INTO feedback (id, conversation_id, topic, language, helpful, given_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .execute(
            io.vertx.sqlclient.Tuple.of(
                java.util.UUID.randomUUID().toString(),
                state.conversationId(),
                parts[1],
                parts[2],
                parts[3].equals("1"),
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)))
        .mapEmpty();
  }

  private Optional<String> chosenLanguage(InboundMessage message) {
    if (message.kind() == MessageKind.CALLBACK
        && message.callbackData() != null
        && message.callbackData().startsWith("lang:")) {
      String language = message.callbackData().substring(5);
      return messages.languages().contains(language) ? Optional.of(language) : Optional.empty();
    }
    return Optional.empty();
  }

  private Reply command(InboundMessage message, String language, boolean firstContact) {
    String name = message.command().orElse("help");
    return switch (name) {
      case "start" -> start(language, firstContact);
      case "menu" -> Reply.of(menu(language));
      case "language" -> Reply.of(languageChoice(language));
      default -> Reply.of(OutboundMessage.Text.plain(messages.text(language, "help")));
    };
  }

  private Reply start(String language, boolean firstContact) {
    List<OutboundMessage> out = new ArrayList<>();
    out.add(OutboundMessage.Text.plain(messages.text(language, "greeting")));
    out.add(
        OutboundMessage.Text.plain(
            messages.text(language, "privacy.notice", Map.of("days", retentionDays))));
    if (firstContact) {
      out.add(languageChoice(language));
    }
    out.add(menu(language));
    return new Reply(out, null, null);
  }

  private OutboundMessage menu(String language) {
    List<List<Button>> rows = new ArrayList<>();
    for (int i = 0; i < MENU_ORDER.size(); i += 2) {
      List<Button> row = new ArrayList<>();
      for (String key : MENU_ORDER.subList(i, Math.min(i + 2, MENU_ORDER.size()))) {
        row.add(new Button(messages.text(language, key), "topic:" + MENU_TOPICS.get(key)));
      }
      rows.add(row);
    }
    return new OutboundMessage.Text(
        OutboundMessage.escape(messages.text(language, "menu.title")), rows);
  }

  private OutboundMessage languageChoice(String language) {
    List<List<Button>> rows = new ArrayList<>();
    List<Button> row = new ArrayList<>();
    for (String option : messages.languages().stream().sorted().toList()) {
      row.add(new Button(messages.text(option, "language.name"), "lang:" + option));
      if (row.size() == 3) {
        rows.add(row);
        row = new ArrayList<>();
      }
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return new OutboundMessage.Text(
        OutboundMessage.escape(messages.text(language, "language.prompt")), rows);
  }

  private Future<Reply> callback(InboundMessage message, String language) {
    String data = message.callbackData() == null ? "" : message.callbackData();
    if (data.startsWith("lang:")) {
      return Future.succeededFuture(
          Reply.of(
              OutboundMessage.Text.plain(messages.text(language, "language.set")), menu(language)));
    }
    if (data.startsWith("topic:")) {
      return article(data.substring(6), language);
    }
    if (data.startsWith("fb:")) {
      return Future.succeededFuture(
          Reply.of(OutboundMessage.Text.plain(messages.text(language, "feedback.thanks"))));
    }
    return Future.succeededFuture(Reply.of(menu(language)));
  }

  private Future<Reply> article(String topic, String language) {
    return knowledge
        .article(topic, language)
        .compose(
            found -> {
              if (found.isPresent() && found.get().status().name().equals("PUBLISHED")) {
                return Future.succeededFuture(found);
              }
              return knowledge.article(topic, "en");
            })
        .map(
            found ->
                found
                    .map(a -> answer(a.topic(), a.language(), a.title(), a.body(), language, false))
                    .orElseGet(() -> noAnswer(language)));
  }

  private Future<Reply> question(String text, String language) {
    return knowledge
        .search(text, language)
        .compose(
            result -> {
              Optional<SearchResult.Hit> answer = result.answer();
              if (answer.isPresent()) {
                SearchResult.Hit hit = answer.get();
                return knowledge
                    .article(hit.topic(), hit.answerLanguage())
                    .map(
                        article ->
                            article
                                .map(
                                    a ->
                                        answer(
                                            a.topic(),
                                            a.language(),
                                            a.title(),
                                            a.body(),
                                            language,
                                            hit.fallback()))
                                .orElseGet(() -> noAnswer(language)));
              }
              return unanswered
                  .record(
                      language,
                      text,
                      result.best().map(SearchResult.Hit::topic).orElse(null),
                      result.bestConfidence())
                  .map(
                      recorded ->
                          result.suggestions().isEmpty()
                              ? noAnswer(language)
                              : suggestions(result.suggestions(), language));
            });
  }

  private Reply answer(
      String topic,
      String articleLanguage,
      String title,
      String body,
      String language,
      boolean fallback) {
    List<OutboundMessage> out = new ArrayList<>();
    if (fallback) {
      out.add(OutboundMessage.Text.plain(messages.text(language, "answer.in_english")));
    }
    List<String> parts = ArticleHtml.split(ArticleHtml.render(title, body));
    for (int i = 0; i < parts.size(); i++) {
      boolean last = i == parts.size() - 1;
      out.add(
          new OutboundMessage.Text(
              parts.get(i), last ? feedbackButtons(topic, articleLanguage, language) : List.of()));
    }
    log.atInfo()
        .addKeyValue("event", "dialogue.answered")
        .addKeyValue("topic", topic)
        .addKeyValue("language", articleLanguage)
        .log("answered from the knowledge base");
    return new Reply(out, topic, articleLanguage);
  }

  private List<List<Button>> feedbackButtons(
      String topic, String articleLanguage, String language) {
    return List.of(
        List.of(
            new Button(
                messages.text(language, "feedback.helpful"),
                "fb:" + topic + ":" + articleLanguage + ":1"),
            new Button(
                messages.text(language, "feedback.not_helpful"),
                "fb:" + topic + ":" + articleLanguage + ":0")),
        List.of(new Button(messages.text(language, "feedback.person"), "person")));
  }

  private Reply suggestions(List<SearchResult.Hit> hits, String language) {
    List<List<Button>> rows = new ArrayList<>();
    for (SearchResult.Hit hit : hits) {
      rows.add(List.of(new Button(hit.title(), "topic:" + hit.topic())));
    }
    rows.add(List.of(new Button(messages.text(language, "feedback.person"), "person")));
    return Reply.of(
        new OutboundMessage.Text(
            OutboundMessage.escape(messages.text(language, "answer.weak_intro")), rows));
  }

  private Reply noAnswer(String language) {
    return Reply.of(
        new OutboundMessage.Text(
            OutboundMessage.escape(messages.text(language, "answer.none")),
            List.of(List.of(new Button(messages.text(language, "feedback.person"), "person")))));
  }

  private Reply mediaNotice(String language) {
    return Reply.of(
        new OutboundMessage.Text(
            OutboundMessage.escape(messages.text(language, "media.unsupported")),
            List.of(List.of(new Button(messages.text(language, "feedback.person"), "person")))));
  }
}
