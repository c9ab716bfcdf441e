package dev.selam.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class WriteBatchTest {
  private static final String INSERT =
      "INSERT INTO hotline_setting (name, setting, updated_by, updated_at)"
          + " VALUES (?, ?, 'test', CURRENT_TIMESTAMP)";

  @TempDir Path dir;
  TestDatabase testDb;
  Database db;

  @BeforeEach
  void open(Vertx vertx) {
    testDb = TestDatabase.create(dir);
    db = Database.open(vertx, testDb.settings()).await();
    db.pool().query("DELETE FROM hotline_setting").execute().await();
  }

  @AfterEach
  void close() {
    db.close();
    testDb.close();
  }

  @Test
  void rowsAreWrittenOnlyWhenFlushed() {
    List<String> seenBeforeFlush = new ArrayList<>();
    db.pool()
        .withTransaction(
            tx -> {
              WriteBatch later = new WriteBatch();
              later.add(INSERT, Tuple.of("a", "1"));
              later.add(INSERT, Tuple.of("b", "2"));
              later.add(INSERT, Tuple.of("c", "3"));
              return names(tx)
                  .onSuccess(seenBeforeFlush::addAll)
                  .compose(v -> later.flush(tx))
                  .map(v -> later.isEmpty());
            })
        .await();

    assertThat(seenBeforeFlush).isEmpty();
    assertThat(names(db.pool()).await()).containsExactly("a", "b", "c");
  }

  @Test
  void aFailingRowFailsTheFlushAndTheTransactionKeepsNothing() {
    var result =
        db.pool()
            .withTransaction(
                tx -> {
                  WriteBatch later = new WriteBatch();
                  later.add(INSERT, Tuple.of("a", "1"));
                  later.add(INSERT, Tuple.of("a", "duplicate key"));
                  return later.flush(tx);
                });

    assertThat(result.toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(10));
    assertThat(names(db.pool()).await()).isEmpty();
  }

  @Test
  void flushingForgetsWhatWasWritten() {
    db.pool()
        .withTransaction(
            tx -> {
              WriteBatch later = new WriteBatch();
              later.add(INSERT, Tuple.of("a", "1"));
              return later
                  .flush(tx)
                  .compose(v -> later.flush(tx)) // nothing left: no second insert of "a"
                  .compose(
                      v -> {
                        later.add(INSERT, Tuple.of("b", "2"));
                        return later.flush(tx);
                      });
            })
        .await();

    assertThat(names(db.pool()).await()).containsExactly("a", "b");
  }

  @Test
  void statementsRunInTheOrderTheyWereFirstUsed() {
    String contact =
        "INSERT INTO contact (id, channel, pseudonym, chat_ref, created_at)"
            + " VALUES (?, 'test', ?, 'x', CURRENT_TIMESTAMP)";
    String conversation =
        "INSERT INTO conversation (id, contact_id, state, opened_at, last_message_at)"
            + " VALUES (?, ?, 'bot', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";
    db.pool()
        .withTransaction(
            tx -> {
              WriteBatch later = new WriteBatch();
              later.add(contact, Tuple.of("c1", "p1"));
              later.add(conversation, Tuple.of("v1", "c1"));
              later.add(contact, Tuple.of("c2", "p2"));
              later.add(conversation, Tuple.of("v2", "c2")); // refers to a contact in this batch
              return later.flush(tx);
            })
        .await();

    assertThat(
            db.pool()
                .query("SELECT id FROM conversation WHERE id IN ('v1', 'v2') ORDER BY id")
                .execute()
                .await())
        .hasSize(2);
  }

  @Test
  void aCountedWriteAnswersItsOwnRowCountAfterTheFlush() {
    db.pool()
        .query("INSERT INTO hotline_setting VALUES ('a', '1', 't', CURRENT_TIMESTAMP)")
        .execute()
        .await();
    String update = "UPDATE hotline_setting SET setting = ? WHERE name = ?";
    List<Integer> counts =
        db.pool()
            .withTransaction(
                tx -> {
                  WriteBatch later = new WriteBatch();
                  var matching = later.addCounted(update, Tuple.of("2", "a"));
                  var missing = later.addCounted(update, Tuple.of("2", "nobody"));
                  assertThat(matching.isComplete()).isFalse();
                  return later
                      .flush(tx)
                      .compose(v -> io.vertx.core.Future.all(matching, missing))
                      .map(all -> List.of(matching.result(), missing.result()));
                })
            .await();

    assertThat(counts).containsExactly(1, 0);
  }

  @Test
  void aFailedFlushFailsTheCountedWritesWaitingOnIt() {
    var counted =
        db.pool()
            .withTransaction(
                tx -> {
                  WriteBatch later = new WriteBatch();
                  later.add("INSERT INTO no_such_table VALUES (1)", Tuple.tuple());
                  var count =
                      later.addCounted(
                          "UPDATE hotline_setting SET setting = ? WHERE name = ?",
                          Tuple.of("x", "a"));
                  return later.flush(tx).recover(failure -> count.mapEmpty());
                });

    assertThat(counted.toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(10));
  }

  private static io.vertx.core.Future<List<String>> names(io.vertx.sqlclient.SqlClient client) {
    return client
        .query("SELECT name FROM hotline_setting ORDER BY name")
        .execute()
        .map(rows -> rows.stream().map((Row r) -> r.getString("name")).toList());
  }
}
