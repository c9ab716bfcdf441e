package dev.selam.console.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;

/**
 * Checks a request against its operation in the contract (vertx-openapi's validator), after the
 * access guard: a stranger learns nothing about a route's shape. What does not fit gets 400 with
 * the reasons, one per offending place.
 */
final class ContractValidation {
  private final RequestValidator validator;

  ContractValidation(Vertx vertx, OpenAPIContract contract) {
    this.validator = RequestValidator.create(vertx, contract);
  }

  Handler<RoutingContext> forOperation(Operation operation) {
    return ctx ->
        // extract throws (rather than fails) on a URL it cannot decode, such as "%ZZ"
        Future.<Void>succeededFuture()
            .compose(
                v ->
                    RequestUtils.extract(
                        ctx.request(),
                        operation,
                        () -> Future.succeededFuture(ctx.body().buffer())))
            .compose(request -> validator.validate(request, operation.getOperationId()))
            .onSuccess(
                validated -> {
                  if (NulCharacters.in(validated)) {
                    ApiProblem.send(
                        ctx,
                        400,
                        ApiProblem.INVALID_REQUEST,
                        "The request does not fit the API",
                        "text may not contain the NUL character (U+0000)",
                        new JsonArray());
                    return;
                  }
                  ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
                  ctx.next();
                })
            .onFailure(
                failure -> {
                  if (failure instanceof ValidatorException invalid) {
                    ApiProblem.send(
                        ctx,
                        400,
                        ApiProblem.INVALID_REQUEST,
                        "The request does not fit the API",
                        invalid.getMessage(),
                        errors(invalid));
                  } else if (failure instanceof IllegalArgumentException undecodable) {
                    ApiProblem.send(
                        ctx,
                        400,
                        ApiProblem.INVALID_REQUEST,
                        "The request does not fit the API",
                        "the URL or a parameter cannot be decoded",
                        new JsonArray());
                  } else {
                    ctx.fail(failure);
                  }
                });
  }

  private static JsonArray errors(ValidatorException invalid) {
    JsonArray errors = new JsonArray();
    if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      collect(schema.getOutputUnit(), errors);
    }
    return errors;
  }

  private static void collect(OutputUnit unit, JsonArray into) {
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      unit.getErrors().forEach(child -> collect(child, into));
    } else if (unit.getError() != null) {
      into.add(
          new JsonObject()
              .put("location", unit.getInstanceLocation())
              .put("error", unit.getError()));
    }
  }
}
