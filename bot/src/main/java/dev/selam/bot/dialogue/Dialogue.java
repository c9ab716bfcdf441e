package dev.selam.bot.dialogue;

import dev.selam.bot.channel.InboundHandler;
import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.channel.MessageKind;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.channel.OutboxWriter;
import dev.selam.bot.i18n.Messages;
import dev.selam.bot.language.ReplyLanguage;
import dev.selam.bot.risk.ConversationRisk;
import dev.selam.bot.risk.RiskAssessment;
import dev.selam.bot.risk.RiskAssessor;
import dev.selam.core.conversation.ConversationErasure;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.conversation.ConversationStore.ContactState;
import dev.selam.core.escalation.CurrentHours;
import dev.selam.core.escalation.EscalationStore;
import dev.selam.core.escalation.OperatorsOnDuty;
import dev.selam.core.events.EventAddresses;
import dev.selam.core.retention.CurrentRetention;
import dev.selam.core.risk.RiskLevel;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.GroupCommit;
import dev.selam.core.storage.WriteBatch;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.gaps.UnansweredQuestions;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's side of a conversation, the same for every channel. For each message it decides the
 * reply language, assesses the risk of the message and the conversation so far, and then, in this
 * order: stays quiet while an operator holds the conversation (the message is relayed to the
 * console), answers danger with the safety message and opens an escalation, hands over to a person
 * when asked, or answers commands, buttons and questions from the knowledge base.
 *
 * <p>The person's message, the conversation's risk, the escalation and every reply are written in
 * one transaction, so a reply or an escalation exists exactly when the message that caused it does;
 * the consoles hear of it once it is committed.
 */
public final class Dialogue implements InboundHandler {
  static final String ERASE_YES = "erase:yes";
  static final String ERASE_NO = "erase:no";

  /** How long the neutral "erased" confirmation stays in the chat before the bot deletes it. */
  static final Duration ERASE_CONFIRMATION_KEPT = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(Dialogue.class);
  private static final int SHARED_COMMIT_BATCH = 32;

  /** Everything the dialogue works with. */
  public record Parts(
      Database database,
      ConversationStore conversations,
      ConversationErasure erasure,
      EscalationStore escalations,
      OperatorsOnDuty operatorsOnDuty,
      CurrentHours hours,
      OutboxWriter outbox,
      ReplyLanguage replyLanguage,
      Messages messages,
      KnowledgeBase knowledge,
      UnansweredQuestions unanswered,
      RiskAssessor risk,
      EventBus events,
      Clock clock,
      CurrentRetention retention) {}

  private final Parts parts;
  private final Menus menus;
  private final KnowledgeAnswers answers;
  private final HandOver handOver;
  private final FloodGuard flood = new FloodGuard();

  /**
   * Messages of different chats handled at the same time share commits: a commit per message bounds
   * throughput by the disk, not the work. A shared transaction that fails is run again message by
   * message, so one failing message never takes others down with it.
   */
  private final GroupCommit<Write, Stored> writes;

  /**
   * One message's writes in a shared transaction: its handled mark; then, the first time, the
   * resumption of its open conversation; then what it led to. The transaction runs each step for
   * all its messages in one batch; writes nothing reads back go to {@code later}, run together
   * before the commit.
   */
  private interface Write {
    Future<Boolean> mark(SqlConnection tx, WriteBatch marks);

    /** Empty when there was no open conversation to resume: then {@link #apply} opens one. */
    Future<Optional<ContactState>> resume(WriteBatch checks, WriteBatch later);

    Future<Stored> apply(SqlConnection tx, WriteBatch later, Optional<ContactState> resumed);
  }

  public Dialogue(Parts parts) {
    this.parts = parts;
    this.writes =
        new GroupCommit<>(
            parts.database().pool(),
            SHARED_COMMIT_BATCH,
            // each in flight holds a connection of the main pool (8 by default) while it runs
            parts.database().parallelWriteTransactions(),
            true,
            Dialogue::inOrder);
    this.menus = new Menus(parts.messages());
    this.answers = new KnowledgeAnswers(parts.knowledge(), parts.messages(), menus);
    this.handOver =
        new HandOver(parts.messages(), parts.hours(), parts.operatorsOnDuty(), parts.clock());
  }

  @Override
  public Future<Void> handle(InboundMessage message) {
    return parts
        .conversations()
        .state(message.channel(), message.externalChatId())
        .compose(state -> plan(message, state))
        .compose(plan -> store(message, plan))
        .map(
            stored -> {
              announce(stored);
              return null;
            });
  }

