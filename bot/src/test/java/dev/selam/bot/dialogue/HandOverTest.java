package dev.selam.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.bot.channel.MessageKind;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.core.escalation.Escalation;
import dev.selam.core.escalation.HotlineHours;
import dev.selam.core.events.EventAddresses;
import dev.selam.core.identity.Role;
import dev.selam.core.risk.RiskLevel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Risk, escalation, "talk to a person", relaying to an operator and floods, in the dialogue. */
@ExtendWith(VertxExtension.class)
class HandOverTest {
  static final String DANGER = "they don't let us go out of the flat";
  static final String MEDIUM = "I work 14 hours every day with no day off";

  @TempDir Path dataDir;
  DialogueFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  DialogueFixture open(Vertx vertx) {
    fixture = new DialogueFixture(vertx, dataDir);
    return fixture;
  }

  Escalation escalation() {
    String conversation =
        fixture.conversations.state("telegram", "555001").await().orElseThrow().conversationId();
    return fixture.escalations.openFor(conversation).await().orElseThrow();
  }

  @Test
  void dangerGetsTheSafetyMessageAtOnceAndOpensAHighEscalation(Vertx vertx) {
    open(vertx);
    List<JsonObject> opened = new CopyOnWriteArrayList<>();
    vertx
        .eventBus()
        .<JsonObject>consumer(EventAddresses.ESCALATION_OPENED, m -> opened.add(m.body()));

    fixture.say(DANGER);

    List<OutboundMessage.Text> replies = fixture.replies();
    assertThat(replies.get(0).html()).isEqualTo(fixture.text("en", "safety.high"));
    assertThat(replies.get(0).html()).contains("112").contains("157").contains("183");
    // nobody is signed in to the console: the person is told so, honestly
    assertThat(replies)
        .extracting(OutboundMessage.Text::html)
        .contains(fixture.text("en", "person.unstaffed"));
    Escalation escalation = escalation();
    assertThat(escalation.level()).isEqualTo(RiskLevel.HIGH);
    assertThat(escalation.language()).contains("en");
    assertThat(escalation.reasons().encode()).contains("confinement", "\"go\"");
    var state = fixture.conversations.state("telegram", "555001").await().orElseThrow();
    assertThat(state.conversationState()).isEqualTo("queued");
    assertThat(state.riskLevel()).isEqualTo(RiskLevel.HIGH);
    eventually(() -> assertThat(opened).isNotEmpty());
    assertThat(opened.get(0).encode()).contains("confinement").doesNotContain("\"go\"");
  }

  @Test
  void theSafetyMessageComesOnceAndTheBotKeepsAnsweringQuestionsWhileQueued(Vertx vertx) {
    open(vertx);
    fixture.say(DANGER);
    fixture.replies();

    fixture.say("How can I get a residence permit?");

    List<OutboundMessage.Text> replies = fixture.replies();
    assertThat(replies)
        .extracting(OutboundMessage.Text::html)
        .doesNotContain(fixture.text("en", "safety.high"));
    assertThat(replies.get(replies.size() - 1).buttons().get(0).get(0).callbackData())
        .startsWith("fb:");
  }

  @Test
  void mediumRiskAnswersAndOffersAPersonWithoutEscalating(Vertx vertx) {
    open(vertx);
    fixture.say(MEDIUM);

    List<OutboundMessage.Text> replies = fixture.replies();
    OutboundMessage.Text offer = replies.get(replies.size() - 1);
    assertThat(offer.html()).isEqualTo(fixture.text("en", "risk.offer_person"));
    assertThat(offer.buttons().get(0).get(0).callbackData()).isEqualTo("person");
    var state = fixture.conversations.state("telegram", "555001").await().orElseThrow();
    assertThat(state.riskLevel()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(state.conversationState()).isEqualTo("bot");
  }

  @Test
  void riskAddsUpOverMessagesAndRaisesTheOpenEscalation(Vertx vertx) {
    open(vertx);
    fixture.dialogue.handle(fixture.message(MessageKind.COMMAND, "/person", null)).await();
    assertThat(escalation().level()).isEqualTo(RiskLevel.MEDIUM);

    fixture.say(DANGER);

    assertThat(escalation().level()).isEqualTo(RiskLevel.HIGH);
  }

  @Test
  void talkToAPersonQueuesWhenAnOperatorIsOnDuty(Vertx vertx) {
    open(vertx);
    var operator = fixture.identity.create("leyla", Role.OPERATOR);
    signIn(operator.account().id());

    fixture.dialogue.handle(fixture.message(MessageKind.CALLBACK, null, "person")).await();

    assertThat(fixture.replies())
        .extracting(OutboundMessage.Text::html)
        .containsExactly(fixture.text("en", "person.queued"));
    assertThat(escalation().level()).isEqualTo(RiskLevel.MEDIUM);
  }

  @Test
  void outOfHoursThePersonIsToldWhenTheLineOpens(Vertx vertx) {
    java.time.DayOfWeek other = java.time.LocalDate.now(ZoneOffset.UTC).plusDays(3).getDayOfWeek();
    String day = other.getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
    fixture =
        new DialogueFixture(
            vertx, dataDir, HotlineHours.parse(day + " 09:00-17:00", ZoneOffset.UTC));

    fixture.dialogue.handle(fixture.message(MessageKind.COMMAND, "/person", null)).await();

    String reply = fixture.replies().get(0).html();
    assertThat(reply)
        .contains(other.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH))
        .contains("112");
    assertThat(escalation().level()).isEqualTo(RiskLevel.MEDIUM);
  }

