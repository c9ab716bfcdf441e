package dev.selam.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.selam.core.crypto.DataKey;
import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.crypto.KeyRing;
import dev.selam.core.crypto.Pseudonymizer;
import dev.selam.core.storage.Database;
import dev.selam.core.storage.TestDatabase;
import dev.selam.core.storage.WriteBatch;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
class ConversationStoreTest {
  static final String TEXT = "My boss took my passport, call me on +90 555 123 4567";
  static final String CHAT_ID = "7312049981";

  @TempDir Path tempDir;
  TestDatabase testDb;
  Database db;
  ConversationStore store;
  ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    testDb = TestDatabase.create(tempDir);
    db = Database.open(vertx, testDb.settings()).await();
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    FieldCipher cipher = new FieldCipher(new KeyRing(List.of(DataKey.of("t1", raw))));
    store = new ConversationStore(db.pool(), cipher, new Pseudonymizer(raw), Clock.systemUTC());
    logs.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    db.close();
    testDb.close();
  }

  @Test
  void messagesOfOneChatShareAConversationAndReadBackInOrder() {
    var first = store.recordInbound("telegram", CHAT_ID, "first").await();
    var second = store.recordInbound("telegram", CHAT_ID, TEXT).await();
    var other = store.recordInbound("telegram", "999", "other").await();

    assertThat(second.conversationId()).isEqualTo(first.conversationId());
    assertThat(other.conversationId()).isNotEqualTo(first.conversationId());
    assertThat(store.texts(first.conversationId()).await()).containsExactly("first", TEXT);
  }

  @Test
  void anOpenConversationIsResumedAndAClosedOneIsLeftForOpenToReplace() {
    store.recordInbound("telegram", CHAT_ID, "first").await();
    ConversationStore.ContactState known = store.state("telegram", CHAT_ID).await().orElseThrow();

    var resumed =
        db.pool()
            .withTransaction(
                tx -> {
                  WriteBatch later = new WriteBatch();
                  return resume(tx, later, known, "tr", true)
                      .compose(state -> later.flush(tx).map(state));
                })
            .await()
            .orElseThrow();

    assertThat(resumed.conversationId()).isEqualTo(known.conversationId());
    assertThat(resumed.language()).isEqualTo("tr");
    ConversationStore.ContactState now = store.state("telegram", CHAT_ID).await().orElseThrow();
    assertThat(now.language()).isEqualTo("tr");
    assertThat(now.languageChosen()).isTrue();
    assertThat(count("SELECT COUNT(*) FROM conversation WHERE language = 'tr'")).isEqualTo(1);

    // closed meanwhile (by an operator, say): nothing is written to it
    db.pool().query("UPDATE conversation SET state = 'closed', language = 'en'").execute().await();
    WriteBatch unused = new WriteBatch();
    var afterClosing =
        db.pool().withTransaction(tx -> resume(tx, unused, now, "ar", false)).await();

    assertThat(afterClosing).isEmpty();
    assertThat(unused.isEmpty()).as("nothing left to write for a closed conversation").isTrue();
    assertThat(count("SELECT COUNT(*) FROM conversation WHERE language = 'ar'")).isZero();
  }

  @Test
  void conversationsResumedTogetherEachLearnWhetherTheyWereStillOpen() {
    var open = store.recordInbound("telegram", "1001", "first").await();
    var closing = store.recordInbound("telegram", "1002", "first").await();
    ConversationStore.ContactState openState =
        store.state("telegram", "1001").await().orElseThrow();
    ConversationStore.ContactState closingState =
        store.state("telegram", "1002").await().orElseThrow();
    db.pool()
        .preparedQuery("UPDATE conversation SET state = 'closed' WHERE id = ?")
        .execute(io.vertx.sqlclient.Tuple.of(closing.conversationId()))
        .await();

    var both =
        db.pool()
            .withTransaction(
                tx -> {
                  WriteBatch checks = new WriteBatch();
                  WriteBatch later = new WriteBatch();
                  var first = store.resume(checks, later, openState, "ru", false);
                  var second = store.resume(checks, later, closingState, "ru", false);
                  return checks
                      .flush(tx)
                      .compose(v -> io.vertx.core.Future.all(first, second))
                      .compose(v -> later.flush(tx))
                      .map(v -> List.of(first.result(), second.result()));
                })
            .await();

    assertThat(both.get(0))
        .map(ConversationStore.ContactState::conversationId)
        .contains(open.conversationId());
    assertThat(both.get(1)).isEmpty();
    assertThat(store.state("telegram", "1001").await().orElseThrow().language()).isEqualTo("ru");
    assertThat(count("SELECT COUNT(*) FROM conversation WHERE language = 'ru'")).isEqualTo(1);
  }

  @Test
  void statesAskedForTogetherEachGetTheirOwnAcrossChannelsAndBatches() {
    var open = store.recordInbound("telegram", "1001", "first").await();
    var web = store.recordInbound("webchat", "1001", "first").await();
    var closed = store.recordInbound("telegram", "1002", "first").await();
    db.pool()
        .preparedQuery("UPDATE conversation SET state = 'closed' WHERE id = ?")
        .execute(io.vertx.sqlclient.Tuple.of(closed.conversationId()))
        .await();

    // More than one batch holds (64), in no particular order, one contact asked for twice.
    List<String[]> asked = new java.util.ArrayList<>();
    for (int i = 0; i < 70; i++) {
      asked.add(new String[] {"telegram", String.valueOf(2000 + i)});
    }
    asked.add(5, new String[] {"telegram", "1001"});
    asked.add(33, new String[] {"webchat", "1001"});
    asked.add(64, new String[] {"telegram", "1002"});
    asked.add(70, new String[] {"telegram", "1001"});
    List<io.vertx.core.Future<java.util.Optional<ConversationStore.ContactState>>> reads =
        asked.stream().map(key -> store.state(key[0], key[1])).toList();
    io.vertx.core.Future.all(reads).await();

    for (int i = 0; i < asked.size(); i++) {
      String key = asked.get(i)[0] + ":" + asked.get(i)[1];
      var state = reads.get(i).result();
      switch (key) {
        case "telegram:1001" -> {
          assertThat(state).get().extracting("contactId").isEqualTo(open.contactId());
          assertThat(state.orElseThrow().conversationId()).isEqualTo(open.conversationId());
        }
        case "webchat:1001" -> {
          assertThat(state).get().extracting("contactId").isEqualTo(web.contactId());
          assertThat(state.orElseThrow().conversationId()).isEqualTo(web.conversationId());
        }
        case "telegram:1002" -> {
          assertThat(state).get().extracting("contactId").isEqualTo(closed.contactId());
          assertThat(state.orElseThrow().conversationId()).as("closed: none open").isNull();
        }
        default -> assertThat(state).as(key).isEmpty();
      }
    }
  }

  /** Resumes one conversation, its check flushed at once; {@code later} is left to the caller. */
  io.vertx.core.Future<java.util.Optional<ConversationStore.ContactState>> resume(
      io.vertx.sqlclient.SqlConnection tx,
      WriteBatch later,
      ConversationStore.ContactState known,
      String language,
      boolean chosen) {
    WriteBatch checks = new WriteBatch();
    var resumed = store.resume(checks, later, known, language, chosen);
    return checks.flush(tx).compose(v -> resumed);
  }

  long count(String sql) {
    return db.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  @Test
  void rawRowsHoldNoMessageTextNorChatId() throws Exception {
    store.recordInbound("telegram", CHAT_ID, TEXT).await();

    StringBuilder everything = new StringBuilder();
    try (Connection c = testDb.connect();
        Statement s = c.createStatement()) {
      for (String table : List.of("contact", "conversation", "message")) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              everything.append(rs.getString(i)).append('|');
            }
          }
        }
      }
    }
    assertThat(everything).isNotEmpty();
    assertThat(everything.toString())
        .doesNotContain("passport")
        .doesNotContain("123 4567")
        .doesNotContain(CHAT_ID);
  }

  @Test
  void loggedConversationEventCarriesNoTextNorNumbers() {
    store.recordInbound("telegram", CHAT_ID, TEXT).await();

    assertThat(logs.list)
        .anySatisfy(e -> assertThat(e.getFormattedMessage()).isEqualTo("message stored"));
    for (ILoggingEvent event : logs.list) {
      String line =
          event.getFormattedMessage()
              + event.getKeyValuePairs()
              + java.util.Arrays.toString(event.getArgumentArray());
      assertThat(line)
          .doesNotContain("passport")
          .doesNotContain("123 4567")
          .doesNotContain(CHAT_ID);
    }
  }
}