  /** What one message leads to, decided before anything is written. */
  private record Plan(
      Optional<ContactState> known,
      String language,
      boolean languageChosen,
      Reply reply,
      ConversationRisk before,
      ConversationRisk after,
      Optional<RiskLevel> escalateAt,
      boolean erase,
      boolean watched) {}

  private Future<Plan> plan(InboundMessage message, Optional<ContactState> state) {
    Optional<String> chosenLanguage = chosenLanguage(message);
    return replyLanguage(message, state, chosenLanguage)
        .compose(language -> plan(message, state, chosenLanguage, language));
  }

  private Future<Plan> plan(
      InboundMessage message,
      Optional<ContactState> state,
      Optional<String> chosenLanguage,
      String language) {
    boolean personAsked = isPersonRequest(message);
    String text = assessable(message);
    RiskAssessment assessment =
        personAsked
            ? RiskAssessment.personRequested(language)
            : text == null ? RiskAssessment.none(language) : parts.risk().assess(text, language);
    personAsked |= assessment.asksForPerson();
    Optional<ContactState> open = state.filter(s -> s.conversationId() != null);
    ConversationRisk before =
        open.map(s -> parts.risk().restoredConversation(s.riskLevel(), s.riskScore()))
            .orElseGet(parts.risk()::newConversation);
    ConversationRisk after = before.add(assessment);
    boolean watched = open.map(ContactState::watched).orElse(false);
    boolean withOperator = open.map(ContactState::withOperator).orElse(false);
    boolean danger = after.level() == RiskLevel.HIGH && after.raisedFrom(before);
    Optional<RiskLevel> escalateAt =
        danger || personAsked || (watched && after.raisedFrom(before))
            ? Optional.of(RiskLevel.max(after.level(), RiskLevel.MEDIUM))
            : Optional.empty();
    boolean chosen = chosenLanguage.isPresent();
    boolean erase = ERASE_YES.equals(message.callbackData());

    Future<Reply> reply;
    if (erase) {
      reply = Future.succeededFuture(erased(language));
    } else if (withOperator && isConversation(message)) {
      reply = Future.succeededFuture(Reply.none()); // relayed: the operator answers
    } else if (danger) {
      reply = handOver.availability().map(a -> Reply.of(handOver.safety(language, a)));
    } else if (personAsked) {
      reply =
          withOperator
              ? Future.succeededFuture(Reply.none())
              : handOver.availability().map(a -> Reply.of(handOver.queued(language, a)));
    } else {
      reply =
          paced(message, language)
              .orElseGet(() -> answer(message, language, state.isEmpty()))
              .map(
                  answer ->
                      after.level() == RiskLevel.MEDIUM && after.raisedFrom(before)
                          ? answer.plus(
                              List.of(menus.withPersonButton(language, "risk.offer_person")))
                          : answer);
    }
    return reply.map(
        r -> new Plan(state, language, chosen, r, before, after, escalateAt, erase, watched));
  }

  private Future<String> replyLanguage(
      InboundMessage message, Optional<ContactState> state, Optional<String> chosenLanguage) {
    String text =
        message.kind() == MessageKind.TEXT && message.text() != null ? message.text() : "";
    return parts
        .replyLanguage()
        .chooseInPool(
            new ReplyLanguage.Request(
                chosenLanguage.or(
                    () -> state.filter(ContactState::languageChosen).map(ContactState::language)),
                text,
                Optional.ofNullable(message.languageCode()),
                state.map(ContactState::language)))
        .map(ReplyLanguage.Choice::language);
  }

  /** A flood pauses the knowledge-base answers: one notice, then quiet until it calms down. */
  private Optional<Future<Reply>> paced(InboundMessage message, String language) {
    if (!isConversation(message)) {
      return Optional.empty();
    }
    return switch (flood.count(
        message.channel() + ":" + message.externalChatId(), message.time())) {
      case ANSWER -> Optional.empty();
      case NOTICE ->
          Optional.of(
              Future.succeededFuture(
                  Reply.of(
                      OutboundMessage.Text.plain(
                          parts.messages().text(language, "rate.slow_down")))));
      case QUIET -> Optional.of(Future.succeededFuture(Reply.none()));
    };
  }

  private Future<Reply> answer(InboundMessage message, String language, boolean firstContact) {
    return switch (message.kind()) {
      case COMMAND -> command(message, language, firstContact);
      case CALLBACK -> callback(message, language);
      case TEXT -> answers.question(message.text(), language);
      default ->
          Future.succeededFuture(Reply.of(menus.withPersonButton(language, "media.unsupported")));
    };
  }

