package dev.selam.console.dashboard;

import dev.selam.core.storage.SqlTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Supervisors' figures, from the escalation and conversation tables only (no message text, no
 * contact): the live queue, how long people wait for a person, and daily counts by outcome and
 * category. Days are UTC days.
 */
public final class Statistics {
  /** Labels are short lower-case words; anything else is reported as "other" (CSV safety too). */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  private final Pool pool;
  private final Clock clock;

  public Statistics(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** One escalation as statistics see it. */
  record Escalated(
      String language, String category, String outcome, Instant openedAt, Instant claimedAt) {}

  public Future<JsonObject> dashboard(int days) {
    Instant now = clock.instant();
    LocalDate first = firstDay(now, days);
    return Future.all(waiting(), escalationsSince(first), conversationsSince(first))
        .map(
            all -> {
              List<Waiting> waiting = all.resultAt(0);
              List<Escalated> escalations = all.resultAt(1);
              List<Instant> conversations = all.resultAt(2);
              return new JsonObject()
                  .put("queue", queue(waiting))
                  .put("longestWaitSeconds", longestWait(waiting, now))
                  .put("timeToClaim", timeToClaim(escalations))
                  .put("days", perDay(first, now, escalations, conversations))
                  .put("outcomes", counts(escalations, Escalated::outcome))
                  .put("categories", counts(escalations, Escalated::category));
            });
  }

  /** {@code day,language,category,outcome,escalations}: counts only, oldest day first. */
  public Future<String> csv(int days) {
    LocalDate first = firstDay(clock.instant(), days);
    return escalationsSince(first)
        .map(
            escalations -> {
              Map<String, Integer> counts = new TreeMap<>();
              for (Escalated e : escalations) {
                String key =
                    String.join(
                        ",",
                        day(e.openedAt()).toString(),
                        label(e.language()),
                        label(e.category()),
                        e.outcome() == null ? "open" : label(e.outcome()));
                counts.merge(key, 1, Integer::sum);
              }
              StringBuilder csv = new StringBuilder("day,language,category,outcome,escalations\n");
              counts.forEach((key, n) -> csv.append(key).append(',').append(n).append('\n'));
              return csv.toString();
            });
  }

  /** A waiting escalation: what the live queue counts. */
  record Waiting(String level, String language, Instant openedAt) {}

  private Future<List<Waiting>> waiting() {
    return pool.preparedQuery(
            "SELECT level, language, opened_at FROM escalation WHERE status = 'waiting'")
        .execute()
        .map(
            rows -> {
              List<Waiting> all = new ArrayList<>();
              for (Row row : rows) {
                all.add(
                    new Waiting(
                        row.getString("level"),
                        row.getString("language"),
                        SqlTime.instant(row, "opened_at")));
              }
              return all;
            });
  }

  private Future<List<Escalated>> escalationsSince(LocalDate first) {
    return escalations(
        "SELECT language, category, outcome, opened_at, claimed_at FROM escalation"
            + " WHERE opened_at >= ?",
        Tuple.of(SqlTime.utc(first.atStartOfDay(ZoneOffset.UTC).toInstant())));
  }

  private Future<List<Escalated>> escalations(String sql, Tuple args) {
    return pool.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              List<Escalated> all = new ArrayList<>();
              for (Row row : rows) {
                all.add(
                    new Escalated(
                        row.getString("language"),
                        row.getString("category"),
                        row.getString("outcome"),
                        SqlTime.instant(row, "opened_at"),
                        SqlTime.instant(row, "claimed_at")));
              }
              return all;
            });
  }

  private Future<List<Instant>> conversationsSince(LocalDate first) {
    return pool.preparedQuery("SELECT opened_at FROM conversation WHERE opened_at >= ?")
        .execute(Tuple.of(SqlTime.utc(first.atStartOfDay(ZoneOffset.UTC).toInstant())))
        .map(
            rows -> {
              List<Instant> all = new ArrayList<>();
              rows.forEach(row -> all.add(SqlTime.instant(row, "opened_at")));
              return all;
            });
  }

  private static JsonArray queue(List<Waiting> waiting) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Waiting w : waiting) {
      counts.merge(w.level() + "\t" + (w.language() == null ? "" : w.language()), 1, Integer::sum);
    }
    JsonArray queue = new JsonArray();
    counts.forEach(
        (key, n) -> {
          String[] parts = key.split("\t", -1);
          queue.add(
              new JsonObject()
                  .put("level", parts[0])
                  .put("language", parts[1].isEmpty() ? null : parts[1])
                  .put("waiting", n));
        });
    return queue;
  }

  private static long longestWait(List<Waiting> waiting, Instant now) {
    return waiting.stream()
        .map(Waiting::openedAt)
        .min(Instant::compareTo)
        .map(oldest -> Math.max(0, Duration.between(oldest, now).toSeconds()))
        .orElse(0L);
  }

  private static JsonObject timeToClaim(List<Escalated> escalations) {
    List<Long> seconds = new ArrayList<>();
    for (Escalated e : escalations) {
      if (e.claimedAt() != null) {
        seconds.add(Math.max(0, Duration.between(e.openedAt(), e.claimedAt()).toSeconds()));
      }
    }
    Collections.sort(seconds);
    return new JsonObject()
        .put("claims", seconds.size())
        .put("medianSeconds", percentile(seconds, 50))
        .put("p90Seconds", percentile(seconds, 90));
  }

  /** Nearest-rank percentile of sorted values; null when there are none. */
  static Long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static JsonArray perDay(
      LocalDate first, Instant now, List<Escalated> escalations, List<Instant> conversations) {
    Map<LocalDate, int[]> days = new TreeMap<>();
    for (LocalDate d = first; !d.isAfter(day(now)); d = d.plusDays(1)) {
      days.put(d, new int[2]);
    }
    conversations.forEach(at -> days.computeIfAbsent(day(at), d -> new int[2])[0]++);
    escalations.forEach(e -> days.computeIfAbsent(day(e.openedAt()), d -> new int[2])[1]++);
    JsonArray out = new JsonArray();
    days.forEach(
        (day, n) ->
            out.add(
                new JsonObject()
                    .put("day", day.toString())
                    .put("conversations", n[0])
                    .put("escalations", n[1])));
    return out;
  }

  private static JsonObject counts(
      List<Escalated> escalations, java.util.function.Function<Escalated, String> field) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Escalated e : escalations) {
      String value = field.apply(e);
      if (value != null) {
        counts.merge(label(value), 1, Integer::sum);
      }
    }
    JsonObject json = new JsonObject();
    counts.forEach(json::put);
    return json;
  }

  private static String label(String value) {
    if (value == null) {
      return "unknown";
    }
    return LABEL.matcher(value).matches() ? value : "other";
  }

  private static LocalDate firstDay(Instant now, int days) {
    return day(now).minusDays(days - 1L);
  }

  private static LocalDate day(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate();
  }
}
