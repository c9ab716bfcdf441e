package dev.selam.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.storage.Database;
import dev.selam.core.storage.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class AuditLogTest {
  @TempDir Path tempDir;
  TestDatabase testDb;
  Database db;
  AuditLog audit;
  final List<Database> replicas = new ArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    testDb = TestDatabase.create(tempDir);
    db = Database.open(vertx, testDb.settings()).await();
    audit = new AuditLog(db.pool(), Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    replicas.forEach(Database::close);
    db.close();
    testDb.close();
  }

  void appendFive() {
    for (int i = 1; i <= 5; i++) {
      audit
          .append(
              AuditEntry.of("amina", "staff.updated", "user" + i)
                  .with("changed", new io.vertx.core.json.JsonArray().add("roles")))
          .await();
    }
  }

  void sql(String statement) throws Exception {
    try (Connection c = testDb.connect();
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  @Test
  void emptyLogIsIntact() {
    AuditVerification result = audit.verify().await();
    assertThat(result.intact()).isTrue();
    assertThat(result.checked()).isZero();
  }

  @Test
  void appendedEventsFormAnIntactChainReadNewestFirst() {
    appendFive();

    AuditVerification result = audit.verify().await();
    assertThat(result.intact()).isTrue();
    assertThat(result.checked()).isEqualTo(5);

    List<AuditEvent> page = audit.page(null, 3).await();
    assertThat(page).extracting(AuditEvent::seq).containsExactly(5L, 4L, 3L);
    assertThat(page.get(0).target()).isEqualTo("user5");
    assertThat(page.get(0).detailsJson().getJsonArray("changed")).containsExactly("roles");
    assertThat(page.get(1).hash()).isEqualTo(page.get(0).prevHash());
    assertThat(audit.page(3L, 10).await()).extracting(AuditEvent::seq).containsExactly(2L, 1L);
  }

  @Test
  void aPageShowsOnlyTheEventsItsFilterLetsThrough() {
    appendFive();
    audit.append(AuditEntry.of("omar", "staff.signed_in", "omar")).await();
    audit.append(AuditEntry.of("omar", "canned_reply.created", "c1")).await();
    audit.append(AuditEntry.of("amina", "staffing_x.created", "user2")).await();

    assertThat(audit.page(null, 10, new AuditFilter("omar", null, null)).await())
        .extracting(AuditEvent::action)
        .containsExactly("canned_reply.created", "staff.signed_in");
    // a prefix stops at a dot: "staff" is not "staffing_x"
    assertThat(audit.page(null, 10, new AuditFilter(null, "staff", null)).await())
        .extracting(AuditEvent::seq)
        .containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
    assertThat(audit.page(null, 10, new AuditFilter(null, "staff.signed_in", null)).await())
        .extracting(AuditEvent::seq)
        .containsExactly(6L);
    // LIKE's own characters are taken literally
    assertThat(audit.page(null, 10, new AuditFilter(null, "staff_ing", null)).await()).isEmpty();
    assertThat(audit.page(null, 10, new AuditFilter(null, "%", null)).await()).isEmpty();
    assertThat(audit.page(null, 10, new AuditFilter("amina", "staff", "user2")).await())
        .extracting(AuditEvent::seq)
        .containsExactly(2L);
    assertThat(audit.page(2L, 10, new AuditFilter("amina", null, null)).await())
        .extracting(AuditEvent::seq)
        .containsExactly(1L);
  }

  @Test
  void changedEventIsFoundAtItsSequenceNumber() throws Exception {
    appendFive();
    sql("UPDATE audit_event SET target = 'someone-else' WHERE seq = 3");

    AuditVerification result = audit.verify().await();
    assertThat(result.intact()).isFalse();
    assertThat(result.firstBrokenSeq()).hasValue(3);
    assertThat(result.checked()).isEqualTo(2);
  }

  @Test
  void changedEventWithRecomputedHashBreaksTheNextLink() throws Exception {
    appendFive();
    AuditEvent third = audit.page(4L, 1).await().get(0);
    String forged =
        AuditChain.link(
            third.prevHash(),
            AuditChain.canonical(
                3, third.at(), "amina", "staff.updated", "someone-else", third.details()));
    sql("UPDATE audit_event SET target = 'someone-else', hash = '" + forged + "' WHERE seq = 3");

    assertThat(audit.verify().await().firstBrokenSeq()).hasValue(4);
  }

  @Test
  void deletedEventIsFound() throws Exception {
    appendFive();
    sql("DELETE FROM audit_event WHERE seq = 2");

    AuditVerification result = audit.verify().await();
    assertThat(result.intact()).isFalse();
    assertThat(result.firstBrokenSeq()).hasValue(2);
  }

  @Test
  void removedNewestEventsAreFound() throws Exception {
    appendFive();
    sql("DELETE FROM audit_event WHERE seq >= 4");

    AuditVerification result = audit.verify().await();
    assertThat(result.intact()).isFalse();
    assertThat(result.firstBrokenSeq()).hasValue(4);
  }

  @Test
  void detailsAreStoredAsGivenAndRejectedWhenHuge() {
    JsonObject details = new JsonObject().put("reason", "wrong_password").put("failures", 2);
    long seq =
        audit.append(new AuditEntry("anonymous", "staff.sign_in_failed", "b", details)).await();
    assertThat(audit.page(seq + 1, 1).await().get(0).detailsJson()).isEqualTo(details);

    Future<Long> huge =
        audit.append(AuditEntry.of("a", "x", null).with("blob", "z".repeat(AuditLog.MAX_DETAILS)));
    org.assertj.core.api.Assertions.assertThatThrownBy(huge::await)
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(audit.verify().await().checked()).isEqualTo(1);
  }

  @Test
  void replicasAppendingAtOnceBuildOneUnbrokenChain(Vertx vertx) throws Exception {
    List<AuditLog> logs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Database replica = Database.open(vertx, testDb.settings()).await();
      replicas.add(replica);
      logs.add(new AuditLog(replica.pool(), Clock.systemUTC()));
    }
    List<Future<Long>> appends = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      for (int r = 0; r < logs.size(); r++) {
        appends.add(logs.get(r).append(AuditEntry.of("replica" + r, "test.appended", "n" + i)));
      }
    }
    Future.all(appends).await();

    AuditVerification result = audit.verify().await();
    assertThat(result.intact()).as(String.valueOf(result.problem())).isTrue();
    assertThat(result.checked()).isEqualTo(60);
    assertThat(appends).extracting(Future::result).doesNotHaveDuplicates();
    try (Connection c = testDb.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MIN(seq), MAX(seq), COUNT(*) FROM audit_event")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
      assertThat(rs.getLong(2)).isEqualTo(60);
      assertThat(rs.getLong(3)).isEqualTo(60);
    }
  }
}
