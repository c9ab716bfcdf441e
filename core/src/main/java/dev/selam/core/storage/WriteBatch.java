package dev.selam.core.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a transaction makes and does not read back (inserts with ids made here, updates whose row
 * count nobody checks, or checks only later), run together: one batched statement per kind of write
 * instead of one statement (and, on PostgreSQL, one round trip) per row. Messages handled in a
 * shared commit add their writes here, and the commit runs them all.
 *
 * <p>Writes of one statement run in the order they were added; statements in the order they were
 * first used. A step that reads what these writes change, in the same transaction, flushes first.
 */
public final class WriteBatch {
  /** A write, and where its row count goes (null when nobody asked). */
  private record Write(Tuple row, Promise<Integer> count) {}

  private final Map<String, List<Write>> writes = new LinkedHashMap<>();

  public void add(String sql, Tuple row) {
    append(sql, new Write(row, null));
  }

  /**
   * Adds a write whose row count the caller needs: the future completes when a flush has run it
   * (and fails with the flush).
   */
  public Future<Integer> addCounted(String sql, Tuple row) {
    Promise<Integer> count = Promise.promise();
    append(sql, new Write(row, count));
    return count.future();
  }

  private void append(String sql, Write write) {
    writes.computeIfAbsent(sql, s -> new ArrayList<>()).add(write);
  }

  public boolean isEmpty() {
    return writes.isEmpty();
  }

  /** Runs every write added so far through {@code tx}, then forgets them. */
  public Future<Void> flush(SqlConnection tx) {
    List<Map.Entry<String, List<Write>>> pending = new ArrayList<>(writes.entrySet());
    writes.clear();
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, List<Write>> statement : pending) {
      chain = chain.compose(v -> run(tx, statement.getKey(), statement.getValue()));
    }
    return chain.onFailure(
        failure -> {
          for (Map.Entry<String, List<Write>> statement : pending) {
            for (Write write : statement.getValue()) {
              if (write.count() != null) {
                write.count().tryFail(failure);
              }
            }
          }
        });
  }

  private static Future<Void> run(SqlConnection tx, String sql, List<Write> batch) {
    var query = tx.preparedQuery(sql);
    if (batch.size() == 1) {
      return query
          .execute(batch.get(0).row())
          .map(
              rows -> {
                complete(batch.get(0), rows.rowCount());
                return null;
              });
    }
    return query
        .executeBatch(batch.stream().map(Write::row).toList())
        .map(
            counts -> {
              List<Integer> perRow = perRow(counts);
              for (int i = 0; i < batch.size(); i++) {
                complete(batch.get(i), i < perRow.size() ? perRow.get(i) : null);
              }
              return null;
            });
  }

  /**
   * The row count of each write of a batch: the JDBC client answers a batch with one row per write
   * holding its update count.
   */
  private static List<Integer> perRow(RowSet<Row> counts) {
    List<Integer> perRow = new ArrayList<>();
    for (Row row : counts) {
      perRow.add(row.getInteger(0));
    }
    return perRow;
  }

  private static void complete(Write write, Integer count) {
    if (write.count() == null) {
      return;
    }
    if (count == null) {
      write.count().tryFail(new IllegalStateException("the database gave no row count"));
    } else {
      write.count().tryComplete(count);
    }
  }
}
