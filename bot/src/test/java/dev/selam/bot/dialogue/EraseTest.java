package dev.selam.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.bot.channel.MessageKind;
import dev.selam.bot.channel.OutboundMessage;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** "/erase": the chat's messages deleted, the person's data gone, statistics kept. */
@ExtendWith(VertxExtension.class)
class EraseTest {
  @TempDir Path dataDir;
  DialogueFixture fixture;

  @BeforeEach
  void start(Vertx vertx) {
    fixture = new DialogueFixture(vertx, dataDir);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void eraseAsksFirstAndCancelKeepsEverything() throws Exception {
    fixture.say("How can I get a residence permit?");
    fixture.dialogue.handle(fixture.message(MessageKind.COMMAND, "/erase", null)).await();
    OutboundMessage.Text question = fixture.replies().getLast();
    assertThat(question.buttons().get(0))
        .extracting(OutboundMessage.Button::callbackData)
        .containsExactly(Dialogue.ERASE_YES, Dialogue.ERASE_NO);

    fixture.dialogue.handle(fixture.message(MessageKind.CALLBACK, null, Dialogue.ERASE_NO)).await();

    assertThat(fixture.replies().getLast().html()).isEqualTo(fixture.text("en", "erase.cancelled"));
    assertThat(count("SELECT COUNT(*) FROM message WHERE body IS NOT NULL")).isGreaterThan(2);
  }

  @Test
  void eraseDeletesTheChatBothWaysAndEveryTraceOfThePerson() throws Exception {
    fixture.say("who won the football match yesterday"); // unanswered: kept for editors
    fixture.say(HandOverTest.DANGER); // an escalation with the person's words
    fixture.dialogue.handle(fixture.message(MessageKind.COMMAND, "/erase", null)).await();
    fixture.replies();
    List<Long> inChat =
        longs("SELECT channel_message_id FROM message WHERE channel_message_id IS NOT NULL");
    assertThat(inChat).hasSizeGreaterThan(5);
    String conversation =
        fixture.conversations.state("telegram", "555001").await().orElseThrow().conversationId();

    var confirm = fixture.message(MessageKind.CALLBACK, null, Dialogue.ERASE_YES);
    fixture.dialogue.handle(confirm).await();

    List<OutboundMessage> sent = fixture.sent();
    List<Long> deleted = new ArrayList<>();
    sent.stream()
        .filter(OutboundMessage.DeleteMessages.class::isInstance)
        .forEach(m -> deleted.addAll(((OutboundMessage.DeleteMessages) m).channelMessageIds()));
    assertThat(deleted).containsAll(inChat).contains(confirm.channelMessageId());
    OutboundMessage.Text done = (OutboundMessage.Text) sent.getLast();
    assertThat(done.html()).isEqualTo(fixture.text("en", "erase.done"));
    assertThat(done.deleteAfter()).isEqualTo(Dialogue.ERASE_CONFIRMATION_KEPT);

    assertThat(count("SELECT COUNT(*) FROM message WHERE body IS NOT NULL")).isZero();
    assertThat(count("SELECT COUNT(*) FROM unanswered_question")).isZero();
    assertThat(count("SELECT COUNT(*) FROM escalation WHERE reasons IS NOT NULL")).isZero();
    assertThat(count("SELECT COUNT(*) FROM escalation WHERE outcome = 'erased-by-person'"))
        .isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE payload <> ''")).isZero();
    assertThat(count("SELECT COUNT(*) FROM conversation WHERE state <> 'closed'")).isZero();
    assertThat(fixture.conversations.state("telegram", "555001").await()).isEmpty();
    assertThat(fixture.conversations.texts(conversation).await()).isEmpty();

    // the chat reference goes once nothing is left to deliver
    assertThat(fixture.erasure.forgetFinished().await()).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM contact WHERE chat_ref IS NOT NULL")).isZero();
  }

  @Test
  void writingAgainAfterAnErasureStartsAfresh() throws Exception {
    fixture.dialogue.handle(fixture.message(MessageKind.CALLBACK, null, "lang:ru")).await();
    fixture
        .dialogue
        .handle(fixture.message(MessageKind.CALLBACK, null, Dialogue.ERASE_YES))
        .await();
    fixture.replies();

    fixture.dialogue.handle(fixture.message(MessageKind.COMMAND, "/start", null)).await();

    var state = fixture.conversations.state("telegram", "555001").await().orElseThrow();
    assertThat(state.languageChosen()).isFalse();
    assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(2);
    // a first contact again: the language choice is offered
    assertThat(fixture.replies())
        .anySatisfy(t -> assertThat(t.buttons().toString()).contains("lang:ar"));
  }

  private long count(String sql) throws Exception {
    try (Connection c = fixture.identity.testDb.connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<Long> longs(String sql) throws Exception {
    List<Long> values = new ArrayList<>();
    try (Connection c = fixture.identity.testDb.connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values;
  }
}
