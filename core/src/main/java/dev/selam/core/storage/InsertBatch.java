package dev.selam.core.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows a transaction inserts and does not read back, written together before it commits: one
 * batched statement per kind of row instead of one statement (and, on PostgreSQL, one round trip)
 * per row. Messages handled in a shared commit add their rows here, and the commit writes them all.
 *
 * <p>Rows of one statement are written in the order they were added; statements in the order they
 * were first used. A step that reads these tables in the same transaction flushes first.
 */
public final class InsertBatch {
  private final Map<String, List<Tuple>> rows = new LinkedHashMap<>();

  public void add(String sql, Tuple row) {
    rows.computeIfAbsent(sql, s -> new ArrayList<>()).add(row);
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Writes every row added so far through {@code tx}, then forgets them. */
  public Future<Void> flush(SqlConnection tx) {
    List<Map.Entry<String, List<Tuple>>> pending = new ArrayList<>(rows.entrySet());
    rows.clear();
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, List<Tuple>> statement : pending) {
      chain =
          chain.compose(
              v -> {
                List<Tuple> batch = statement.getValue();
                var query = tx.preparedQuery(statement.getKey());
                return (batch.size() == 1 ? query.execute(batch.get(0)) : query.executeBatch(batch))
                    .mapEmpty();
              });
    }
    return chain;
  }
}
