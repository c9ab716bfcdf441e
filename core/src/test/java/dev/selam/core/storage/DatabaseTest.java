package dev.selam.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

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

@ExtendWith(VertxExtension.class)
class DatabaseTest {
  @TempDir Path tempDir;
  TestDatabase testDb;

  @BeforeEach
  void setUp() {
    testDb = TestDatabase.create(tempDir);
  }

  @AfterEach
  void tearDown() {
    testDb.close();
  }

  @Test
  void migrationsCreateTheFoundationTables(Vertx vertx) throws Exception {
    Database db = Database.open(vertx, testDb.settings()).await();
    db.ping().await();

    List<String> tables = new ArrayList<>();
    try (Connection c = testDb.connect();
        ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
      }
    }
    assertThat(tables)
        .contains(
            "contact",
            "conversation",
            "message",
            "inbound_update",
            "outbox",
            "staff_user",
            "audit_event");
    db.close();
  }

  @Test
  void migratingTwiceAppliesNothingNew(Vertx vertx) {
    assertThat(Database.migrate(testDb.settings()).migrationsExecuted).isPositive();
    assertThat(Database.migrate(testDb.settings()).migrationsExecuted).isZero();
  }

  /**
   * The outbox sends a contact's rows in {@code seq} order, so values must follow insertion order
   * across connections. H2 now writes its counter to disk every 10,000 values instead of every 32
   * (V12, H2 only); PostgreSQL caches per session and would break the order, so it keeps no cache.
   */
  @Test
  void identityValuesFollowInsertionOrderAcrossConnections() throws Exception {
    Database.migrate(testDb.settings());
    boolean h2 = "h2".equals(testDb.kind());
    try (Connection first = testDb.connect();
        Connection second = testDb.connect()) {
      first
          .createStatement()
          .executeUpdate(
              "INSERT INTO contact (id, channel, pseudonym, created_at)"
                  + " VALUES ('c', 'test', 'p', CURRENT_TIMESTAMP)");
      List<Long> seqs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        seqs.add(insertOutboxRow(i % 2 == 0 ? first : second, "o" + i));
      }
      assertThat(seqs).isSorted().doesNotHaveDuplicates();
    }
    try (Connection c = testDb.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    h2
                        ? "SELECT table_name, identity_cache FROM information_schema.columns"
                            + " WHERE is_identity = 'YES'"
                        : "SELECT sequencename, cache_size FROM pg_sequences")) {
      int identityColumns = 0;
      while (rs.next()) {
        assertThat(rs.getLong(2)).as(rs.getString(1)).isEqualTo(h2 ? 10_000 : 1);
        identityColumns++;
      }
      assertThat(identityColumns).isGreaterThanOrEqualTo(4);
    }
  }

  private static long insertOutboxRow(Connection connection, String id) throws Exception {
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO outbox (id, contact_id, channel, kind, payload, status, next_attempt_at,"
                + " created_at) VALUES (?, 'c', 'test', 'send_message', 'x', 'pending',"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
            new String[] {"seq"})) {
      insert.setString(1, id);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  @Test
  void pingFailsWhenTheDatabaseIsClosed(Vertx vertx) {
    Database db = Database.open(vertx, testDb.settings()).await();
    db.close();
    assertThat(db.ping().toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(10));
  }
}
