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

  AtomicInteger writing = new AtomicInteger();
  AtomicInteger mostAtOnce = new AtomicInteger();

  GroupCommit<Integer, Boolean> inserts() {
    return inserts(1, false);
  }

  GroupCommit<Integer, Boolean> inserts(int parallelBatches, boolean isolateFailures) {
    return new GroupCommit<>(
        db.pool(),
        50,
        parallelBatches,
        isolateFailures,
        (tx, ids) -> {
          transactions.incrementAndGet();
          mostAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
          List<Tuple> rows = ids.stream().map(Tuple::of).toList();
          return tx.preparedQuery("INSERT INTO probe (id) VALUES (?)")
              .executeBatch(rows)
              .map(r -> ids.stream().map(id -> id >= 0).toList())
              .eventually(() -> Future.succeededFuture(writing.decrementAndGet()));
        });
  }

  /** Submits every id from an event-loop context at once, as concurrent handlers would. */
  List<Future<Boolean>> submitTogether(GroupCommit<Integer, Boolean> commit, List<Integer> ids) {
    List<Future<Boolean>> answers = new ArrayList<>();
    for (int id : ids) {
      answers.add(
          Future.<Future<Boolean>>future(
                  p -> vertx.runOnContext(v -> p.complete(commit.submit(id))))
              .compose(f -> f));
    }
    return answers;
  }

  long rows() {
    return db.pool()
        .query("SELECT COUNT(*) FROM probe")
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  @Test
  void writesSubmittedTogetherShareCommitsAndEachGetsItsAnswer() {
    GroupCommit<Integer, Boolean> commit = inserts();
    List<Future<Boolean>> answers =
        submitTogether(commit, java.util.stream.IntStream.range(0, 300).boxed().toList());
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

  @Test
  void parallelBatchesNeverExceedTheirNumberAndLoseNothing() {
    GroupCommit<Integer, Boolean> commit = inserts(3, false);
    List<Future<Boolean>> answers =
        submitTogether(commit, java.util.stream.IntStream.range(0, 600).boxed().toList());
    Future.all(answers).await();

    assertThat(rows()).isEqualTo(600);
    assertThat(mostAtOnce.get()).isBetween(1, 3);
  }

  @Test
  void withIsolatedFailuresOneBadWriteFailsAloneAndItsBatchMatesCommit() {
    GroupCommit<Integer, Boolean> commit = inserts(1, true);
    commit.submit(7).await();
    // 7 again breaks the primary key: the batch it shares with the others fails, and is retried.
    List<Future<Boolean>> answers = submitTogether(commit, List.of(1, 2, 7, 3, 4));
    Future.join(answers).otherwise(e -> null).await();

    assertThat(answers.get(2).failed()).isTrue();
    assertThat(List.of(answers.get(0), answers.get(1), answers.get(3), answers.get(4)))
        .allSatisfy(a -> assertThat(a.result()).isTrue());
    assertThat(rows()).isEqualTo(5);
  }
}
