package dev.selam.core.escalation;

import dev.selam.core.crypto.FieldCipher;
import dev.selam.core.events.EventAddresses;
import dev.selam.core.risk.RiskLevel;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation queue. Every change is one conditional UPDATE, so two operators (or two replicas)
 * racing for the same escalation cannot both win; the conversation's state follows in the same
 * transaction (queued, with_operator, back to bot when closed), and each change is published on the
 * event bus after it is committed.
 */
public final class EscalationStore {
  static final String REASONS = "escalation.reasons";
  private static final Logger log = LoggerFactory.getLogger(EscalationStore.class);
  private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final String COLUMNS =
      "id, conversation_id, language, level, score, reasons, category, status, operator_id,"
          + " outcome, opened_at, claimed_at, closed_at";

  private final Pool pool;
  private final FieldCipher cipher;
  private final EventBus events;
  private final Clock clock;

  public EscalationStore(Pool pool, FieldCipher cipher, EventBus events, Clock clock) {
    this.pool = pool;
    this.cipher = cipher;
    this.events = events;
    this.clock = clock;
  }

  /** What {@link #open} did. */
  public enum Change {
    /** A new escalation entered the queue. */
    OPENED,
    /** The open escalation of the conversation now has a higher level or score. */
    RAISED,
    /** The conversation already had an open escalation at least as urgent. */
    UNCHANGED
  }

  public record Opened(Escalation escalation, Change change) {}

  /**
   * Puts the conversation in the queue. Idempotent while its escalation is open: asking again
   * changes nothing, unless the new level (or, at the same level, the score) is higher, which
   * raises it in place, keeping its waiting time.
   */
  public Future<Opened> open(EscalationRequest request) {
    return pool.withTransaction(conn -> openOrRaise(conn, request, true))
        .recover(
            failure ->
                isUniqueViolation(failure)
                    // another replica opened it between our look and our insert
                    ? pool.withTransaction(conn -> openOrRaise(conn, request, false))
                    : Future.failedFuture(failure))
        .onSuccess(this::published);
  }

  /**
   * Like {@link #open(EscalationRequest)}, within the caller's transaction, so the escalation
   * exists exactly when the message that raised it does. The caller publishes the result with
   * {@link #published} once the transaction has committed. A replica racing to open the same one
   * fails the transaction (one open escalation per conversation): the caller's retry finds it open.
   */
  public Future<Opened> open(SqlConnection tx, EscalationRequest request) {
    return openOrRaise(tx, request, true);
  }

  /** Tells the consoles about an escalation opened or raised in a committed transaction. */
  public void published(Opened opened) {
    switch (opened.change()) {
      case OPENED -> publish(EventAddresses.ESCALATION_OPENED, opened.escalation());
      case RAISED -> publish(EventAddresses.ESCALATION_RAISED, opened.escalation());
      case UNCHANGED -> {}
    }
  }

