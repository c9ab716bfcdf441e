package dev.selam.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Requests that do not fit, made from one operation of the staff API's contract: a well-formed body
 * built from the request schema, then one change at a time (a field missing, of the wrong type,
 * null, huge, at its limits in characters a database may count differently, markup, control
 * characters), bodies that are not JSON at all or not UTF-8 or sent as another content type, path
 * parameters with traversal, markup and huge numbers, and query parameters of every wrong kind.
 * Schema references are resolved against the whole document.
 */
final class MalformedRequests {
  static final int HUGE = 300_000;

  /** One request to send: its path with the query, content type (null: none), body and label. */
  record Request(String path, String contentType, Buffer body, String label) {}

  private final JsonObject document;
  private final Random random;

  MalformedRequests(JsonObject document, long seed) {
    this.document = document;
    this.random = new Random(seed);
  }

  /**
   * Every malformed request for an operation.
   *
   * @param template the path as the contract writes it ({@code /api/staff/{id}})
   * @param operation the operation's object in the contract
   * @param realValues a value that exists for each path parameter, by name (an escalation's id)
   */
  List<Request> of(
      String template, JsonObject pathItem, JsonObject operation, Map<String, String> realValues) {
    List<JsonObject> parameters = parameters(pathItem, operation);
    String realPath = fill(template, realValues, null, null);
    JsonObject bodySchema = requestSchema(operation);
    List<Request> requests = new ArrayList<>();

    Buffer wellFormed = Buffer.buffer();
    if (bodySchema != null) {
      Object base = example(bodySchema, 0);
      wellFormed = Buffer.buffer(encode(base));
      requests.add(json(realPath, wellFormed, "well-formed body"));
      for (Variant variant : bodyVariants(bodySchema, base)) {
        requests.add(json(realPath, Buffer.buffer(variant.json), variant.label));
      }
      requests.add(json(realPath, Buffer.buffer(encode(base).replaceFirst("}$", "")), "truncated"));
      requests.add(
          json(
              realPath,
              Buffer.buffer("{\"x\":\"")
                  .appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE})
                  .appendString("\"}"),
              "invalid UTF-8"));
      requests.add(
          json(
              realPath,
              Buffer.buffer(
                  encode(base)
                      .replaceFirst("\"([^\"]*)\"(?=\\s*[,}])", "\"\\\\ud800\\\\udfff\\\\ud800\"")),
              "lone surrogates escaped"));
      requests.add(json(realPath, Buffer.buffer("[" + encode(base) + "]"), "array, not object"));
      requests.add(json(realPath, Buffer.buffer("\"" + "x".repeat(100) + "\""), "a string"));
      requests.add(json(realPath, Buffer.buffer("null"), "null body"));
      requests.add(json(realPath, Buffer.buffer("{}"), "empty object"));
      requests.add(json(realPath, Buffer.buffer("{\"a\":".repeat(3_000)), "unclosed nesting"));
      requests.add(
          json(
              realPath,
              Buffer.buffer("{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"),
              "deep nesting"));
      requests.add(json(realPath, Buffer.buffer("{\"a\":1,\"a\":2}"), "duplicate keys"));
      requests.add(json(realPath, randomBytes(2_000), "random bytes"));
    }
    requests.add(new Request(realPath, "text/plain", wellFormed, "text/plain"));
    requests.add(
        new Request(
            realPath,
            "application/x-www-form-urlencoded",
            Buffer.buffer("username=a&roles=admin&text=%FF%FE"),
            "form-encoded"));
    requests.add(
        new Request(
            realPath,
            "multipart/form-data; boundary=xyz",
            Buffer.buffer(
                "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--xyz--"),
            "multipart"));
    requests.add(
        new Request(realPath, "application/json; charset=ISO-8859-1", wellFormed, "latin1"));
    requests.add(new Request(realPath, "application/xml", Buffer.buffer("<a>&x;</a>"), "xml"));
    requests.add(new Request(realPath, null, wellFormed, "no content type"));
    requests.add(json(realPath, Buffer.buffer(), "empty body"));

    for (JsonObject parameter : parameters) {
      String name = parameter.getString("name");
      if ("path".equals(parameter.getString("in"))) {
        for (String value : BAD_PATH_VALUES) {
          requests.add(
              json(
                  fill(template, realValues, name, value),
                  wellFormed,
                  "path " + name + "=" + value));
        }
      } else if ("query".equals(parameter.getString("in"))) {
        for (String value : BAD_QUERY_VALUES) {
          requests.add(
              json(
                  realPath + "?" + name + "=" + value,
                  wellFormed,
                  "query " + name + "=" + shorten(value)));
        }
        requests.add(
            json(
                realPath + "?" + name + "=1&" + name + "=2",
                wellFormed,
                "query " + name + " twice"));
      }
    }
    requests.add(json(realPath + "?" + "x=" + "a".repeat(6_000), wellFormed, "long query"));
    requests.add(json(realPath + "?%ZZ=1&a=%E0%A4%A", wellFormed, "undecodable query"));
    return requests;
  }

  /** Values that are not what a path parameter wants; percent-encoded as a client would send. */
  static final List<String> BAD_PATH_VALUES =
      List.of(
          "..%2F..%2F..%2Fetc%2Fpasswd",
          "..",
          "%2e%2e",
          "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
          "99999999999999999999999999",
          "-1",
          "0",
          "1.5",
          "9223372036854775808",
          "00000000-0000-0000-0000-000000000000",
          "FFFFFFFF-FFFF-4FFF-8FFF-FFFFFFFFFFFF",
          "%00",
          "%F0%9F%92%A9",
          "%FF%FE",
          "'%20OR%201%3D1--",
          "a".repeat(2_000),
          "%20");

  static final List<String> BAD_QUERY_VALUES =
      List.of(
          "",
          "-1",
          "0",
          "abc",
          "1.5",
          "1e400",
          "99999999999999999999999",
          "9223372036854775807",
          "9223372036854775808",
          "2147483648",
          "true",
          "%00",
          "%3Cscript%3E",
          "..%2F..%2Fetc",
          "%FF",
          "x".repeat(3_000));

  private static Request json(String path, Buffer body, String label) {
    return new Request(path, "application/json", body, label);
  }

  private static String shorten(String value) {
    return value.length() > 40 ? value.substring(0, 20) + "...(" + value.length() + ")" : value;
  }

  /**
   * The operation's path and query parameters, its own and its path item's, references resolved.
   */
  private List<JsonObject> parameters(JsonObject pathItem, JsonObject operation) {
    List<JsonObject> parameters = new ArrayList<>();
    for (JsonArray list :
        new JsonArray[] {
          pathItem.getJsonArray("parameters", new JsonArray()),
          operation.getJsonArray("parameters", new JsonArray())
        }) {
      for (Object parameter : list) {
        parameters.add(resolve((JsonObject) parameter));
      }
    }
    return parameters;
  }

  private JsonObject requestSchema(JsonObject operation) {
    JsonObject body = operation.getJsonObject("requestBody");
    if (body == null) {
      return null;
    }
    JsonObject json = resolve(body).getJsonObject("content").getJsonObject("application/json");
    return json == null ? null : resolve(json.getJsonObject("schema"));
  }

  /** Follows {@code $ref} within the document. */
  JsonObject resolve(JsonObject node) {
    JsonObject current = node;
    while (current != null && current.containsKey("$ref")) {
      String ref = current.getString("$ref");
      JsonObject target = document;
      for (String part : ref.substring(2).split("/")) {
        target = target.getJsonObject(part);
      }
      current = target;
    }
    return current;
  }

  private static String fill(
      String template, Map<String, String> realValues, String badName, String badValue) {
    String path = template;
    for (var value : realValues.entrySet()) {
      if (template.contains("{" + value.getKey() + "}")) {
        path =
            path.replace(
                "{" + value.getKey() + "}",
                value.getKey().equals(badName) ? badValue : value.getValue());
      }
    }
    return path;
  }

  /** A value that fits the schema, as plain as can be. */
  Object example(JsonObject schema, int depth) {
    JsonObject s = resolve(schema);
    if (s.containsKey("enum")) {
      return s.getJsonArray("enum").getValue(0);
    }
    Object type = s.getValue("type");
    if (type instanceof JsonArray types) {
      type = types.getValue(0);
    }
    if (type == null && s.containsKey("properties")) {
      type = "object";
    }
    return switch (String.valueOf(type)) {
      case "object" -> {
        JsonObject object = new JsonObject();
        JsonObject properties = s.getJsonObject("properties", new JsonObject());
        JsonArray required = s.getJsonArray("required", new JsonArray());
        for (String name : properties.fieldNames()) {
          if (required.contains(name)) {
            object.put(name, example(properties.getJsonObject(name), depth + 1));
          }
        }
        if (object.isEmpty() && s.getInteger("minProperties", 0) > 0 && !properties.isEmpty()) {
          String first = properties.fieldNames().iterator().next();
          object.put(first, example(properties.getJsonObject(first), depth + 1));
        }
        if (object.isEmpty() && s.getValue("additionalProperties") instanceof JsonObject values) {
          object.put("fuzz/en.md", example(values, depth + 1));
        }
        yield object;
      }
      case "array" -> {
        JsonArray array = new JsonArray();
        for (int i = 0; i < Math.max(1, s.getInteger("minItems", 1)); i++) {
          array.add(example(s.getJsonObject("items", new JsonObject()), depth + 1));
        }
        yield array;
      }
      case "integer" -> s.getInteger("minimum", 1);
      case "number" -> 1.5;
      case "boolean" -> true;
      default -> exampleString(s);
    };
  }

  private static String exampleString(JsonObject s) {
    String pattern = s.getString("pattern", "");
    String value;
    if (pattern.contains("[0-9a-f]{8}-")) {
      value = "00000000-0000-4000-8000-000000000000";
    } else if (pattern.equals("^[0-9]{6}$")) {
      value = "123456";
    } else if (pattern.equals("^[a-z]{2,3}$")) {
      value = "en";
    } else if ("date".equals(s.getString("format"))) {
      value = "2026-01-01";
    } else {
      value = "fuzz";
    }
    int min = s.getInteger("minLength", 0);
    while (value.length() < min) {
      value = value + "-fuzz";
    }
    return value;
  }

  record Variant(String json, String label) {}

  /** The well-formed body changed in one place at a time, at every depth of its objects. */
  private List<Variant> bodyVariants(JsonObject schema, Object base) {
    List<Variant> variants = new ArrayList<>();
    if (!(base instanceof JsonObject object)) {
      return variants;
    }
    JsonObject properties = resolve(schema).getJsonObject("properties", new JsonObject());
    for (String name : properties.fieldNames()) {
      JsonObject property = resolve(properties.getJsonObject(name));
      Object plain = object.containsKey(name) ? object.getValue(name) : example(property, 1);
      for (var value : valuesFor(property, plain).entrySet()) {
        JsonObject changed = object.copy();
        if (value.getValue() == MISSING) {
          changed.remove(name);
        } else {
          changed.put(name, value.getValue());
        }
        variants.add(new Variant(encode(changed), name + ": " + value.getKey()));
      }
      if (plain instanceof JsonObject inner) {
        for (Variant nested : bodyVariants(property, inner)) {
          JsonObject changed = object.copy();
          changed.put(name, new JsonObject(nested.json));
          variants.add(new Variant(encode(changed), name + "." + nested.label));
        }
      }
    }
    JsonObject extra = object.copy().put("__proto__", new JsonObject().put("admin", true));
    variants.add(new Variant(encode(extra), "extra property"));
    return variants;
  }

  static final Object MISSING = new Object();

  /** Wrong and borderline values for a property, by what it is. */
  private Map<String, Object> valuesFor(JsonObject property, Object plain) {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("missing", MISSING);
    values.put("null", null);
    values.put("wrong type: number", 12345678901234567890.0);
    values.put("wrong type: boolean", false);
    values.put("wrong type: object", new JsonObject().put("$gt", ""));
    values.put("wrong type: array", new JsonArray().add(plain));
    values.put("wrong type: string", "1; DROP TABLE staff_account");
    values.put("huge string", "A".repeat(HUGE));
    values.put("huge number", 1e308);
    values.put("integer past long", new java.math.BigInteger("99999999999999999999999"));
    values.put("negative", -1);
    values.put("zero", 0);
    values.put("long max", Long.MAX_VALUE);
    values.put("empty string", "");
    values.put("blank", "   \t\n");
    int max = property.getInteger("maxLength", 0);
    if (max > 0) {
      values.put("astral characters at maxLength", "\uD83D\uDCA9".repeat(max));
      values.put("one past maxLength", "x".repeat(max + 1));
      values.put("combining marks at maxLength", "e" + "\u0301".repeat(max - 1));
    }
    values.put("markup", "<img src=x onerror=alert(1)><script>alert(1)</script>");
    values.put("control characters", "a\u0000b\u0007c\u001b[31md\u202Ee\uFEFF");
    values.put("traversal", "../../../etc/passwd");
    values.put("format string", "%s%s%s%n%x{0}${jndi:ldap://127.0.0.1/x}");
    if (plain instanceof JsonArray array && !array.isEmpty()) {
      JsonArray many = new JsonArray();
      for (int i = 0; i < 5_000; i++) {
        many.add(array.getValue(0));
      }
      values.put("5000 items", many);
      values.put("duplicate items", new JsonArray().add(array.getValue(0)).add(array.getValue(0)));
      values.put("items of wrong type", new JsonArray().add(1).add(new JsonObject()).addNull());
    }
    if (plain instanceof JsonObject object) {
      JsonObject odd = object.copy();
      odd.put("../../x.md", "y");
      odd.put("", "empty name");
      odd.put("a".repeat(10_000), "long name");
      odd.put("\u0000", "nul name");
      values.put("odd keys", odd);
    }
    return values;
  }

  private Buffer randomBytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return Buffer.buffer(bytes);
  }

  private static String encode(Object value) {
    return value instanceof JsonObject o
        ? o.encode()
        : value instanceof JsonArray a ? a.encode() : io.vertx.core.json.Json.encode(value);
  }
}
