package dev.selam.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A statement outside a transaction is committed at once, even on a connection that ran one. */
class PoolAutoCommitTest {
  @TempDir Path tempDir;
  TestDatabase testDb;
  Vertx vertx;
  Database db;

  @BeforeEach
  void setUp() {
    testDb = TestDatabase.create(tempDir);
    vertx = Vertx.vertx();
    db = Database.open(vertx, testDb.settings()).await();
  }

  @AfterEach
  void tearDown() {
    db.close();
    vertx.close().await();
    testDb.close();
  }

  @Test
  void aWriteAfterATransactionIsVisibleToOtherConnectionsAtOnce() throws Exception {
    Pool pool = db.pool();
    pool.query("CREATE TABLE probe (id INT PRIMARY KEY, v VARCHAR(10))").execute().await();
    pool.query("INSERT INTO probe VALUES (1, 'start')").execute().await();
    for (int i = 0; i < 2 * 4; i++) { // every pooled connection runs a transaction at least once
      pool.withTransaction(
              tx -> tx.preparedQuery("SELECT v FROM probe WHERE id = ?").execute(Tuple.of(1)))
          .await();
      String value = "v" + i;
      pool.preparedQuery("UPDATE probe SET v = ? WHERE id = 1").execute(Tuple.of(value)).await();

      assertThat(readDirectly()).isEqualTo(value);
    }
  }

  @Test
  void aRolledBackTransactionDoesNotTakeAnEarlierWriteWithIt() throws Exception {
    Pool pool = db.pool();
    pool.query("CREATE TABLE probe (id INT PRIMARY KEY, v VARCHAR(10))").execute().await();
    pool.query("INSERT INTO probe VALUES (1, 'start')").execute().await();
    for (int i = 0; i < 2 * 4; i++) {
      pool.withTransaction(tx -> tx.query("SELECT 1").execute()).await();
      pool.preparedQuery("UPDATE probe SET v = ? WHERE id = 1")
          .execute(Tuple.of("kept" + i))
          .await();
      pool.withTransaction(
              tx ->
                  tx.query("UPDATE probe SET v = 'undone' WHERE id = 1")
                      .execute()
                      .compose(r -> io.vertx.core.Future.failedFuture("roll back")))
          .otherwiseEmpty()
          .await();

      assertThat(readDirectly()).isEqualTo("kept" + i);
    }
  }

  private String readDirectly() throws Exception {
    try (Connection c = testDb.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM probe WHERE id = 1")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