  @Test
  void hoursAndRetentionChangedWhileRunningAreUsedOnTheNextMessage(Vertx vertx) {
    // given the line is open only on a day three days away, and text is kept 30 days
    java.time.DayOfWeek other = java.time.LocalDate.now(ZoneOffset.UTC).plusDays(3).getDayOfWeek();
    String day = other.getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
    AtomicReference<HotlineHours> hours =
        new AtomicReference<>(HotlineHours.parse(day + " 09:00-17:00", ZoneOffset.UTC));
    AtomicReference<Duration> retention = new AtomicReference<>(Duration.ofDays(30));
    fixture =
        new DialogueFixture(
            vertx,
            dataDir,
            () -> Future.succeededFuture(hours.get()),
            () -> Future.succeededFuture(retention.get()));
    fixture.dialogue.handle(fixture.message(MessageKind.COMMAND, "/person", null)).await();
    assertThat(fixture.replies().get(0).html())
        .contains(other.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH));

    // when an admin opens the line around the clock and keeps text 45 days instead
    hours.set(HotlineHours.always(ZoneOffset.UTC));
    retention.set(Duration.ofDays(45));

    // then the next hand-over says nobody is there yet (no operator signed in), not "closed"
    fixture.dialogue.handle(fixture.message(MessageKind.COMMAND, "/person", null)).await();
    assertThat(fixture.replies())
        .extracting(OutboundMessage.Text::html)
        .contains(fixture.text("en", "person.unstaffed"));
    // and the privacy notice names the new period
    fixture.dialogue.handle(fixture.message(MessageKind.COMMAND, "/start", null)).await();
    assertThat(fixture.replies().get(1).html()).contains("45").doesNotContain("30");
  }

  @Test
  void withAnOperatorMessagesAreRelayedAndTheBotStaysQuiet(Vertx vertx) {
    open(vertx);
    var operator = fixture.identity.create("leyla", Role.OPERATOR);
    fixture.dialogue.handle(fixture.message(MessageKind.COMMAND, "/person", null)).await();
    fixture.replies();
    fixture.escalations.claim(escalation().id(), operator.account().id()).await().orElseThrow();
    List<JsonObject> relayed = new CopyOnWriteArrayList<>();
    vertx
        .eventBus()
        .<JsonObject>consumer(EventAddresses.CONVERSATION_MESSAGE, m -> relayed.add(m.body()));

    fixture.say("How can I get a residence permit?");
    fixture.dialogue.handle(fixture.message(MessageKind.PHOTO, "my contract", null)).await();

    assertThat(fixture.replies()).isEmpty();
    eventually(() -> assertThat(relayed).hasSize(2));
    assertThat(relayed.get(0).encode()).doesNotContain("residence");
    String conversation = relayed.get(0).getString("conversationId");
    assertThat(fixture.conversations.texts(conversation).await())
        .contains("How can I get a residence permit?", "my contract");
  }

  @Test
  void operatorJoiningAndLeavingIsToldToThePersonInTheirLanguage(Vertx vertx) {
    open(vertx);
    new OperatorNotices(
            fixture.identity.db.pool(),
            fixture.conversations,
            fixture.identity.accounts(),
            new dev.selam.bot.channel.OutboxWriter(fixture.outbox),
            DialogueFixture.messages)
        .listen(vertx.eventBus());
    var operator = fixture.identity.create("leyla", Role.OPERATOR);
    fixture.dialogue.handle(fixture.message(MessageKind.CALLBACK, null, "lang:tr")).await();
    fixture.dialogue.handle(fixture.message(MessageKind.COMMAND, "/person", null)).await();
    fixture.replies();

    fixture.escalations.claim(escalation().id(), operator.account().id()).await().orElseThrow();

    List<OutboundMessage.Text> told = new CopyOnWriteArrayList<>();
    eventually(
        () -> {
          told.addAll(fixture.replies());
          assertThat(told)
              .extracting(OutboundMessage.Text::html)
              .singleElement()
              .asString()
              .contains(operator.account().displayName())
              .contains("sohbete katıldı");
        });
  }

  @Test
  void aFloodGetsOneSlowDownNoticeAndEveryMessageIsKept(Vertx vertx) throws Exception {
    open(vertx);
    int messages = FloodGuard.MAX_MESSAGES + 4;
    for (int i = 0; i < messages; i++) {
      fixture.say("question number " + i + " about health insurance");
    }

    List<OutboundMessage.Text> replies = fixture.replies();
    assertThat(replies)
        .extracting(OutboundMessage.Text::html)
        .filteredOn(html -> html.equals(fixture.text("en", "rate.slow_down")))
        .hasSize(1);
    assertThat(replies.get(replies.size() - 1).html())
        .isEqualTo(fixture.text("en", "rate.slow_down"));
    try (var c = fixture.identity.testDb.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT COUNT(*) FROM message WHERE direction = 'in'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(messages);
    }
  }

  @Test
  void dangerInAFloodStillGetsTheSafetyMessage(Vertx vertx) {
    open(vertx);
    for (int i = 0; i < FloodGuard.MAX_MESSAGES + 2; i++) {
      fixture.say("hello " + i);
    }
    fixture.replies();

    fixture.say(DANGER);

    assertThat(fixture.replies())
        .extracting(OutboundMessage.Text::html)
        .contains(fixture.text("en", "safety.high"));
  }

  private void signIn(String staffId) {
    java.time.OffsetDateTime now =
        java.time.OffsetDateTime.now(fixture.identity.clock).withOffsetSameInstant(ZoneOffset.UTC);
    fixture
        .identity
        .db
        .pool()
        .preparedQuery(
            "INSERT INTO staff_session (token_hash, staff_id, created_at, last_seen_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .execute(io.vertx.sqlclient.Tuple.of("h-" + staffId, staffId, now, now, now.plusHours(8)))
        .await();
  }

  /** Events arrive on the event loop: the assertion holds within a few seconds, or fails. */
  static void eventually(Runnable assertion) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
