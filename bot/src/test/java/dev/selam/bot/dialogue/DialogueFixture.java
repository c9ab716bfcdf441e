package dev.selam.bot.dialogue;

import dev.selam.bot.channel.HandledMark;
import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.channel.MessageKind;
import dev.selam.bot.channel.OutboundCodec;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.channel.OutboxWriter;
import dev.selam.bot.i18n.Messages;
import dev.selam.bot.language.LanguageDetector;
import dev.selam.bot.language.LanguageSettings;
import dev.selam.bot.language.ReplyLanguage;
import dev.selam.bot.risk.RiskAssessor;
import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.core.conversation.ConversationErasure;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.escalation.CurrentHours;
import dev.selam.core.escalation.EscalationStore;
import dev.selam.core.escalation.HotlineHours;
import dev.selam.core.escalation.OperatorsOnDuty;
import dev.selam.core.identity.IdentityFixture;
import dev.selam.core.inbound.InboundUpdates;
import dev.selam.core.inbound.UpdateReceipts;
import dev.selam.core.outbox.OutboxStore;
import dev.selam.core.retention.CurrentRetention;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.KnowledgeSettings;
import dev.selam.knowledge.article.ArticleStore;
import dev.selam.knowledge.gaps.UnansweredQuestions;
import dev.selam.knowledge.search.Calibration;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dialogue over a real database (H2 or PostgreSQL), the real seed knowledge base, the real risk
 * indicators and language models, and staff identity: what every dialogue test starts from. The
 * outbox is read back the way the dispatcher reads it.
 */
final class DialogueFixture implements AutoCloseable {
  static final List<String> LANGUAGES = List.of("en", "tr", "ar", "ru", "fa", "uk");
  private static ReplyLanguage replyLanguage;
  private static RiskAssessor risk;
  static final Messages messages = Messages.load(LANGUAGES, "en");

  final IdentityFixture identity;
  final KnowledgeBase kb;
  final FieldCipher cipher = IdentityFixture.cipher();
  final OutboxStore outbox;
  final ConversationStore conversations;
  final EscalationStore escalations;
  final ConversationErasure erasure;
  final Dialogue dialogue;
  private final AtomicLong updates = new AtomicLong(1);
  private final UpdateReceipts receipts = new UpdateReceipts(java.time.Clock.systemUTC());
  private final AtomicLong sentIds = new AtomicLong(9000);

  DialogueFixture(Vertx vertx, Path dataDir) {
    this(vertx, dataDir, HotlineHours.always(ZoneOffset.UTC));
  }

  DialogueFixture(Vertx vertx, Path dataDir, HotlineHours hours) {
    this(vertx, dataDir, hours, CurrentRetention.fixed(java.time.Duration.ofDays(30)));
  }

  /** With hours and a retention period that may change while the dialogue runs. */
  DialogueFixture(Vertx vertx, Path dataDir, CurrentHours hours, CurrentRetention retention) {
    synchronized (DialogueFixture.class) {
      if (replyLanguage == null) {
        LanguageSettings settings = new LanguageSettings(LANGUAGES, "en");
        replyLanguage = new ReplyLanguage(settings, LanguageDetector.create(settings));
        risk = RiskAssessor.load(LANGUAGES);
      }
    }
    identity = new IdentityFixture(vertx, dataDir);
    Settings settings = Settings.of(Map.of("SELAM_DATA_DIR", dataDir.toString()));
    kb =
        KnowledgeBase.start(
                vertx,
                new ArticleStore(identity.db.pool(), identity.clock),
                KnowledgeSettings.from(settings, DataDirectory.from(settings)),
                Calibration.DEFAULT)
            .await();
    byte[] pseudonymKey = new byte[32];
    new java.security.SecureRandom().nextBytes(pseudonymKey);
    outbox = new OutboxStore(identity.db.pool(), cipher, identity.clock);
    conversations =
        new ConversationStore(
            identity.db.pool(), cipher, new Pseudonymizer(pseudonymKey), identity.clock);
    escalations = new EscalationStore(identity.db.pool(), cipher, vertx.eventBus(), identity.clock);
    erasure = new ConversationErasure(identity.db.pool(), identity.clock);
    dialogue =
        new Dialogue(
            new Dialogue.Parts(
                identity.db,
                conversations,
                erasure,
                escalations,
                new OperatorsOnDuty(identity.db.pool(), identity.clock),
                hours,
                new OutboxWriter(outbox),
                replyLanguage,
                messages,
                kb,
                new UnansweredQuestions(identity.db.pool(), cipher, identity.clock),
                risk,
                vertx.eventBus(),
                identity.clock,
                retention));
  }

  /** A message from chat {@code chat}; the channel message id grows with every update. */
  InboundMessage from(String chat, MessageKind kind, String text, String callback) {
    long update = updates.getAndIncrement();
    return new InboundMessage(
        "telegram",
        chat,
        update,
        update,
        kind,
        text,
        callback,
        callback == null ? null : "cb" + update,
        null,
        false,
        identity.clock.instant(),
        // as Telegram's channel marks the update it stored
        HandledMark.storedUpdate(receipts, "telegram", update));
  }

  InboundMessage message(MessageKind kind, String text, String callback) {
    return from("555001", kind, text, callback);
  }

  void say(String text) {
    dialogue.handle(message(MessageKind.TEXT, text, null)).await();
  }

  /** Stores the update a message came in, as the Telegram webhook does before handling it. */
  void storeUpdate(InboundMessage message) {
    new InboundUpdates(identity.db.pool(), cipher, identity.clock)
        .store(message.channel(), message.updateId(), "{}")
        .await();
  }

  long count(String sql) {
    return identity.db.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  /** Everything due for people, in order, marked sent as the dispatcher would (with new ids). */
  List<OutboundMessage> sent() {
    List<OutboundMessage> sent = new ArrayList<>();
    while (true) {
      var due = outbox.due("telegram", Instant.now().plusSeconds(3600), 100).await();
      if (due.isEmpty()) {
        return sent;
      }
      for (var entry : due) {
        OutboundMessage message = OutboundCodec.decode(entry.kind(), entry.payload());
        sent.add(message);
        outbox
            .markSent(
                entry, message instanceof OutboundMessage.Text ? sentIds.getAndIncrement() : null)
            .await();
      }
    }
  }

  /** The texts of {@link #sent()}. */
  List<OutboundMessage.Text> replies() {
    return sent().stream()
        .filter(OutboundMessage.Text.class::isInstance)
        .map(OutboundMessage.Text.class::cast)
        .toList();
  }

  String text(String language, String key) {
    return OutboundMessage.escape(messages.text(language, key));
  }

  @Override
  public void close() {
    kb.close();
    identity.close();
  }
}
