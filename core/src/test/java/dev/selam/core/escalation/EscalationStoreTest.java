package dev.selam.core.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.crypto.DataKey;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.KeyRing;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.events.EventAddresses;
import dev.selam.core.risk.RiskLevel;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class EscalationStoreTest {
  static final JsonArray REASONS =
      new JsonArray()
          .add(
              new JsonObject()
                  .put("indicator", "documents-taken")
                  .put("category", "trafficking-labour")
                  .put("words", new JsonArray().add("took").add("passport")));

  @TempDir Path tempDir;
  TestDatabase testDb;
  Database db;
  ConversationStore conversations;
  EscalationStore escalations;
  SteppingClock clock = new SteppingClock();
  List<JsonObject> events = new CopyOnWriteArrayList<>();
  List<String> addresses = new CopyOnWriteArrayList<>();
  AtomicInteger chat = new AtomicInteger(1000);

  /** A clock that moves one minute each time it is read, so waiting times differ. */
  static final class SteppingClock extends Clock {
    Instant now = Instant.parse("2026-03-02T08:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plus(Duration.ofMinutes(1));
      return now;
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    testDb = TestDatabase.create(tempDir);
    db = Database.open(vertx, testDb.settings()).await();
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    FieldCipher cipher = new FieldCipher(new KeyRing(List.of(DataKey.of("t1", raw))));
    conversations = new ConversationStore(db.pool(), cipher, new Pseudonymizer(raw), clock);
    escalations = new EscalationStore(db.pool(), cipher, vertx.eventBus(), clock);
    for (String address :
        List.of(
            EventAddresses.ESCALATION_OPENED,
            EventAddresses.ESCALATION_RAISED,
            EventAddresses.ESCALATION_CLAIMED,
            EventAddresses.ESCALATION_RELEASED,
            EventAddresses.ESCALATION_TRANSFERRED,
            EventAddresses.ESCALATION_CLOSED)) {
      vertx
          .eventBus()
          .<JsonObject>consumer(address)
          .handler(
              message -> {
                addresses.add(message.address());
                events.add(message.body());
              })
          .completion()
          .await();
    }
  }

  @AfterEach
  void tearDown() {
    db.close();
    testDb.close();
  }

  String conversation() {
    return conversations
        .recordInbound("telegram", String.valueOf(chat.incrementAndGet()), "a message")
        .await()
        .conversationId();
  }

  EscalationStore.Opened open(String conversation, String language, RiskLevel level, double score) {
    return escalations
        .open(
            new EscalationRequest(
                conversation,
                Optional.ofNullable(language),
                level,
                score,
                REASONS,
                Optional.of("trafficking-labour")))
        .await();
  }

  /** Events arrive on the event loop, a moment after the store's future completes. */
  static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  String state(String conversationId) throws Exception {
    try (Connection c = testDb.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT state FROM conversation WHERE id = '" + conversationId + "'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void openingTwiceKeepsOneEscalationAndAHigherLevelRaisesIt() throws Exception {
    String conversation = conversation();
    EscalationStore.Opened first = open(conversation, "ar", RiskLevel.MEDIUM, 2);
    EscalationStore.Opened again = open(conversation, "ar", RiskLevel.MEDIUM, 2);
    EscalationStore.Opened lower = open(conversation, "ar", RiskLevel.MEDIUM, 1);
    EscalationStore.Opened raised = open(conversation, "ar", RiskLevel.HIGH, 5);

    assertThat(first.change()).isEqualTo(EscalationStore.Change.OPENED);
    assertThat(again.change()).isEqualTo(EscalationStore.Change.UNCHANGED);
    assertThat(lower.change()).isEqualTo(EscalationStore.Change.UNCHANGED);
    assertThat(raised.change()).isEqualTo(EscalationStore.Change.RAISED);
    assertThat(raised.escalation().id()).isEqualTo(first.escalation().id());
    assertThat(raised.escalation().level()).isEqualTo(RiskLevel.HIGH);
    assertThat(raised.escalation().openedAt()).isEqualTo(first.escalation().openedAt());
    assertThat(escalations.queue(Set.of("ar"), Set.of("ar"), 10).await()).hasSize(1);
    assertThat(state(conversation)).isEqualTo("queued");
  }

  @Test
  void concurrentOpensOfOneConversationMakeOneEscalation() {
    String conversation = conversation();
    List<Future<EscalationStore.Opened>> opens = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      opens.add(
          escalations.open(
              new EscalationRequest(
                  conversation, Optional.of("en"), RiskLevel.HIGH, 4, REASONS, Optional.empty())));
    }
    Future.all(opens).await();
    assertThat(opens.stream().map(f -> f.result().escalation().id()).distinct()).hasSize(1);
    assertThat(opens.stream().filter(f -> f.result().change() == EscalationStore.Change.OPENED))
        .hasSize(1);
  }

  @Test
  void queueIsOrderedByLevelThenScoreThenWaitingTime() {
    String oldMedium = open(conversation(), "en", RiskLevel.MEDIUM, 2).escalation().id();
    String lowHigh = open(conversation(), "en", RiskLevel.HIGH, 4).escalation().id();
    String newMedium = open(conversation(), "en", RiskLevel.MEDIUM, 2).escalation().id();
    String strongHigh = open(conversation(), "en", RiskLevel.HIGH, 9).escalation().id();
    String strongMedium = open(conversation(), "en", RiskLevel.MEDIUM, 3).escalation().id();

    List<String> order =
        escalations.queue(Set.of("en"), Set.of("en"), 10).await().stream()
            .map(Escalation::id)
            .toList();

    assertThat(order).containsExactly(strongHigh, lowHigh, strongMedium, oldMedium, newMedium);
    assertThat(escalations.queue(Set.of("en"), Set.of("en"), 2).await()).hasSize(2);
  }

  @Test
  void operatorIsOfferedOnlyLanguagesTheySpeakUnlessNobodyOnDutySpeaksIt() {
    String arabic = open(conversation(), "ar", RiskLevel.HIGH, 4).escalation().id();
    String russian = open(conversation(), "ru", RiskLevel.HIGH, 4).escalation().id();
    String kurdish = open(conversation(), "ku", RiskLevel.MEDIUM, 2).escalation().id();
    String unknown = open(conversation(), null, RiskLevel.MEDIUM, 2).escalation().id();
    Set<String> onDuty = Set.of("ar", "tr", "ru", "en");

    List<String> arabicSpeaker =
        escalations.queue(Set.of("ar", "tr"), onDuty, 10).await().stream()
            .map(Escalation::id)
            .toList();
    List<String> russianSpeaker =
        escalations.queue(Set.of("ru"), onDuty, 10).await().stream().map(Escalation::id).toList();

    assertThat(arabicSpeaker).containsExactly(arabic, kurdish, unknown);
    assertThat(russianSpeaker).containsExactly(russian, kurdish, unknown);
    // with nobody on duty speaking Arabic, the Russian speaker is offered it too
    assertThat(escalations.queue(Set.of("ru"), Set.of("ru"), 10).await())
        .extracting(Escalation::id)
        .contains(arabic);
  }

  @Test
  void onlyOneOfTwoRacingOperatorsClaimsAnEscalation() throws Exception {
    String conversation = conversation();
    String id = open(conversation, "en", RiskLevel.HIGH, 4).escalation().id();

    List<Future<Optional<Escalation>>> claims = new ArrayList<>();
    for (String operator : List.of("op-a", "op-b", "op-c", "op-d")) {
      claims.add(escalations.claim(id, operator));
    }
    Future.all(claims).await();

    List<Escalation> winners =
        claims.stream().map(Future::result).flatMap(Optional::stream).toList();
    assertThat(winners).hasSize(1);
    Escalation claimed = escalations.find(id).await().orElseThrow();
    assertThat(claimed.status()).isEqualTo(EscalationStatus.CLAIMED);
    assertThat(claimed.operatorId()).isEqualTo(winners.getFirst().operatorId());
    assertThat(escalations.queue(Set.of("en"), Set.of("en"), 10).await()).isEmpty();
    assertThat(state(conversation)).isEqualTo("with_operator");
  }

  @Test
  void releaseReturnsItToItsPlaceAndTransferMovesItToAnotherOperator() throws Exception {
    String conversation = conversation();
    String first = open(conversation, "en", RiskLevel.MEDIUM, 2).escalation().id();
    String later = open(conversation(), "en", RiskLevel.MEDIUM, 2).escalation().id();

    escalations.claim(first, "op-a").await().orElseThrow();
    assertThat(escalations.release(first, "op-b").await()).isEmpty(); // not op-b's
    assertThat(escalations.release(first, "op-a").await()).isPresent();
    assertThat(escalations.queue(Set.of("en"), Set.of("en"), 10).await())
        .extracting(Escalation::id)
        .containsExactly(first, later);
    assertThat(state(conversation)).isEqualTo("queued");

    escalations.claim(first, "op-a").await().orElseThrow();
    Escalation moved = escalations.transfer(first, "op-a", "op-c").await().orElseThrow();
    assertThat(moved.operatorId()).contains("op-c");
    assertThat(escalations.transfer(first, "op-a", "op-d").await()).isEmpty();
  }

  @Test
  void closingRecordsOutcomeAndLetsTheConversationEscalateAgain() throws Exception {
    String conversation = conversation();
    String id = open(conversation, "tr", RiskLevel.HIGH, 4).escalation().id();
    escalations.claim(id, "op-a").await().orElseThrow();

    assertThat(escalations.close(id, "op-b", "referred", Optional.empty()).await()).isEmpty();
    Escalation closed =
        escalations
            .close(id, "op-a", "referred", Optional.of("forced-marriage"))
            .await()
            .orElseThrow();

    assertThat(closed.status()).isEqualTo(EscalationStatus.CLOSED);
    assertThat(closed.outcome()).contains("referred");
    assertThat(closed.category()).contains("forced-marriage");
    assertThat(closed.closedAt()).isPresent();
    assertThat(escalations.openFor(conversation).await()).isEmpty();
    assertThat(state(conversation)).isEqualTo("bot");
    assertThat(open(conversation, "tr", RiskLevel.MEDIUM, 2).change())
        .isEqualTo(EscalationStore.Change.OPENED);
    assertThat(escalations.close(id, "op-a", "Referred!", Optional.empty()).failed()).isTrue();
  }

  @Test
  void eventsCarryNoWordsAndTheStoredReasonsAreEncrypted() throws Exception {
    String id = open(conversation(), "en", RiskLevel.HIGH, 4).escalation().id();
    escalations.claim(id, "op-a").await();

    waitUntil(() -> events.size() >= 2);
    assertThat(addresses)
        .containsExactly(EventAddresses.ESCALATION_OPENED, EventAddresses.ESCALATION_CLAIMED);
    assertThat(events.getFirst().getString("level")).isEqualTo("high");
    assertThat(events.getFirst().getJsonArray("indicators").encode()).contains("documents-taken");
    for (JsonObject event : events) {
      assertThat(event.encode()).doesNotContain("passport").doesNotContain("took");
    }
    assertThat(escalations.find(id).await().orElseThrow().reasons()).isEqualTo(REASONS);
    try (Connection c = testDb.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT reasons FROM escalation")) {
      rs.next();
      assertThat(rs.getString(1)).doesNotContain("passport");
    }
  }
}
