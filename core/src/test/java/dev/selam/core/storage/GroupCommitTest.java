package dev.selam.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
  @TempDir Path tempDir;
  TestDatabase testDb;
  Vertx vertx;
  Database db;
  AtomicInteger transactions = new AtomicInteger();

  @BeforeEach
  void setUp() {
    testDb = TestDatabase.create(tempDir);
    vertx = Vertx.vertx();
    db = Database.open(vertx, testDb.settings()).await();
    db.pool().query("CREATE TABLE probe (id INT PRIMARY KEY)").execute().await();
  }

  @AfterEach
  void tearDown() {
    db.close();
    vertx.close().await();
    testDb.close();
  }

  GroupCommit<Integer, Boolean> inserts() {
    return new GroupCommit<>(
        db.pool(),
        50,
        (tx, ids) -> {
          transactions.incrementAndGet();
          List<Tuple> rows = ids.stream().map(Tuple::of).toList();
          return tx.preparedQuery("INSERT INTO probe (id) VALUES (?)")
              .executeBatch(rows)
              .map(r -> ids.stream().map(id -> id >= 0).toList());
        });
  }

  @Test
  void writesSubmittedTogetherShareCommitsAndEachGetsItsAnswer() {
    GroupCommit<Integer, Boolean> commit = inserts();
    List<Future<Boolean>> answers = new ArrayList<>();
    for (int id = 0; id < 300; id++) {
      int value = id;
      answers.add(
          Future.<Future<Boolean>>future(
                  p -> vertx.runOnContext(v -> p.complete(commit.submit(value))))
              .compose(f -> f));
    }
    Future.all(answers).await();

    assertThat(answers).allSatisfy(a -> assertThat(a.result()).isTrue());
    assertThat(
            db.pool()
                .query("SELECT COUNT(*) FROM probe")
                .execute()
                .await()
                .iterator()
                .next()
                .getLong(0))
        .isEqualTo(300);
    assertThat(transactions.get()).isLessThan(300).isGreaterThanOrEqualTo(6);
  }

  @Test
  void aFailedBatchFailsEachOfItsWritesAndLaterOnesStillCommit() {
    GroupCommit<Integer, Boolean> commit = inserts();
    commit.submit(1).await();
    Future<Boolean> duplicate = commit.submit(1);
    assertThat(duplicate.otherwise(e -> null).await()).isNull();
    assertThat(duplicate.failed()).isTrue();
    assertThat(commit.submit(2).await()).isTrue();
  }
}
