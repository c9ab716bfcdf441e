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

  @Test
  void pingFailsWhenTheDatabaseIsClosed(Vertx vertx) {
    Database db = Database.open(vertx, testDb.settings()).await();
    db.close();
    assertThat(db.ping().toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(10));
  }
}
