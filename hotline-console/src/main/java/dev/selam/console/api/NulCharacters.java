package dev.selam.console.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.validation.Parameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Map;

/**
 * Finds the NUL character (U+0000) in what a request carries. JSON allows it ({@code "\u0000"}) and
 * so does the contract, but PostgreSQL stores no NUL in text: such a request (a sign-in name, a
 * canned reply's title) failed in the database with a 500 instead of a clear 400.
 */
final class NulCharacters {
  private NulCharacters() {}

  static boolean in(ValidatedRequest request) {
    return in(request.getPathParameters())
        || in(request.getQuery())
        || (request.getBody() != null && in(request.getBody().get()));
  }

  private static boolean in(Map<String, ? extends Parameter> parameters) {
    return parameters != null && parameters.values().stream().anyMatch(p -> in(p.get()));
  }

  private static boolean in(Object value) {
    return switch (value) {
      case String text -> text.indexOf('\0') >= 0;
      case JsonObject object ->
          object.fieldNames().stream().anyMatch(name -> in(name) || in(object.getValue(name)));
      case JsonArray array -> array.stream().anyMatch(NulCharacters::in);
      case null, default -> false;
    };
  }
}
