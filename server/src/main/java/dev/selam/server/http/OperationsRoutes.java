package dev.selam.server.http;

import dev.selam.core.storage.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * What an orchestrator and a monitoring system ask: is the process alive, can it serve, how is it
 * doing. Readiness covers the database (reachable; migrated before the pool existed) and every
 * check a feature registers, such as the search index.
 */
public final class OperationsRoutes {
  /** Liveness: the process answers. What the container's liveness and startup probes ask. */
  public static final String HEALTH_PATH = "/health";

  /** Readiness: the database answers and the search index is built. */
  public static final String READY_PATH = "/ready";

  /** Prometheus' text format. */
  public static final String METRICS_PATH = "/metrics";

  private final HealthChecks readiness;

  /** {@code database} is still opening (migrating) while the service already listens. */
  public OperationsRoutes(Vertx vertx, Future<Database> database) {
    this.readiness = HealthChecks.create(vertx);
    readiness.register(
        "database",
        2_000,
        promise -> {
          if (!database.isComplete()) {
            promise.complete(Status.KO(new JsonObject().put("state", "opening")));
            return;
          }
          if (database.failed()) {
            promise.complete(Status.KO(new JsonObject().put("state", "failed")));
            return;
          }
          database
              .result()
              .ping()
              .onSuccess(ok -> promise.complete(Status.OK()))
              .onFailure(
                  e ->
                      promise.complete(
                          Status.KO(new JsonObject().put("error", e.getClass().getSimpleName()))));
        });
  }

  /** Lets a feature add to readiness, e.g. "knowledge-index". */
  public HealthChecks readiness() {
    return readiness;
  }

  public void mount(Router router, PrometheusMeterRegistry registry) {
    router
        .get(HEALTH_PATH)
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end("{\"status\":\"UP\"}"));
    router.get(READY_PATH).handler(HealthCheckHandler.createWithHealthChecks(readiness));
    router.get(METRICS_PATH).handler(PrometheusScrapingHandler.create(registry));
  }
}
