package dev.selam.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Mounts the staff console: its static UI at {@code /}, and the libraries it uses from WebJars at
 * {@code /webjars/...} (from the jar, no build step, nothing fetched at run time).
 */
public final class ConsoleRoutes {
  private ConsoleRoutes() {}

  public static void mount(Router router) {
    router
        .route("/webjars/*")
        .handler(
            StaticHandler.create("META-INF/resources/webjars")
                .setDirectoryListing(false)
                .setIncludeHidden(false));
    router
        .route("/*")
        .handler(
            StaticHandler.create("console")
                .setIndexPage("index.html")
                .setDirectoryListing(false)
                .setIncludeHidden(false));
  }
}
