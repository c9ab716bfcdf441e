package dev.selam.bot.webchat;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The page at {@code /chat} and its assets, and the headers every chat route gets: embedding in a
 * frame and cross-origin calls only from the configured origins (every other route keeps {@code
 * frame-ancestors 'none'}), and nothing cached that could show the conversation later.
 */
final class WebChatPage {
  private final WebChatSettings settings;
  private final String page;

  WebChatPage(WebChatSettings settings) {
    this.settings = settings;
    // The exit link is in the page itself: it works before any script has loaded.
    this.page =
        resource("/webchat/index.html")
            .replace("{{EXIT_URL}}", attribute(settings.exitUrl().toString()));
  }

  void mount(Router router) {
    router.route("/chat*").handler(this::embedding);
    router.options("/chat/api/*").handler(this::preflight);
    router.get("/chat").handler(this::page);
    router.get("/chat/").handler(this::page);
    router
        .get("/chat/assets/*")
        .handler(
            StaticHandler.create("webchat/assets")
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                .setMaxAgeSeconds(3600));
  }

  private void page(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(page);
  }

  private void embedding(RoutingContext ctx) {
    List<String> origins = settings.allowedOrigins();
    MultiMap headers = ctx.response().headers();
    if (!origins.isEmpty()) {
      String policy = headers.get("Content-Security-Policy");
      String ancestors = "frame-ancestors 'self' " + String.join(" ", origins);
      headers.set(
          "Content-Security-Policy",
          policy == null ? ancestors : policy.replaceAll("frame-ancestors [^;]*", ancestors));
      headers.remove("X-Frame-Options");
      headers.set("Cross-Origin-Resource-Policy", "cross-origin");
      String origin = ctx.request().getHeader("Origin");
      if (origin != null && origins.contains(origin.toLowerCase(java.util.Locale.ROOT))) {
        headers
            .set("Access-Control-Allow-Origin", origin)
            .set("Access-Control-Expose-Headers", "Retry-After")
            .add("Vary", "Origin");
      }
    }
    ctx.next();
  }

  private void preflight(RoutingContext ctx) {
    if (ctx.response().headers().contains("Access-Control-Allow-Origin")) {
      ctx.response()
          .putHeader("Access-Control-Allow-Methods", "GET, POST")
          .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key")
          .putHeader("Access-Control-Max-Age", "600");
    }
    ctx.response().setStatusCode(204).end();
  }

  private static String attribute(String value) {
    return value
        .replace("&", "&amp;")
        .replace("\"", "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  private static String resource(String name) {
    try (InputStream in = WebChatPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
