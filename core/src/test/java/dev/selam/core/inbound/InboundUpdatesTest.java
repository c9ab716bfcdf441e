package dev.selam.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selam.core.crypto.DataKey;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.KeyRing;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.TestDatabase;
import dev.selam.core.storage.WriteBatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboundUpdatesTest {
  @TempDir Path tempDir;
  TestDatabase testDb;
  Vertx vertx;
  Database db;
  InboundUpdates updates;

  @BeforeEach
  void setUp() {
    testDb = TestDatabase.create(tempDir);
    vertx = Vertx.vertx();
    db = Database.open(vertx, testDb.settings()).await();
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 5);
    updates =
        new InboundUpdates(
            db.pool(),
            new FieldCipher(new KeyRing(List.of(DataKey.of("k", key)))),
            Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    db.close();
    vertx.close().await();
    testDb.close();
  }

  @Test
  void aRepeatedUpdateIsStoredOnce() {
    assertThat(updates.store("telegram", 5, "{\"a\":1}").await()).isTrue();
    assertThat(updates.store("telegram", 5, "{\"a\":1}").await()).isFalse();
    assertThat(updates.storeFinished("telegram", 5, InboundUpdates.Outcome.IGNORED).await())
        .isFalse();
    assertThat(updates.store("web", 5, "{}").await()).isTrue();
    assertThat(updates.unhandled("telegram", 10).await()).hasSize(1);
  }

  @Test
  void unhandledUpdatesComeBackInOrderDecrypted() throws Exception {
    updates.store("telegram", 9, "{\"text\":\"nine\"}").await();
    updates.store("telegram", 3, "{\"text\":\"three\"}").await();
    updates.storeFinished("telegram", 4, InboundUpdates.Outcome.IGNORED).await();

    assertThat(updates.unhandled("telegram", 10).await())
        .extracting(InboundUpdates.Pending::updateId, InboundUpdates.Pending::payload)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "{\"text\":\"three\"}"),
            org.assertj.core.groups.Tuple.tuple(9L, "{\"text\":\"nine\"}"));
    assertThat(column("SELECT payload FROM inbound_update WHERE payload IS NOT NULL"))
        .allSatisfy(p -> assertThat(p).doesNotContain("nine").doesNotContain("three"));
  }

  @Test
  void finishingDropsThePayloadUnlessHandlingFailed() throws Exception {
    updates.store("telegram", 1, "{}").await();
    updates.store("telegram", 2, "{}").await();
    updates.finish("telegram", 1, InboundUpdates.Outcome.HANDLED).await();
    updates.finish("telegram", 2, InboundUpdates.Outcome.FAILED).await();

    assertThat(updates.unhandled("telegram", 10).await()).isEmpty();
    assertThat(
            column(
                "SELECT update_id || ':' || outcome || ':' || COALESCE(payload, 'none')"
                    + " FROM inbound_update ORDER BY update_id"))
        .satisfiesExactly(
            one -> assertThat(one).isEqualTo("1:handled:none"),
            two -> assertThat(two).startsWith("2:failed:").doesNotEndWith(":none"));
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

  @Test
  void anUpdateMarkedHandledInsideAHandlersTransactionIsSeenAsRepeatedAfterwards() {
    UpdateReceipts receipts = new UpdateReceipts(Clock.systemUTC());
    updates.store("telegram", 8, "{\"secret\":1}").await();

    UpdateReceipts.Receipt first =
        db.pool().withTransaction(tx -> receipts.markHandled(tx, "telegram", 8)).await();
    UpdateReceipts.Receipt again =
        db.pool().withTransaction(tx -> receipts.markHandled(tx, "telegram", 8)).await();
    UpdateReceipts.Receipt unknown =
        db.pool().withTransaction(tx -> receipts.markHandled(tx, "webchat", 8)).await();

    assertThat(first).isEqualTo(UpdateReceipts.Receipt.FIRST);
    assertThat(again).isEqualTo(UpdateReceipts.Receipt.REPEATED);
    assertThat(unknown).isEqualTo(UpdateReceipts.Receipt.UNTRACKED);
    assertThat(updates.unhandled("telegram", 10).await()).isEmpty();
    Row row =
        db.pool()
            .query("SELECT outcome, payload FROM inbound_update WHERE update_id = 8")
            .execute()
            .await()
            .iterator()
            .next();
    assertThat(row.getString("outcome")).isEqualTo("handled");
    assertThat(row.getString("payload")).isNull();
  }

  @Test
  void marksBatchedInOneStatementEachGetTheirOwnReceipt() {
    UpdateReceipts receipts = new UpdateReceipts(Clock.systemUTC());
    updates.store("telegram", 11, "{}").await();
    updates.store("telegram", 12, "{}").await();
    db.pool().withTransaction(tx -> receipts.markHandled(tx, "telegram", 12)).await();

    List<UpdateReceipts.Receipt> receipts3 =
        db.pool()
            .withTransaction(
                tx -> {
                  WriteBatch marks = new WriteBatch();
                  List<Future<UpdateReceipts.Receipt>> each =
                      List.of(
                          receipts.markHandled(tx, marks, "telegram", 11),
                          receipts.markHandled(tx, marks, "telegram", 12),
                          receipts.markHandled(tx, marks, "telegram", 13));
                  return marks
                      .flush(tx)
                      .compose(v -> Future.all(each))
                      .map(all -> each.stream().map(Future::result).toList());
                })
            .await();

    assertThat(receipts3)
        .containsExactly(
            UpdateReceipts.Receipt.FIRST,
            UpdateReceipts.Receipt.REPEATED,
            UpdateReceipts.Receipt.UNTRACKED);
    assertThat(updates.unhandled("telegram", 10).await()).isEmpty();
  }

  @Test
  void aMarkRolledBackWithItsTransactionLeavesTheUpdateToBeHandled() {
    UpdateReceipts receipts = new UpdateReceipts(Clock.systemUTC());
    updates.store("telegram", 9, "{}").await();

    assertThatThrownBy(
            () ->
                db.pool()
                    .withTransaction(
                        tx ->
                            receipts
                                .markHandled(tx, "telegram", 9)
                                .compose(
                                    r ->
                                        Future.<Void>failedFuture(
                                            new IllegalStateException("handler failed"))))
                    .await())
        .hasMessageContaining("handler failed");

    assertThat(updates.unhandled("telegram", 10).await())
        .extracting(InboundUpdates.Pending::updateId)
        .containsExactly(9L);
  }
}
