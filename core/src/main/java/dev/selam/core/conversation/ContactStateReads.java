package dev.selam.core.conversation;

import dev.selam.core.conversation.ConversationStore.ContactState;
import dev.selam.core.risk.RiskLevel;
import dev.selam.core.storage.Batcher;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads where people stand, many at a time: while one read runs, the reads asked for meanwhile wait
 * and then go as one query ({@link Batcher}). Every message starts with this read, outside any
 * transaction; under load one round trip now serves a burst of messages instead of each paying its
 * own.
 */
final class ContactStateReads {
  /** The read of one contact: its channel and the pseudonym of its id there. */
  record Key(String channel, String pseudonym) {}

  private static final int MAX_BATCH = 64;
  private static final int PARALLEL_READS = 2;

  private final Pool pool;
  private final Batcher<Key, Optional<ContactState>> reads =
      new Batcher<>(MAX_BATCH, PARALLEL_READS, false, this::readAll);

  ContactStateReads(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<ContactState>> read(Key key) {
    return reads.submit(key);
  }

  private Future<List<Optional<ContactState>>> readAll(List<Key> keys) {
    Map<String, List<String>> byChannel = new LinkedHashMap<>();
    for (Key key : keys) {
      byChannel.computeIfAbsent(key.channel(), c -> new ArrayList<>()).add(key.pseudonym());
    }
    List<Future<Map<Key, ContactState>>> queries = new ArrayList<>();
    byChannel.forEach((channel, pseudonyms) -> queries.add(read(channel, pseudonyms)));
    return Future.all(queries)
        .map(
            done -> {
              Map<Key, ContactState> found = new HashMap<>();
              queries.forEach(query -> found.putAll(query.result()));
              return keys.stream().map(key -> Optional.ofNullable(found.get(key))).toList();
            });
  }

  /**
   * One query for these contacts of one channel. The list of pseudonyms is padded to a power of two
   * (with repeats of the last, which change nothing), so a handful of statements serve every batch
   * size and the driver's statement cache keeps them all.
   */
  private Future<Map<Key, ContactState>> read(String channel, List<String> pseudonyms) {
    int size = Integer.highestOneBit(pseudonyms.size());
    size = size == pseudonyms.size() ? size : size * 2;
    Tuple params = Tuple.tuple().addString(channel);
    for (int i = 0; i < size; i++) {
      params.addString(pseudonyms.get(Math.min(i, pseudonyms.size() - 1)));
    }
    return pool.preparedQuery(
            "SELECT c.pseudonym, c.id, c.language, c.language_chosen, v.id AS conversation_id,"
                + " v.state, v.risk_level, v.risk_score FROM contact c LEFT JOIN conversation v"
                + " ON v.id = (SELECT o.id FROM conversation o WHERE o.contact_id = c.id"
                + " AND o.state <> 'closed' ORDER BY o.opened_at DESC LIMIT 1)"
                + " WHERE c.channel = ? AND c.pseudonym IN ("
                + "?, ".repeat(size - 1)
                + "?)")
        .execute(params)
        .map(
            rows -> {
              Map<Key, ContactState> found = new HashMap<>();
              for (Row row : rows) {
                found.put(new Key(channel, row.getString("pseudonym")), state(row));
              }
              return found;
            });
  }

  private static ContactState state(Row row) {
    return new ContactState(
        row.getString("id"),
        row.getString("conversation_id"),
        row.getString("language"),
        Boolean.TRUE.equals(row.getBoolean("language_chosen")),
        row.getString("state"),
        row.getString("risk_level") == null
            ? RiskLevel.NONE
            : RiskLevel.parse(row.getString("risk_level")),
        row.getDouble("risk_score") == null ? 0 : row.getDouble("risk_score"));
  }
}
