package dev.selam.console;

import dev.selam.console.api.ConsoleApi;
import dev.selam.console.api.OperationAccess;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every route of the API's router, as a request a test can send. */
record ApiRoutes(HttpMethod method, String template, Operation operation) {
  static final String SOME_ID = "00000000-0000-4000-8000-000000000000";

  static List<ApiRoutes> of(ConsoleApi api) {
    List<ApiRoutes> routes = new ArrayList<>();
    for (Route route : api.router().getRoutes()) {
      Operation operation = route.getMetadata(RouterBuilder.KEY_META_DATA_OPERATION);
      for (HttpMethod method : route.methods()) {
        routes.add(new ApiRoutes(method, route.getPath(), operation));
      }
    }
    routes.sort(Comparator.comparing(ApiRoutes::toString));
    return routes;
  }

  /** The path with every parameter filled in. */
  String path() {
    return template.replaceAll(":[A-Za-z]+", SOME_ID);
  }

  String id() {
    return operation.getOperationId();
  }

  OperationAccess access() {
    return OperationAccess.of(operation);
  }

  boolean changesState() {
    return method != HttpMethod.GET && method != HttpMethod.HEAD;
  }

  @Override
  public String toString() {
    return method + " " + template;
  }
}
