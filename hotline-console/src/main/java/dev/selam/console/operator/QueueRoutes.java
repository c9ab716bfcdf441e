package dev.selam.console.operator;

import dev.selam.console.api.ApiProblem;
import dev.selam.console.api.ApiReply;
import dev.selam.console.api.ApiRequest;
import dev.selam.console.auth.StaffSession;
import dev.selam.core.audit.AuditEntry;
import dev.selam.core.audit.AuditLog;
import dev.selam.core.escalation.Escalation;
import dev.selam.core.escalation.EscalationStatus;
import dev.selam.core.escalation.EscalationStore;
import dev.selam.core.escalation.OperatorsOnDuty;
import dev.selam.core.identity.Role;
import dev.selam.core.identity.StaffAccount;
import dev.selam.core.identity.StaffAccounts;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The queue and what an operator does with an escalation: claim, release, transfer, close, and the
 * list of those they hold. Every change is one conditional update in the store (a lost race is 409)
 * and is audited.
 */
public final class QueueRoutes {
  private static final int QUEUE_LIMIT = 200;

  private final EscalationStore escalations;
  private final OperatorsOnDuty onDuty;
  private final StaffAccounts staff;
  private final AuditLog audit;
  private final Clock clock;

  public QueueRoutes(
      EscalationStore escalations,
      OperatorsOnDuty onDuty,
      StaffAccounts staff,
      AuditLog audit,
      Clock clock) {
    this.escalations = escalations;
    this.onDuty = onDuty;
    this.staff = staff;
    this.audit = audit;
    this.clock = clock;
  }

  public Map<String, Handler<RoutingContext>> operations() {
    return Map.of(
        "listQueue", this::queue,
        "claimEscalation", this::claim,
        "releaseEscalation", this::release,
        "transferEscalation", this::transfer,
        "closeEscalation", this::close,
        "listMyConversations", this::mine,
        "listOperators", this::operators);
  }

  private void queue(RoutingContext ctx) {
    StaffAccount me = StaffSession.of(ctx).account();
    RequestParameter choice = ApiRequest.validated(ctx).getQuery().get("languages");
    boolean all =
        (choice != null && !choice.isNull() && "all".equals(choice.getString()))
            // a supervisor without languages of their own watches the whole queue
            || (me.languages().isEmpty() && me.roles().contains(Role.SUPERVISOR));
    Future<Set<String>> spoken =
        all ? Future.succeededFuture(null) : onDuty.now().map(OperatorsOnDuty.OnDuty::languages);
    spoken
        .compose(
            onDutyLanguages ->
                all
                    ? escalations.queue(Set.of(), Set.of(), QUEUE_LIMIT)
                    : escalations.queue(
                        Set.copyOf(me.languages()), withMine(onDutyLanguages, me), QUEUE_LIMIT))
        .onFailure(ctx::fail)
        .onSuccess(items -> ApiReply.ok(ctx, new JsonObject().put("items", json(items))));
  }

  /** The caller is on duty whatever the session table says: their languages count as covered. */
  private static Set<String> withMine(Set<String> onDutyLanguages, StaffAccount me) {
    Set<String> covered = new HashSet<>(onDutyLanguages);
    covered.addAll(me.languages());
    return covered;
  }

  private void mine(RoutingContext ctx) {
    escalations
        .heldBy(StaffSession.of(ctx).account().id())
        .onFailure(ctx::fail)
        .onSuccess(items -> ApiReply.ok(ctx, new JsonObject().put("items", json(items))));
  }

  /** Who a conversation can be handed to: no roles, no usernames, nothing but what it takes. */
  private void operators(RoutingContext ctx) {
    staff
        .list()
        .onFailure(ctx::fail)
        .onSuccess(
            all ->
                ApiReply.ok(
                    ctx,
                    new JsonObject()
                        .put(
                            "items",
                            new JsonArray(
                                all.stream()
                                    .filter(a -> !a.disabled() && a.roles().contains(Role.OPERATOR))
                                    .sorted(
                                        java.util.Comparator.comparing(StaffAccount::displayName))
                                    .map(
                                        a ->
                                            new JsonObject()
                                                .put("id", a.id())
                                                .put("displayName", a.displayName())
                                                .put("languages", new JsonArray(a.languages())))
                                    .toList()))));
  }

  private void claim(RoutingContext ctx) {
    String id = ApiRequest.path(ctx, "id");
    StaffSession me = StaffSession.of(ctx);
    escalations
        .claim(id, me.account().id())
        .compose(claimed -> audited(me, "escalation.claimed", id, claimed))
        .onFailure(ctx::fail)
        .onSuccess(claimed -> answer(ctx, id, claimed, "Someone else took it first."));
  }

