package dev.selam.core.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.crypto.DataKey;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.KeyRing;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.escalation.EscalationRequest;
import dev.selam.core.escalation.EscalationStore;
import dev.selam.core.identity.TestClock;
import dev.selam.core.inbound.InboundUpdates;
import dev.selam.core.outbox.OutboxStore;
import dev.selam.core.risk.RiskLevel;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.DatabaseTextScan;
import dev.selam.core.storage.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class RetentionPurgeTest {
  static final Duration RETENTION = Duration.ofDays(90);
  static final String CHAT = "40021";

  @TempDir Path tempDir;
  TestDatabase testDb;
  Database db;
  FieldCipher cipher;
  TestClock clock = new TestClock(Instant.parse("2026-01-05T10:00:00Z"));
  ConversationStore conversations;
  EscalationStore escalations;
  InboundUpdates updates;
  OutboxStore outbox;

  @BeforeEach
  void setUp(Vertx vertx) {
    testDb = TestDatabase.create(tempDir);
    db = Database.open(vertx, testDb.settings()).await();
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    cipher = new FieldCipher(new KeyRing(List.of(DataKey.of("t1", raw))));
    conversations = new ConversationStore(db.pool(), cipher, new Pseudonymizer(raw), clock);
    escalations = new EscalationStore(db.pool(), cipher, vertx.eventBus(), clock);
    updates = new InboundUpdates(db.pool(), cipher, clock);
    outbox = new OutboxStore(db.pool(), cipher, clock);
  }

  @AfterEach
  void tearDown() {
    db.close();
    testDb.close();
  }

  @Test
  void textPastTheRetentionPeriodIsPurgedAndStatisticsAndRecentTextStay() throws Exception {
    // given a conversation written 100 days ago, with all the text it left behind
    writeEverything("oldwords", 1);
    clock.advance(Duration.ofDays(100));
    // and the same person writing again today
    writeEverything("newwords", 2);
    DatabaseTextScan scan = new DatabaseTextScan(testDb, cipher);
    assertThat(scan.find("oldwords")).hasSizeGreaterThanOrEqualTo(5);

    // when the purge runs
    RetentionPurge.Purged purged =
        new RetentionPurge(db.pool(), clock).purgeOlderThan(RETENTION).await();

    // then the old text is gone from every table, the new text and the statistics stay
    assertThat(scan.find("oldwords")).isEmpty();
    assertThat(scan.find("newwords"))
        .contains(
            "message.body (decrypted)",
            "unanswered_question.question (decrypted)",
            "inbound_update.payload (decrypted)",
            "outbox.payload (decrypted)");
    assertThat(purged.messages()).isEqualTo(1);
    assertThat(purged.escalations()).isEqualTo(1);
    assertThat(purged.questions()).isEqualTo(1);
    assertThat(purged.updates()).isEqualTo(1);
    assertThat(purged.outbox()).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM message WHERE purged_at IS NOT NULL")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM escalation WHERE level = 'high'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM conversation")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM inbound_update")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE status = 'failed'")).isEqualTo(2);
  }

  @Test
  void aSecondRunFindsNothingLeftToPurge() {
    writeEverything("oldwords", 1);
    clock.advance(Duration.ofDays(91));
    RetentionPurge purge = new RetentionPurge(db.pool(), clock);
    assertThat(purge.purgeOlderThan(RETENTION).await().total()).isEqualTo(5);

    assertThat(purge.purgeOlderThan(RETENTION).await().total()).isZero();
  }

  @Test
  void settingsDefaultToNinetyDaysPurgedHourlyAndRefuseNonsense() {
    assertThat(RetentionSettings.from(Settings.of(Map.of())))
        .isEqualTo(new RetentionSettings(Duration.ofDays(90), Duration.ofHours(1)));
    assertThat(
            RetentionSettings.from(
                Settings.of(
                    Map.of("SELAM_RETENTION", "30d", "SELAM_RETENTION_PURGE_EVERY", "15m"))))
        .isEqualTo(new RetentionSettings(Duration.ofDays(30), Duration.ofMinutes(15)));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RetentionSettings.from(Settings.of(Map.of("SELAM_RETENTION", "0s"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SELAM_RETENTION");
  }

  /**
   * A message, an escalation quoting it, an unanswered question, an update whose handling failed
   * and a reply that could not be delivered: every place a person's words can stay.
   */
  private void writeEverything(String words, long updateId) {
    var stored = conversations.recordInbound("telegram", CHAT, "they hold my " + words).await();
    escalations
        .open(
            new EscalationRequest(
                stored.conversationId(),
                Optional.of("en"),
                RiskLevel.HIGH,
                3.0,
                new JsonArray().add("coercion: " + words),
                Optional.of("trafficking")))
        .await();
    db.pool()
        .preparedQuery(
            "INSERT INTO unanswered_question (id, conversation_id, language, question,"
                + " best_confidence, asked_at) VALUES (?, ?, 'en', ?, 0.1, ?)")
        .execute(
            io.vertx.sqlclient.Tuple.of(
                "q" + updateId,
                stored.conversationId(),
                cipher.encrypt("where is " + words, "unanswered_question.question"),
                java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)))
        .await();
    updates.store("telegram", updateId, "{\"text\":\"" + words + "\"}").await();
    updates.finish("telegram", updateId, InboundUpdates.Outcome.FAILED).await();
    db.pool()
        .withTransaction(
            tx ->
                outbox.enqueue(
                    tx,
                    new OutboxStore.NewEntry(
                        stored.contactId(),
                        stored.conversationId(),
                        stored.messageId(),
                        "telegram",
                        "send_message",
                        "{\"text\":\"reply about " + words + "\"}")))
        .await();
    for (OutboxStore.Entry entry : outbox.due("telegram", clock.instant(), 10).await()) {
      outbox.markFailed(entry, "400 Bad Request").await();
    }
  }

  private long count(String sql) throws Exception {
    try (Connection c = testDb.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
