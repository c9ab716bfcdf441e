package dev.selam.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selam.core.storage.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service listens before its database is migrated and its parts are up: liveness answers, and
 * readiness and every other route say "not yet" until the gate opens.
 */
class StartingGateTest {
  Vertx vertx;
  HttpServer server;
  WebClient client;
  final StartingGate gate = new StartingGate();
  final Promise<Database> database = Promise.promise();

  @BeforeEach
  void listen() {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    new OperationsRoutes(vertx, database.future())
        .mount(router, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    router.route().handler(gate);
    router.post("/telegram/webhook").handler(ctx -> ctx.response().end("stored"));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void whileStartingLivenessAnswersAndEverythingElseIsToldToComeBack() {
    assertThat(client.get("/health").send().await().statusCode()).isEqualTo(200);

    HttpResponse<Buffer> ready = client.get("/ready").send().await();
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.bodyAsString()).contains("database").contains("opening");

    HttpResponse<Buffer> webhook =
        client.post("/telegram/webhook").sendBuffer(Buffer.buffer("{}")).await();
    assertThat(webhook.statusCode()).isEqualTo(503);
    assertThat(webhook.getHeader("Retry-After")).isEqualTo("5");
    assertThat(webhook.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(webhook.bodyAsJsonObject().getString("title")).isEqualTo("Starting");
  }

  @Test
  void onceOpenTheRoutesBehindTheGateAnswer() {
    gate.open();

    HttpResponse<Buffer> webhook =
        client.post("/telegram/webhook").sendBuffer(Buffer.buffer("{}")).await();

    assertThat(webhook.statusCode()).isEqualTo(200);
    assertThat(webhook.bodyAsString()).isEqualTo("stored");
  }

  @Test
  void aDatabaseThatFailedToOpenKeepsReadinessDown() {
    database.fail(new IllegalStateException("migration failed"));

    HttpResponse<Buffer> ready = client.get("/ready").send().await();

    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.bodyAsString()).contains("failed");
  }
}
