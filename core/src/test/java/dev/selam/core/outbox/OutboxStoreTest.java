package dev.selam.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.conversation.ConversationStore;
import dev.selam.core.conversation.ConversationStore.StoredMessage;
import dev.selam.core.crypto.DataKey;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.KeyRing;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxStoreTest {
  @TempDir Path tempDir;
  TestDatabase testDb;
  Vertx vertx;
  Database db;
  FieldCipher cipher;
  ConversationStore conversations;
  OutboxStore outbox;

  @BeforeEach
  void setUp() {
    testDb = TestDatabase.create(tempDir);
    vertx = Vertx.vertx();
    db = Database.open(vertx, testDb.settings()).await();
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 3);
    cipher = new FieldCipher(new KeyRing(List.of(DataKey.of("k", key))));
    conversations =
        new ConversationStore(db.pool(), cipher, new Pseudonymizer(key), Clock.systemUTC());
    outbox = new OutboxStore(db.pool(), cipher, Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    db.close();
    vertx.close().await();
    testDb.close();
  }

  String enqueue(StoredMessage to, String payload) {
    return db.pool()
        .withTransaction(
            tx ->
                outbox.enqueue(
                    tx,
                    new OutboxStore.NewEntry(
                        to.contactId(),
                        to.conversationId(),
                        to.messageId(),
                        "telegram",
                        "send_message",
                        payload)))
        .await();
  }

  List<String> dueIds() {
    return outbox.due("telegram", Instant.now(), 100).await().stream()
        .map(OutboxStore.Entry::id)
        .toList();
  }

  @Test
  void aReplyEnqueuedInATransactionThatRollsBackIsNeverSent() {
    StoredMessage to = conversations.recordInbound("telegram", "7", "hi").await();
    db.pool()
        .withTransaction(
            tx ->
                outbox
                    .enqueue(
                        tx,
                        new OutboxStore.NewEntry(
                            to.contactId(), null, null, "telegram", "send_message", "{}"))
                    .compose(id -> Future.failedFuture("the state change failed")))
        .otherwiseEmpty()
        .await();
    assertThat(dueIds()).isEmpty();
  }

  @Test
  void onlyTheOldestPendingRowOfEachContactIsDueAndItCarriesTheChat() {
    StoredMessage a = conversations.recordInbound("telegram", "111", "hi").await();
    StoredMessage b = conversations.recordInbound("telegram", "222", "hi").await();
    String a1 = enqueue(a, "{\"n\":1}");
    enqueue(a, "{\"n\":2}");
    String b1 = enqueue(b, "{\"n\":3}");

    List<OutboxStore.Entry> due = outbox.due("telegram", Instant.now(), 100).await();
    assertThat(due).extracting(OutboxStore.Entry::id).containsExactly(a1, b1);
    assertThat(due.get(0).chatRef()).isEqualTo("111");
    assertThat(due.get(0).payload()).isEqualTo("{\"n\":1}");
    assertThat(outbox.due("web", Instant.now(), 100).await()).isEmpty();
  }

  @Test
  void aRowWaitingForItsRetryHoldsBackTheRowsBehindIt() {
    StoredMessage a = conversations.recordInbound("telegram", "111", "hi").await();
    enqueue(a, "{\"n\":1}");
    String second = enqueue(a, "{\"n\":2}");
    OutboxStore.Entry first = outbox.due("telegram", Instant.now(), 10).await().get(0);

    outbox.retryLater(first, Instant.now().plus(Duration.ofMinutes(1)), "503", true).await();
    assertThat(dueIds()).isEmpty();

    outbox.markSent(first, 900L).await();
    assertThat(dueIds()).containsExactly(second);
  }

  @Test
  void sendingRecordsTheChannelsMessageIdOnTheStoredMessage() throws Exception {
    StoredMessage a = conversations.recordInbound("telegram", "111", "hi").await();
    enqueue(a, "{}");
    outbox.markSent(outbox.due("telegram", Instant.now(), 10).await().get(0), 4711L).await();
    assertThat(column("SELECT channel_message_id FROM message")).containsExactly("4711");
    assertThat(column("SELECT status || ':' || channel_message_id FROM outbox"))
        .containsExactly("sent:4711");
  }

  @Test
  void anUnreachableContactFailsAllItsPendingRowsAndOperatorsSeeWhy() throws Exception {
    StoredMessage a = conversations.recordInbound("telegram", "111", "hi").await();
    StoredMessage b = conversations.recordInbound("telegram", "222", "hi").await();
    enqueue(a, "{}");
    enqueue(a, "{}");
    enqueue(b, "{}");
    OutboxStore.Entry first = outbox.due("telegram", Instant.now(), 10).await().get(0);

    assertThat(outbox.markUnreachable(first, "403 blocked").await()).isEqualTo(2);

    assertThat(dueIds()).hasSize(1);
    assertThat(outbox.failures(10).await())
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.reason()).isEqualTo("403 blocked"));
    assertThat(column("SELECT reachable FROM contact WHERE id = '" + a.contactId() + "'"))
        .singleElement()
        .satisfies(v -> assertThat(v).isIn("false", "FALSE", "f"));
  }

  @Test
  void aLongReasonIsShortenedToFitTheColumn() {
    StoredMessage a = conversations.recordInbound("telegram", "111", "hi").await();
    enqueue(a, "{}");
    outbox
        .markFailed(outbox.due("telegram", Instant.now(), 10).await().get(0), "x".repeat(500))
        .await();
    assertThat(outbox.failures(1).await().get(0).reason()).hasSize(200);
  }

  @Test
  void thePayloadIsEncryptedAtRest() throws Exception {
    StoredMessage a = conversations.recordInbound("telegram", "111", "hi").await();
    enqueue(a, "{\"html\":\"meet at the old bridge\"}");
    assertThat(column("SELECT payload FROM outbox"))
        .singleElement()
        .satisfies(p -> assertThat(p).doesNotContain("bridge"));
  }

  private List<String> column(String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection c = testDb.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
