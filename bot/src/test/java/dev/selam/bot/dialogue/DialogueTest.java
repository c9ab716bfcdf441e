package dev.selam.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.channel.MessageKind;
import dev.selam.bot.channel.OutboundCodec;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.channel.OutboxWriter;
import dev.selam.bot.i18n.Messages;
import dev.selam.bot.language.LanguageDetector;
import dev.selam.bot.language.LanguageSettings;
import dev.selam.bot.language.ReplyLanguage;
import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.crypto.DataKey;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.KeyRing;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.outbox.OutboxStore;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.TestDatabase;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.KnowledgeSettings;
import dev.selam.knowledge.article.ArticleStore;
import dev.selam.knowledge.gaps.UnansweredQuestions;
import dev.selam.knowledge.search.Calibration;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class DialogueTest {
  static final List<String> LANGUAGES = List.of("en", "tr", "ar", "ru", "fa", "uk");
  static ReplyLanguage replyLanguage;
  static Messages messages;

  @TempDir Path dataDir;
  TestDatabase testDb;
  Database db;
  KnowledgeBase kb;
  OutboxStore outbox;
  Dialogue dialogue;
  final AtomicLong updates = new AtomicLong(1);

  @BeforeAll
  static void languages() {
    LanguageSettings settings = new LanguageSettings(LANGUAGES, "en");
    replyLanguage = new ReplyLanguage(settings, LanguageDetector.create(settings));
    messages = Messages.load(LANGUAGES, "en");
  }

  @BeforeEach
  void start(Vertx vertx) {
    testDb = TestDatabase.create(dataDir);
    db = Database.open(vertx, testDb.settings()).await();
    Settings settings = Settings.of(Map.of("SELAM_DATA_DIR", dataDir.toString()));
    kb =
        KnowledgeBase.start(
                vertx,
                new ArticleStore(db.pool(), Clock.systemUTC()),
                KnowledgeSettings.from(settings, DataDirectory.from(settings)),
                Calibration.DEFAULT)
            .await();
    byte[] raw = new byte[32];
    new java.security.SecureRandom().nextBytes(raw);
    FieldCipher cipher = new FieldCipher(new KeyRing(List.of(DataKey.of("t", raw))));
    outbox = new OutboxStore(db.pool(), cipher, Clock.systemUTC());
    ConversationStore conversations =
        new ConversationStore(db.pool(), cipher, new Pseudonymizer(raw), Clock.systemUTC());
    dialogue =
        new Dialogue(
            db.pool(),
            conversations,
            new OutboxWriter(outbox),
            replyLanguage,
            messages,
            kb,
            new UnansweredQuestions(db.pool(), cipher, Clock.systemUTC()),
            30);
  }

  @AfterEach
  void stop() {
    kb.close();
    db.close();
    testDb.close();
  }

  InboundMessage message(MessageKind kind, String text, String callback) {
    return new InboundMessage(
        "telegram",
        "555001",
        updates.getAndIncrement(),
        updates.get(),
        kind,
        text,
        callback,
        callback == null ? null : "cb" + updates.get(),
        null,
        false,
        Instant.now());
  }

  /** Everything queued for the person, in order, taken the way the dispatcher takes it. */
  List<OutboundMessage.Text> replies() {
    List<OutboundMessage.Text> sent = new java.util.ArrayList<>();
    while (true) {
      var due = outbox.due("telegram", Instant.now().plusSeconds(3600), 100).await();
      if (due.isEmpty()) {
        return sent;
      }
      for (var entry : due) {
        if (OutboundCodec.decode(entry.kind(), entry.payload()) instanceof OutboundMessage.Text t) {
          sent.add(t);
        }
        outbox.markSent(entry, 1L).await();
      }
    }
  }

  @Test
  void startGreetsExplainsPrivacyOffersLanguagesAndTheMenu() {
    dialogue.handle(message(MessageKind.COMMAND, "/start", null)).await();

    List<OutboundMessage.Text> replies = replies();
    assertThat(replies).hasSize(4);
    assertThat(replies.get(0).html())
        .isEqualTo(OutboundMessage.escape(messages.text("en", "greeting")));
    assertThat(replies.get(1).html()).contains("30");
    assertThat(replies.get(2).buttons().stream().flatMap(List::stream))
        .extracting(OutboundMessage.Button::callbackData)
        .contains("lang:ar", "lang:uk");
    assertThat(replies.get(3).buttons().stream().flatMap(List::stream)).hasSize(6);
  }

  @Test
  void questionInTurkishIsAnsweredWithTheTurkishArticleAndFeedbackButtons() {
    dialogue
        .handle(message(MessageKind.TEXT, "Pasaportumu kaybettim, yenisini nasıl alırım?", null))
        .await();

    List<OutboundMessage.Text> replies = replies();
    assertThat(replies).isNotEmpty();
    OutboundMessage.Text last = replies.get(replies.size() - 1);
    String turkishTitle = kb.article("lost-documents", "tr").await().orElseThrow().title();
    assertThat(replies.get(0).html()).contains(OutboundMessage.escape(turkishTitle));
    assertThat(last.buttons().get(0))
        .extracting(OutboundMessage.Button::callbackData)
        .containsExactly("fb:lost-documents:tr:1", "fb:lost-documents:tr:0");
  }

  @Test
  void chosenLanguageStaysForShortMessages() {
    dialogue.handle(message(MessageKind.CALLBACK, null, "lang:ar")).await();
    dialogue.handle(message(MessageKind.TEXT, "ok", null)).await();

    List<OutboundMessage.Text> replies = replies();
    assertThat(replies.get(0).html())
        .isEqualTo(OutboundMessage.escape(messages.text("ar", "language.set")));
    assertThat(replies.get(replies.size() - 1).html()).doesNotContain("Sorry");
  }

  @Test
  void outOfScopeQuestionSaysSoAndIsRecordedForEditors() {
    dialogue
        .handle(message(MessageKind.TEXT, "who won the football match yesterday", null))
        .await();

    List<OutboundMessage.Text> replies = replies();
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0).buttons().stream().flatMap(List::stream))
        .extracting(OutboundMessage.Button::callbackData)
        .contains("person");
    assertThat(new UnansweredQuestions(db.pool(), null, Clock.systemUTC()).count().await())
        .isEqualTo(1);
  }

  @Test
  void photoGetsThePoliteTextOnlyNotice() {
    dialogue.handle(message(MessageKind.PHOTO, null, null)).await();

    assertThat(replies())
        .singleElement()
        .extracting(OutboundMessage.Text::html)
        .isEqualTo(OutboundMessage.escape(messages.text("en", "media.unsupported")));
  }

  @Test
  void feedbackIsStored() throws Exception {
    dialogue.handle(message(MessageKind.CALLBACK, null, "fb:shelter:en:1")).await();

    try (var c = testDb.connect();
        var rs = c.createStatement().executeQuery("SELECT topic, helpful FROM feedback")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("shelter");
      assertThat(rs.getBoolean(2)).isTrue();
    }
  }

  @Test
  void markupInAnArticleIsEscapedButFormattingKept() {
    String html =
        ArticleHtml.render(
            "A <b> & title", "Call **112**.\n\n<script>alert(1)</script>\n\n- one\n- two");
    assertThat(html)
        .startsWith("<b>A &lt;b&gt; &amp; title</b>")
        .contains("<b>112</b>")
        .contains("&lt;script&gt;")
        .doesNotContain("<script>")
        .contains("• one");
    assertThat(ArticleHtml.split("x".repeat(5000) + "\n\n" + "y".repeat(10)))
        .allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(ArticleHtml.MAX_PART));
  }
}