  private Future<Reply> command(InboundMessage message, String language, boolean firstContact) {
    return switch (message.command().orElse("help")) {
      // the privacy notice says how long text is kept: the period in force now
      case "start" ->
          parts
              .retention()
              .retention()
              .map(
                  retention ->
                      menus.start(
                          language, firstContact, message.channel(), (int) retention.toDays()));
      case "menu" -> Future.succeededFuture(Reply.of(menus.menu(language)));
      case "language" -> Future.succeededFuture(Reply.of(menus.languageChoice(language)));
      case "erase" -> Future.succeededFuture(Reply.of(eraseConfirmation(language)));
      default -> Future.succeededFuture(Reply.of(menus.help(language)));
    };
  }

  private Future<Reply> callback(InboundMessage message, String language) {
    String data = message.callbackData() == null ? "" : message.callbackData();
    if (data.startsWith("lang:")) {
      return Future.succeededFuture(
          Reply.of(
              OutboundMessage.Text.plain(parts.messages().text(language, "language.set")),
              menus.menu(language)));
    }
    if (data.startsWith("topic:")) {
      return answers.article(data.substring(6), language);
    }
    if (data.startsWith("fb:")) {
      return Future.succeededFuture(
          Reply.of(OutboundMessage.Text.plain(parts.messages().text(language, "feedback.thanks"))));
    }
    if (data.equals(ERASE_NO)) {
      return Future.succeededFuture(
          Reply.of(OutboundMessage.Text.plain(parts.messages().text(language, "erase.cancelled"))));
    }
    return Future.succeededFuture(Reply.of(menus.menu(language)));
  }

  private OutboundMessage eraseConfirmation(String language) {
    return new OutboundMessage.Text(
        OutboundMessage.escape(parts.messages().text(language, "erase.confirm")),
        List.of(
            List.of(
                new OutboundMessage.Button(parts.messages().text(language, "erase.yes"), ERASE_YES),
                new OutboundMessage.Button(
                    parts.messages().text(language, "erase.no"), ERASE_NO))));
  }

  private Reply erased(String language) {
    return Reply.of(
        OutboundMessage.Text.plain(parts.messages().text(language, "erase.done"))
            .deletedAfter(ERASE_CONFIRMATION_KEPT));
  }

  /** What was written, for the events published after the commit. */
  private static final class Stored {
    String conversationId;
    final List<String> messageIds = new ArrayList<>();
    EscalationStore.Opened escalation;
    ConversationErasure.Erased erased;
    boolean watched;
  }

  private Future<Stored> store(InboundMessage in, Plan plan) {
    return writes.submit(
        new Write() {
          @Override
          public Future<Boolean> mark(SqlConnection tx, WriteBatch marks) {
            return in.handledMark().mark(tx, marks);
          }

          @Override
          public Future<Optional<ContactState>> resume(WriteBatch checks, WriteBatch later) {
            return plan.known()
                .map(
                    known ->
                        parts
                            .conversations()
                            .resume(checks, later, known, plan.language(), plan.languageChosen()))
                .orElseGet(() -> Future.succeededFuture(Optional.empty()));
          }

          @Override
          public Future<Stored> apply(
              SqlConnection tx, WriteBatch later, Optional<ContactState> resumed) {
            return writeHandling(tx, later, in, plan, resumed);
          }
        });
  }

  /** Everything one message leads to, in the given transaction (run again if it is retried). */
  private Future<Stored> writeHandling(
      SqlConnection tx,
      WriteBatch later,
      InboundMessage in,
      Plan plan,
      Optional<ContactState> resumed) {
    Stored stored = new Stored();
    stored.watched = plan.watched() || plan.escalateAt().isPresent();
    return resumedOrOpen(tx, in, plan, resumed)
        .compose(
            state -> {
              stored.conversationId = state.conversationId();
              storeInbound(later, state, in, stored);
              recordRisk(later, state, plan);
              return recordUnanswered(tx, state, plan.reply())
                  .compose(v -> escalate(tx, state, plan, stored))
                  .compose(v -> erase(tx, later, state, in, plan, stored))
                  .map(deletions -> enqueue(later, in, state, plan, deletions, stored))
                  .compose(v -> feedback(tx, state, in));
            })
        .map(stored);
  }