  private void release(RoutingContext ctx) {
    String id = ApiRequest.path(ctx, "id");
    StaffSession me = StaffSession.of(ctx);
    escalations
        .release(id, me.account().id())
        .compose(released -> audited(me, "escalation.released", id, released))
        .onFailure(ctx::fail)
        .onSuccess(released -> answer(ctx, id, released, "You do not hold it."));
  }

  private void transfer(RoutingContext ctx) {
    String id = ApiRequest.path(ctx, "id");
    StaffSession me = StaffSession.of(ctx);
    JsonObject body = ApiRequest.body(ctx);
    String toOperator = body.getString("operatorId");
    String toLanguage = body.getString("language");
    Future<Optional<Escalation>> transferred;
    if (toOperator != null) {
      transferred =
          staff
              .find(toOperator)
              .compose(
                  target -> {
                    if (target.isEmpty()
                        || target.get().disabled()
                        || !target.get().roles().contains(Role.OPERATOR)) {
                      return Future.failedFuture(new NoSuchOperator());
                    }
                    return escalations.transfer(id, me.account().id(), toOperator);
                  });
    } else {
      transferred = escalations.transferToLanguage(id, me.account().id(), toLanguage);
    }
    transferred
        .compose(
            done ->
                done.isEmpty()
                    ? Future.succeededFuture(done)
                    : audit
                        .append(
                            AuditEntry.of(me.username(), "escalation.transferred", id)
                                .with("toOperator", toOperator)
                                .with("toLanguage", toLanguage))
                        .map(done))
        .onFailure(
            e -> {
              if (e instanceof NoSuchOperator) {
                ApiProblem.send(
                    ctx,
                    400,
                    ApiProblem.INVALID_REQUEST,
                    "No such operator",
                    "Transfer to an active staff member with the operator role.");
              } else {
                ctx.fail(e);
              }
            })
        .onSuccess(done -> answer(ctx, id, done, "You do not hold it."));
  }

  private void close(RoutingContext ctx) {
    String id = ApiRequest.path(ctx, "id");
    StaffSession me = StaffSession.of(ctx);
    JsonObject body = ApiRequest.body(ctx);
    String outcome = body.getString("outcome");
    String category = body.getString("category");
    escalations
        .close(id, me.account().id(), outcome, Optional.of(category))
        .compose(
            closed ->
                closed.isEmpty()
                    ? Future.succeededFuture(closed)
                    : audit
                        .append(
                            AuditEntry.of(me.username(), "escalation.closed", id)
                                .with("outcome", outcome)
                                .with("category", category))
                        .map(closed))
        .onFailure(ctx::fail)
        .onSuccess(closed -> answer(ctx, id, closed, "Another operator holds it."));
  }

  private Future<Optional<Escalation>> audited(
      StaffSession me, String action, String id, Optional<Escalation> changed) {
    if (changed.isEmpty()) {
      return Future.succeededFuture(changed);
    }
    return audit.append(AuditEntry.of(me.username(), action, id)).map(changed);
  }

  /**
   * The changed escalation, or why not: 404 when there is none (or it is not the caller's to see),
   * 409 when its state did not allow the change.
   */
  private void answer(
      RoutingContext ctx, String id, Optional<Escalation> changed, String conflictDetail) {
    if (changed.isPresent()) {
      ApiReply.ok(ctx, EscalationJson.of(changed.get(), clock.instant()));
      return;
    }
    StaffAccount me = StaffSession.of(ctx).account();
    escalations
        .find(id)
        .onFailure(ctx::fail)
        .onSuccess(
            found -> {
              boolean visible =
                  found.isPresent()
                      && (found.get().status() != EscalationStatus.CLAIMED
                          || found.get().operatorId().filter(me.id()::equals).isPresent()
                          || me.roles().contains(Role.SUPERVISOR)
                          || ctx.request().path().endsWith("/claim"));
              if (!visible) {
                ApiProblem.send(ctx, 404, ApiProblem.NOT_FOUND, "Not found", "No such escalation.");
              } else {
                ApiProblem.send(ctx, 409, ApiProblem.CONFLICT, "Conflict", conflictDetail);
              }
            });
  }

  private JsonArray json(List<Escalation> items) {
    var now = clock.instant();
    return new JsonArray(items.stream().map(e -> EscalationJson.of(e, now)).toList());
  }

  private static final class NoSuchOperator extends RuntimeException {
    NoSuchOperator() {
      super(null, null, false, false);
    }
  }
}
