package dev.selam.server;

import dev.selam.bot.channel.OutboxWriter;
import dev.selam.bot.dialogue.Dialogue;
import dev.selam.bot.i18n.Messages;
import dev.selam.bot.language.LanguageSettings;
import dev.selam.bot.language.ReplyLanguage;
import dev.selam.bot.risk.RiskAssessor;
import dev.selam.bot.risk.RiskSettings;
import dev.selam.core.config.Settings;
import dev.selam.core.conversation.ConversationErasure;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.crypto.Keys;
import dev.selam.core.escalation.CurrentHours;
import dev.selam.core.escalation.EscalationStore;
import dev.selam.core.escalation.OperatorsOnDuty;
import dev.selam.core.outbox.OutboxStore;
import dev.selam.core.retention.CurrentRetention;
import dev.selam.core.storage.Database;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.gaps.UnansweredQuestions;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Builds the dialogue every channel hands messages to (Telegram, the terminal chat) with what it
 * works with: risk indicators, escalations, hotline hours, erasure, the knowledge base.
 */
public final class DialogueWiring {
  private DialogueWiring() {}

  public static Dialogue create(
      Vertx vertx,
      Settings settings,
      Database database,
      Keys keys,
      ConversationStore conversations,
      ReplyLanguage replyLanguage,
      Messages messages,
      LanguageSettings languages,
      KnowledgeBase knowledge,
      CurrentHours hours,
      CurrentRetention retention) {
    Clock clock = Clock.systemUTC();
    return new Dialogue(
        new Dialogue.Parts(
            database,
            conversations,
            new ConversationErasure(database.pool(), clock),
            new EscalationStore(database.pool(), keys.cipher(), vertx.eventBus(), clock),
            new OperatorsOnDuty(database.pool(), clock),
            hours,
            new OutboxWriter(new OutboxStore(database.pool(), keys.cipher(), clock)),
            replyLanguage,
            messages,
            knowledge,
            new UnansweredQuestions(database.pool(), keys.cipher(), clock),
            RiskAssessor.load(languages.languages(), RiskSettings.from(settings)),
            vertx.eventBus(),
            clock,
            retention));
  }
}