  /** The person's open conversation, as resumed, or else opened anew. */
  private Future<ContactState> resumedOrOpen(
      SqlConnection tx, InboundMessage in, Plan plan, Optional<ContactState> resumed) {
    return resumed.isPresent()
        ? Future.succeededFuture(resumed.get())
        : parts
            .conversations()
            .open(tx, in.channel(), in.externalChatId(), plan.language(), plan.languageChosen());
  }

  /**
   * Runs the writes of messages handled at the same time in one transaction, each step for all of
   * them in one batch: their handled marks; the resumption of the conversations of those handled
   * for the first time (a redelivery stops at its mark: all it led to is stored already); each
   * one's remaining steps in turn; then the writes nothing read back (messages, outbox rows, ...)
   * in one batch per table.
   */
  private static Future<List<Stored>> inOrder(SqlConnection tx, List<Write> writes) {
    WriteBatch marks = new WriteBatch();
    List<Future<Boolean>> firsts = new ArrayList<>(writes.size());
    for (Write write : writes) {
      firsts.add(write.mark(tx, marks));
    }
    WriteBatch later = new WriteBatch();
    return marks
        .flush(tx)
        .compose(v -> Future.all(firsts))
        .compose(
            v -> {
              WriteBatch checks = new WriteBatch();
              List<Future<Optional<ContactState>>> resumed = new ArrayList<>(writes.size());
              for (int i = 0; i < writes.size(); i++) {
                resumed.add(
                    firsts.get(i).result()
                        ? writes.get(i).resume(checks, later)
                        : Future.succeededFuture(Optional.empty()));
              }
              return checks.flush(tx).map(done -> resumed);
            })
        .compose(
            resumed -> {
              List<Stored> results = new ArrayList<>(writes.size());
              Future<Void> chain = Future.succeededFuture();
              for (int i = 0; i < writes.size(); i++) {
                Write write = writes.get(i);
                boolean first = firsts.get(i).result();
                Future<Optional<ContactState>> resumption = resumed.get(i);
                chain =
                    chain
                        .compose(
                            done ->
                                first
                                    ? resumption.compose(r -> write.apply(tx, later, r))
                                    : Future.succeededFuture(new Stored()))
                        .map(results::add)
                        .mapEmpty();
              }
              return chain.map(results);
            })
        .compose(results -> later.flush(tx).map(results));
  }

  private void storeInbound(
      WriteBatch later, ContactState state, InboundMessage in, Stored stored) {
    if (in.kind() == MessageKind.CALLBACK) {
      return;
    }
    stored.messageIds.add(
        parts
            .conversations()
            .storeMessage(
                later,
                state.conversationId(),
                "in",
                "person",
                in.kind().name().toLowerCase(Locale.ROOT),
                in.text() == null ? "" : in.text(),
                in.channelMessageId()));
  }

  private void recordRisk(WriteBatch later, ContactState state, Plan plan) {
    if (plan.after().level() != state.riskLevel() || plan.after().score() != state.riskScore()) {
      parts
          .conversations()
          .recordRisk(later, state.conversationId(), plan.after().level(), plan.after().score());
    }
  }

  private Future<Void> recordUnanswered(SqlConnection tx, ContactState state, Reply reply) {
    return reply
        .unanswered()
        .map(
            q ->
                parts
                    .unanswered()
                    .record(
                        tx,
                        state.conversationId(),
                        q.language(),
                        q.text(),
                        q.bestTopic(),
                        q.confidence()))
        .orElseGet(Future::succeededFuture);
  }

  private Future<Void> escalate(SqlConnection tx, ContactState state, Plan plan, Stored stored) {
    if (plan.escalateAt().isEmpty() || plan.erase()) {
      return Future.succeededFuture();
    }
    ConversationRisk risk = plan.after();
    return parts
        .escalations()
        .open(
            tx,
            new dev.selam.core.escalation.EscalationRequest(
                state.conversationId(),
                Optional.of(plan.language()),
                plan.escalateAt().get(),
                risk.score(),
                risk.reasons(),
                category(risk)))
        .map(
            opened -> {
              stored.escalation = opened;
              return null;
            });
  }

  /** The weightiest indicator's category, other than asking for a person: what it is about. */
  private static Optional<String> category(ConversationRisk risk) {
    return risk.indicators().stream()
        .filter(i -> !RiskAssessment.ASKS_FOR_PERSON.equals(i.category()))
        .max(java.util.Comparator.comparingDouble(dev.selam.bot.risk.MatchedIndicator::weight))
        .map(dev.selam.bot.risk.MatchedIndicator::category);
  }

