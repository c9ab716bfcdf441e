package dev.selam.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/** Mounts the staff console: its static UI at {@code /} (the staff API joins it here). */
public final class ConsoleRoutes {
  private ConsoleRoutes() {}

  public static void mount(Router router) {
    router
        .route("/*")
        .handler(
            StaticHandler.create("console")
                .setIndexPage("index.html")
                .setDirectoryListing(false)
                .setIncludeHidden(false));
  }
}