  private Future<Opened> openOrRaise(
      SqlConnection conn, EscalationRequest request, boolean mayInsert) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM escalation WHERE open_for = ?")
        .execute(Tuple.of(request.conversationId()))
        .compose(
            rows -> {
              if (rows.iterator().hasNext()) {
                return raise(conn, read(rows.iterator().next()), request);
              }
              if (!mayInsert) {
                return Future.failedFuture(new IllegalStateException("escalation vanished"));
              }
              return insert(conn, request);
            });
  }

  private Future<Opened> insert(SqlConnection conn, EscalationRequest request) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = now();
    return conn.preparedQuery(
            "INSERT INTO escalation (id, conversation_id, open_for, language, level, priority,"
                + " score, reasons, category, status, opened_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)")
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  request.conversationId(),
                  request.conversationId(),
                  request.language().orElse(null),
                  request.level().id(),
                  priority(request.level()),
                  request.score(),
                  cipher.encrypt(request.reasons().encode(), REASONS),
                  request.category().orElse(null),
                  now
                }))
        .compose(
            done ->
                conversationState(conn, request.conversationId(), "queued", "bot")
                    .compose(v -> find(conn, id)))
        .map(escalation -> new Opened(escalation.orElseThrow(), Change.OPENED));
  }

  private Future<Opened> raise(SqlConnection conn, Escalation open, EscalationRequest request) {
    int priority = priority(request.level());
    return conn.preparedQuery(
            "UPDATE escalation SET level = ?, priority = ?, score = ?, reasons = ?,"
                + " category = COALESCE(?, category)"
                + " WHERE id = ? AND open_for IS NOT NULL"
                + " AND (priority < ? OR (priority = ? AND score < ?))")
        .execute(
            Tuple.from(
                new Object[] {
                  request.level().id(),
                  priority,
                  request.score(),
                  cipher.encrypt(request.reasons().encode(), REASONS),
                  request.category().orElse(null),
                  open.id(),
                  priority,
                  priority,
                  request.score()
                }))
        .compose(
            updated ->
                updated.rowCount() == 0
                    ? Future.succeededFuture(new Opened(open, Change.UNCHANGED))
                    : find(conn, open.id())
                        .map(raised -> new Opened(raised.orElseThrow(), Change.RAISED)));
  }

  /**
   * The waiting escalations this operator is offered, most urgent first: by level, then score, then
   * the longest wait. An operator sees those in the languages they speak, and those in a language
   * that no operator on duty speaks (someone must answer them).
   *
   * @param operatorLanguages the languages of the operator asking
   * @param onDutyLanguages the languages of every operator on duty (the console knows who is)
   */
  public Future<List<Escalation>> queue(
      Set<String> operatorLanguages, Set<String> onDutyLanguages, int limit) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM escalation WHERE status = 'waiting'"
                + " ORDER BY priority DESC, score DESC, opened_at ASC, id ASC")
        .execute()
        .map(
            rows -> {
              List<Escalation> offered = new ArrayList<>();
              for (Row row : rows) {
                Escalation escalation = read(row);
                if (offeredTo(escalation, operatorLanguages, onDutyLanguages)) {
                  offered.add(escalation);
                  if (offered.size() >= limit) {
                    break;
                  }
                }
              }
              return offered;
            });
  }

  static boolean offeredTo(
      Escalation escalation, Set<String> operatorLanguages, Set<String> onDutyLanguages) {
    return escalation
        .language()
        .map(
            language -> operatorLanguages.contains(language) || !onDutyLanguages.contains(language))
        .orElse(true);
  }

  /** Takes a waiting escalation: exactly one of several operators trying at once gets it. */
  public Future<Optional<Escalation>> claim(String escalationId, String operatorId) {
    return change(
        EventAddresses.ESCALATION_CLAIMED,
        escalationId,
        "UPDATE escalation SET status = 'claimed', operator_id = ?, claimed_at = ?"
            + " WHERE id = ? AND status = 'waiting'",
        Tuple.of(operatorId, now(), escalationId),
        "with_operator");
  }

  /** Gives a claimed escalation back to the queue, in the place its waiting time gives it. */
  public Future<Optional<Escalation>> release(String escalationId, String operatorId) {
    return change(
        EventAddresses.ESCALATION_RELEASED,
        escalationId,
        "UPDATE escalation SET status = 'waiting', operator_id = NULL, claimed_at = NULL"
            + " WHERE id = ? AND status = 'claimed' AND operator_id = ?",
        Tuple.of(escalationId, operatorId),
        "queued");
  }

  /** Hands a claimed escalation from one operator to another. */
  public Future<Optional<Escalation>> transfer(
      String escalationId, String fromOperatorId, String toOperatorId) {
    return change(
        EventAddresses.ESCALATION_TRANSFERRED,
        escalationId,
        "UPDATE escalation SET operator_id = ?, claimed_at = ?"
            + " WHERE id = ? AND status = 'claimed' AND operator_id = ?",
        Tuple.of(toOperatorId, now(), escalationId, fromOperatorId),
        null);
  }

  /**
   * Hands a claimed escalation to the operators of another language: it waits again, in the place
   * its waiting time gives it, in that language's queue.
   */
  public Future<Optional<Escalation>> transferToLanguage(
      String escalationId, String fromOperatorId, String language) {
    return change(
        EventAddresses.ESCALATION_TRANSFERRED,
        escalationId,
        "UPDATE escalation SET status = 'waiting', operator_id = NULL, claimed_at = NULL,"
            + " language = ? WHERE id = ? AND status = 'claimed' AND operator_id = ?",
        Tuple.of(language, escalationId, fromOperatorId),
        "queued");
  }

  /** The escalations an operator holds now, the longest held first. */
  public Future<List<Escalation>> heldBy(String operatorId) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM escalation WHERE status = 'claimed' AND operator_id = ?"
                + " ORDER BY claimed_at ASC, id ASC")
        .execute(Tuple.of(operatorId))
        .map(
            rows -> {
              List<Escalation> held = new ArrayList<>();
              rows.forEach(row -> held.add(read(row)));
              return held;
            });
  }

  /**
   * Closes an escalation the operator holds (or one still waiting, say a duplicate) with an outcome
   * and, if the operator corrects it, a category; the conversation goes back to the bot. Outcome
   * and category are short labels: lower-case letters, digits and dashes.
   */
  public Future<Optional<Escalation>> close(
      String escalationId, String operatorId, String outcome, Optional<String> category) {
    if (!LABEL.matcher(outcome).matches()
        || category.filter(c -> !LABEL.matcher(c).matches()).isPresent()) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "outcome and category are labels like 'referred' or 'trafficking-labour'"));
    }
    return change(
        EventAddresses.ESCALATION_CLOSED,
        escalationId,
        "UPDATE escalation SET status = 'closed', open_for = NULL, closed_at = ?, outcome = ?,"
            + " category = COALESCE(?, category), operator_id = ?"
            + " WHERE id = ? AND (status = 'waiting' OR (status = 'claimed' AND operator_id = ?))",
        Tuple.from(
            new Object[] {
              now(), outcome, category.orElse(null), operatorId, escalationId, operatorId
            }),
        "bot");
  }

  public Future<Optional<Escalation>> find(String escalationId) {
    return pool.withConnection(conn -> find(conn, escalationId));
  }

  /** The conversation's open escalation, if it has one. */
  public Future<Optional<Escalation>> openFor(String conversationId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM escalation WHERE open_for = ?")
        .execute(Tuple.of(conversationId))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? Optional.of(read(rows.iterator().next()))
                    : Optional.empty());
  }

  /**
   * One conditional UPDATE: empty when its condition did not hold (claimed by someone else, not
   * this operator's, already closed), else the escalation as it now is.
   */
  private Future<Optional<Escalation>> change(
      String address, String escalationId, String sql, Tuple arguments, String conversationState) {
    return pool.withTransaction(
            conn ->
                conn.preparedQuery(sql)
                    .execute(arguments)
                    .compose(
                        updated -> {
                          if (updated.rowCount() == 0) {
                            return Future.succeededFuture(Optional.<Escalation>empty());
                          }
                          return find(conn, escalationId)
                              .compose(
                                  escalation ->
                                      conversationState == null
                                          ? Future.succeededFuture(escalation)
                                          : conversationState(
                                                  conn,
                                                  escalation.orElseThrow().conversationId(),
                                                  conversationState,
                                                  null)
                                              .map(escalation));
                        }))
        .recover(
            failure ->
                isLostRace(failure)
                    ? Future.succeededFuture(Optional.empty())
                    : Future.failedFuture(failure))
        .onSuccess(changed -> changed.ifPresent(escalation -> publish(address, escalation)));
  }

  private Future<Void> conversationState(
      SqlConnection conn, String conversationId, String state, String onlyFrom) {
    String sql =
        "UPDATE conversation SET state = ? WHERE id = ? AND state <> 'closed'"
            + (onlyFrom == null ? "" : " AND state = ?");
    Tuple arguments =
        onlyFrom == null
            ? Tuple.of(state, conversationId)
            : Tuple.of(state, conversationId, onlyFrom);
    return conn.preparedQuery(sql).execute(arguments).mapEmpty();
  }

  private Future<Optional<Escalation>> find(SqlConnection conn, String escalationId) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM escalation WHERE id = ?")
        .execute(Tuple.of(escalationId))
        .map(this::first);
  }

  private Optional<Escalation> first(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Optional.of(read(rows.iterator().next())) : Optional.empty();
  }

  private Escalation read(Row row) {
    String reasons = row.getString("reasons");
    return new Escalation(
        row.getString("id"),
        row.getString("conversation_id"),
        Optional.ofNullable(row.getString("language")),
        RiskLevel.parse(row.getString("level")),
        row.getDouble("score"),
        reasons == null ? new JsonArray() : new JsonArray(cipher.decrypt(reasons, REASONS)),
        Optional.ofNullable(row.getString("category")),
        EscalationStatus.parse(row.getString("status")),
        Optional.ofNullable(row.getString("operator_id")),
        Optional.ofNullable(row.getString("outcome")),
        instant(row.getValue("opened_at")),
        Optional.ofNullable(row.getValue("claimed_at")).map(EscalationStore::instant),
        Optional.ofNullable(row.getValue("closed_at")).map(EscalationStore::instant));
  }

  private void publish(String address, Escalation escalation) {
    events.publish(address, escalation.toEvent());
    log.atInfo()
        .addKeyValue("event", address)
        .addKeyValue("escalation", escalation.id())
        .addKeyValue("conversation", escalation.conversationId())
        .addKeyValue("level", escalation.level().id())
        .addKeyValue("status", escalation.status().id())
        .log("escalation changed");
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  static int priority(RiskLevel level) {
    return level.ordinal();
  }

  private static Instant instant(Object value) {
    return switch (value) {
      case OffsetDateTime odt -> odt.toInstant();
      case LocalDateTime ldt -> ldt.toInstant(ZoneOffset.UTC);
      case java.sql.Timestamp ts -> ts.toInstant();
      case Instant i -> i;
      default -> throw new IllegalStateException("unexpected time value " + value.getClass());
    };
  }

  /** SQL state class 23: a constraint held (here, one open escalation per conversation). */
  private static boolean isUniqueViolation(Throwable failure) {
    return sqlState(failure).filter(state -> state.startsWith("23")).isPresent();
  }

  /**
   * A concurrent update the database refused rather than serialised (H2 may do this where
   * PostgreSQL waits): the other operator won.
   */
  private static boolean isLostRace(Throwable failure) {
    return sqlState(failure)
        .filter(state -> state.equals("40001") || state.equals("90131") || state.equals("HYT00"))
        .isPresent();
  }

  private static Optional<String> sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
    }
    return Optional.empty();
  }
}
