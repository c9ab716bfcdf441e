package dev.selam.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * A browser as far as the API can tell: keeps the session cookie it was given and sends the CSRF
 * token like the console's script does.
 */
public final class StaffClient {
  public static final String COOKIE = "__Host-selam-session";

  private final WebClient client;
  public String sessionToken;
  public String csrfToken;

  StaffClient(WebClient client) {
    this.client = client;
  }

  public HttpResponse<Buffer> signIn(String username, String password, String code) {
    JsonObject body = new JsonObject().put("username", username).put("password", password);
    if (code != null) {
      body.put("totp", code);
    }
    HttpResponse<Buffer> response = client.post("/api/session").sendJsonObject(body).await();
    for (String header : response.cookies()) {
      if (header.startsWith(COOKIE + "=")) {
        sessionToken = header.substring(COOKIE.length() + 1, header.indexOf(';'));
      }
    }
    if (response.statusCode() == 200) {
      csrfToken = response.bodyAsJsonObject().getString("csrfToken");
    }
    return response;
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (sessionToken != null) {
      request.putHeader("Cookie", COOKIE + "=" + sessionToken);
    }
    if (csrfToken != null) {
      request.putHeader("X-CSRF-Token", csrfToken);
    }
    return request;
  }

  public HttpResponse<Buffer> get(String path) {
    return request(HttpMethod.GET, path).send().await();
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> request = request(method, path);
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return send(HttpMethod.POST, path, body);
  }
}
