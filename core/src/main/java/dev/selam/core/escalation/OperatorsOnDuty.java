package dev.selam.core.escalation;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who can answer now: operators signed in to the console and active within the last few minutes.
 * The bot tells a person honestly whether someone is there; the queue routes by their languages.
 */
public final class OperatorsOnDuty {
  /** Signed in and seen this recently counts as on duty (the console polls and keeps a socket). */
  public static final Duration ACTIVE_WITHIN = Duration.ofMinutes(10);

  private final Pool pool;
  private final Clock clock;

  public OperatorsOnDuty(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** How many operators are on duty and the languages they speak between them. */
  public record OnDuty(int operators, Set<String> languages) {
    public boolean anyone() {
      return operators > 0;
    }
  }

  public Future<OnDuty> now() {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    return pool.preparedQuery(
            "SELECT DISTINCT u.id, u.languages FROM staff_user u"
                + " JOIN staff_session s ON s.staff_id = u.id"
                + " WHERE u.disabled = FALSE AND u.roles LIKE '%operator%'"
                + " AND s.expires_at > ? AND s.last_seen_at > ?")
        .execute(Tuple.of(now, now.minus(ACTIVE_WITHIN)))
        .map(
            rows -> {
              Set<String> languages = new TreeSet<>();
              int operators = 0;
              for (Row row : rows) {
                operators++;
                String spoken = row.getString("languages");
                if (spoken != null) {
                  Arrays.stream(spoken.split(","))
                      .map(String::trim)
                      .filter(l -> !l.isEmpty())
                      .forEach(languages::add);
                }
              }
              return new OnDuty(operators, Set.copyOf(languages));
            });
  }
}
