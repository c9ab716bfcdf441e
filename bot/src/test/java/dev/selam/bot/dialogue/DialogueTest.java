package dev.selam.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.channel.MessageKind;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.i18n.Messages;
import dev.selam.knowledge.KnowledgeBase;
import dev.selam.knowledge.gaps.UnansweredQuestions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class DialogueTest {
  static final Messages messages = DialogueFixture.messages;

  @TempDir Path dataDir;
  DialogueFixture fixture;
  KnowledgeBase kb;
  Dialogue dialogue;

  @BeforeEach
  void start(Vertx vertx) {
    fixture = new DialogueFixture(vertx, dataDir);
    kb = fixture.kb;
    dialogue = fixture.dialogue;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  InboundMessage message(MessageKind kind, String text, String callback) {
    return fixture.message(kind, text, callback);
  }

  List<OutboundMessage.Text> replies() {
    return fixture.replies();
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
  void anUpdateHandledAgainAfterItsCommitIsNotAnsweredTwice() {
    // given an update Telegram delivered, stored as the webhook stores it, and handled
    InboundMessage question = message(MessageKind.TEXT, "how do I get a residence permit", null);
    fixture.storeUpdate(question);
    dialogue.handle(question).await();
    int answered = replies().size();
    long stored = fixture.count("SELECT COUNT(*) FROM message");

    // when it is handled again (a retry after the commit, or a crash before a separate mark)
    dialogue.handle(question).await();

    // then nothing more is stored or sent
    assertThat(answered).isPositive();
    assertThat(replies()).isEmpty();
    assertThat(fixture.count("SELECT COUNT(*) FROM message")).isEqualTo(stored);
    assertThat(
            fixture.count(
                "SELECT COUNT(*) FROM inbound_update WHERE handled_at IS NOT NULL"
                    + " AND outcome = 'handled'"))
        .isEqualTo(1);
  }

  @Test
  void messagesOfManyChatsHandledAtOnceAreEachStoredAndAnsweredOnce() {
    List<io.vertx.core.Future<Void>> handled = new java.util.ArrayList<>();
    for (int chat = 0; chat < 40; chat++) {
      handled.add(dialogue.handle(fixture.from("77" + chat, MessageKind.COMMAND, "/menu", null)));
    }
    io.vertx.core.Future.all(handled).await();

    var rows =
        fixture
            .identity
            .db
            .pool()
            .query(
                "SELECT COUNT(*), COUNT(DISTINCT contact_id) FROM outbox WHERE kind ="
                    + " 'send_message'")
            .execute()
            .await()
            .iterator()
            .next();
    assertThat(rows.getLong(0)).isEqualTo(40);
    assertThat(rows.getLong(1)).isEqualTo(40);
    assertThat(
            fixture
                .identity
                .db
                .pool()
                .query("SELECT COUNT(*) FROM message WHERE direction = 'in'")
                .execute()
                .await()
                .iterator()
                .next()
                .getLong(0))
        .isEqualTo(40);
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
    assertThat(
            new UnansweredQuestions(fixture.identity.db.pool(), null, Clock.systemUTC())
                .count()
                .await())
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

    try (var c = fixture.identity.testDb.connect();
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