  /** Erases the person's data; returns what to delete in the chat (nothing when not erasing). */
  private Future<List<Long>> erase(
      SqlConnection tx,
      WriteBatch later,
      ContactState state,
      InboundMessage in,
      Plan plan,
      Stored stored) {
    if (!plan.erase()) {
      return Future.succeededFuture(List.of());
    }
    // the erasure reads and deletes the person's messages: the ones waiting in the batch included
    return later
        .flush(tx)
        .compose(v -> parts.erasure().erase(tx, state.contactId()))
        .map(
            erased -> {
              stored.erased = erased;
              List<Long> ids = new ArrayList<>(erased.deletableChannelMessageIds());
              if (in.channelMessageId() != null && !ids.contains(in.channelMessageId())) {
                ids.add(in.channelMessageId()); // the confirmation question itself
              }
              return ids;
            });
  }

  private Void enqueue(
      WriteBatch later,
      InboundMessage in,
      ContactState state,
      Plan plan,
      List<Long> deletions,
      Stored stored) {
    OutboxWriter.Recipient to =
        new OutboxWriter.Recipient(in.channel(), state.contactId(), state.conversationId());
    if (!deletions.isEmpty()) {
      parts.outbox().enqueue(later, to, new OutboundMessage.DeleteMessages(deletions), null);
    }
    for (OutboundMessage reply : plan.reply().messages()) {
      // After an erasure nothing more is kept: the confirmation is sent, not stored.
      String messageId = null;
      if (reply instanceof OutboundMessage.Text t && !plan.erase()) {
        messageId =
            parts
                .conversations()
                .storeMessage(later, state.conversationId(), "out", "bot", "text", t.html(), null);
        stored.messageIds.add(messageId);
      }
      parts.outbox().enqueue(later, to, reply, messageId);
    }
    return null;
  }

  private Future<Void> feedback(SqlConnection tx, ContactState state, InboundMessage in) {
    if (in.kind() != MessageKind.CALLBACK || in.callbackData() == null) {
      return Future.succeededFuture();
    }
    String[] fields = in.callbackData().split(":");
    if (fields.length != 4 || !fields[0].equals("fb")) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(
            "INSERT INTO feedback (id, conversation_id, topic, language, helpful, given_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .execute(
            Tuple.of(
                UUID.randomUUID().toString(),
                state.conversationId(),
                fields[1],
                fields[2],
                fields[3].equals("1"),
                OffsetDateTime.now(parts.clock()).withOffsetSameInstant(ZoneOffset.UTC)))
        .mapEmpty();
  }

  /** Tells the consoles what changed, after the commit: ids and kinds, never text. */
  private void announce(Stored stored) {
    if (stored.escalation != null) {
      parts.escalations().published(stored.escalation);
      log.atInfo()
          .addKeyValue("event", "dialogue.escalated")
          .addKeyValue("conversation", stored.conversationId)
          .addKeyValue("level", stored.escalation.escalation().level().id())
          .addKeyValue("change", stored.escalation.change())
          .log("conversation handed to a person");
    }
    if (stored.erased != null) {
      stored
          .erased
          .conversationIds()
          .forEach(
              id ->
                  parts
                      .events()
                      .publish(
                          EventAddresses.CONVERSATION_ERASED,
                          new JsonObject().put("conversationId", id)));
      return;
    }
    if (stored.watched) {
      for (String messageId : stored.messageIds) {
        parts
            .events()
            .publish(
                EventAddresses.CONVERSATION_MESSAGE,
                new JsonObject()
                    .put("conversationId", stored.conversationId)
                    .put("messageId", messageId));
      }
    }
  }

  private Optional<String> chosenLanguage(InboundMessage message) {
    if (message.kind() == MessageKind.CALLBACK
        && message.callbackData() != null
        && message.callbackData().startsWith("lang:")) {
      String language = message.callbackData().substring(5);
      return parts.messages().languages().contains(language)
          ? Optional.of(language)
          : Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean isPersonRequest(InboundMessage message) {
    return message.command().filter("person"::equals).isPresent()
        || Menus.PERSON.equals(message.callbackData());
  }

  /** Something the person wrote or sent, as opposed to a command or a button. */
  private static boolean isConversation(InboundMessage message) {
    return message.kind() != MessageKind.COMMAND && message.kind() != MessageKind.CALLBACK;
  }

  /** The words to assess for risk: a text, or a photo's caption. */
  private static String assessable(InboundMessage message) {
    return message.kind() == MessageKind.COMMAND || message.kind() == MessageKind.CALLBACK
        ? null
        : message.text();
  }
}
