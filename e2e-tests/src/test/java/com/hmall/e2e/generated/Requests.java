package com.hmall.e2e.generated;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import tools.jackson.databind.JsonNode;

/**
 * Requests generated from the services' OpenAPI documents: first one that follows the document
 * (valid values for every parameter and body property, the sentinel's ids and pay password often
 * enough that valid requests also hit real state), then, for most of them, one or two mutations of
 * the kinds attackers use: a path id that is not one, a query string that does not decode, a body
 * property missing, of the wrong type, out of range, repeated or in malformed UTF-8, a body that is
 * not JSON, a Content-Type or Accept the service cannot honour, another HTTP method.
 */
final class Requests {

    private static final String JSON = "application/json";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

    private final List<ApiOperation> operations;
    private final Map<String, String> sentinelIds;
    private final String password;

    /**
     * @param sentinelIds the sentinel's id for each parameter or property name that holds one
     *                    ({@code userId}, {@code bizOrderNo}, ...), and for {@code /users/{id}} and the
     *                    like under the first path segment ({@code users}, {@code orders}, ...)
     */
    Requests(List<ApiOperation> operations, Map<String, String> sentinelIds, String password) {
        this.operations = operations;
        this.sentinelIds = sentinelIds;
        this.password = password;
    }

    Gen<GeneratedRequest> any() {
        Gen<Draft> documented = Generate.pick(operations).flatMap(this::documented);
        Gen<Draft> drafts = documented.flatMap(draft -> Generate.frequency(
                Pair.of(1, Generate.constant(draft)),
                Pair.of(4, mutate(draft)),
                Pair.of(1, mutate(draft).flatMap(this::mutate))));
        return drafts.map(Draft::render).describedAs(GeneratedRequest::toString);
    }

    // ---------------------------------------------------------------------------------------------
    // Requests as the document describes them

    private Gen<Draft> documented(ApiOperation operation) {
        List<Gen<String[]>> parameters = new ArrayList<>();
        for (ApiOperation.Parameter parameter : operation.parameters()) {
            parameters.add(scalar(parameter.name(), operation, parameter.schema(), false)
                    .map(value -> new String[] {parameter.name(), value}));
        }
        Gen<List<String[]>> values = all(parameters);
        Gen<Map<String, byte[]>> body = operation.bodySchema() == null ? Generate.constant(() -> null)
                : object(operation, operation.bodySchema());
        Gen<String> accept = Generate.pick(List.of("", JSON, "*/*", "application/*", "application/problem+json"));
        return values.zip(body, accept, (vals, fields, acceptHeader) -> {
            Map<String, String> path = new LinkedHashMap<>();
            List<String[]> query = new ArrayList<>();
            for (String[] value : vals) {
                boolean inPath = operation.parameters().stream()
                        .anyMatch(p -> p.name().equals(value[0]) && p.inPath());
                if (inPath) {
                    path.put(value[0], value[1]);
                } else {
                    query.add(value);
                }
            }
            return new Draft(operation, operation.method(), path, query, fields, null,
                    fields == null ? null : JSON, acceptHeader.isEmpty() ? null : acceptHeader, List.of());
        });
    }

    private Gen<Map<String, byte[]>> object(ApiOperation operation, JsonNode schema) {
        List<Gen<Map.Entry<String, byte[]>>> properties = new ArrayList<>();
        for (var property : schema.path("properties").properties()) {
            properties.add(json(property.getKey(), operation, property.getValue())
                    .map(value -> Map.entry(property.getKey(), value)));
        }
        return all(properties).map(entries -> {
            Map<String, byte[]> fields = new LinkedHashMap<>();
            entries.forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
            return fields;
        });
    }

    /** A valid value of a body property, as JSON. */
    private Gen<byte[]> json(String name, ApiOperation operation, JsonNode schema) {
        String type = schema.path("type").asString();
        if ("string".equals(type)) {
            return scalar(name, operation, schema, true).map(text -> utf8(quote(text)));
        }
        if ("object".equals(type) || schema.has("properties")) {
            return object(operation, schema).map(Requests::objectJson);
        }
        return scalar(name, operation, schema, true).map(Requests::utf8);
    }

    /** A valid value of a parameter or of a scalar property, as its text. */
    private Gen<String> scalar(String name, ApiOperation operation, JsonNode schema, boolean inBody) {
        String type = schema.path("type").asString();
        switch (type) {
            case "integer" -> {
                long min = schema.has("minimum") ? schema.path("minimum").asLong() : Long.MIN_VALUE / 2;
                if (schema.has("exclusiveMinimum")) {
                    min = schema.path("exclusiveMinimum").asLong() + 1;
                }
                long max = Math.max(min, schema.has("maximum") ? schema.path("maximum").asLong() : Long.MAX_VALUE / 2);
                Gen<String> any = Generate.longRange(min, max).map((Long value) -> String.valueOf(value));
                String id = sentinelIdFor(name, operation, inBody);
                return id == null ? any : Generate.frequency(Pair.of(3, Generate.constant(id)), Pair.of(1, any));
            }
            case "boolean" -> {
                return Generate.pick(List.of("true", "false"));
            }
            case "string" -> {
                if (schema.has("enum")) {
                    List<String> values = new ArrayList<>();
                    schema.path("enum").forEach(value -> values.add(value.asString()));
                    return Generate.pick(values);
                }
                int minLength = Math.max(1, schema.path("minLength").asInt(0));
                int maxLength = Math.max(minLength, Math.min(40, schema.path("maxLength").asInt(40)));
                Gen<String> text = schema.path("pattern").asString().startsWith("[A-Za-z0-9_.-]")
                        ? text("abcXYZ019_.-", Math.max(3, minLength), Math.min(maxLength, 32))
                        : text("abcdefghijklmnopqrstuvwxyzAZ09 -_.é支付😀\"\\", minLength, maxLength);
                return "password".equals(name)
                        ? Generate.frequency(Pair.of(2, Generate.constant(password)), Pair.of(1, text))
                        : text;
            }
            default -> {
                return text("abcdefghij", 1, 12);
            }
        }
    }

    private String sentinelIdFor(String name, ApiOperation operation, boolean inBody) {
        if (!"id".equals(name) || inBody) {
            return sentinelIds.get(name);
        }
        String resource = operation.pathTemplate().split("/")[1];
        return sentinelIds.get(resource);
    }

    // ---------------------------------------------------------------------------------------------
    // Mutations: what a hostile client changes about a documented request

    private Gen<Draft> mutate(Draft draft) {
        List<Gen<Draft>> mutations = new ArrayList<>();
        if (!draft.path().isEmpty()) {
            mutations.add(Generate.pick(List.copyOf(draft.path().keySet())).flatMap(name -> Generate
                    .pick(List.of("0", "-1", "1.5", "abc", "99999999999999999999", "0x10", "1;drop", "%2e%2e", "%201",
                            "１", "1e3", "%00"))
                    .map(bad -> draft.withPathValue(name, bad, "path " + name + "=" + bad))));
        }
        mutations.add(Generate.pick(List.of("x=%zz", "x=%ff", "x=%c0%af", "&&&=&", "=1", "x=%e4%b8"))
                .map(bad -> draft.withExtraQuery(bad, "query " + bad)));
        if (!draft.query().isEmpty()) {
            mutations.add(Generate.constant(() -> draft.withoutQuery("query parameters left out")));
            mutations.add(Generate.pick(List.of("", "abc", "-5", "1.5", "99999999999999999999"))
                    .map(bad -> draft.withQueryValue(bad, "query value " + bad)));
        }
        if (draft.fields() != null) {
            mutations.add(bodyField(draft));
            mutations.add(Generate.pick(List.of("{", "[]", "null", "\"text\"", "{\"a\":1,}", "{'a':1}", "", "{}{}"))
                    .map(bad -> draft.withRawBody(utf8(bad), "body " + (bad.isEmpty() ? "empty" : bad))));
            mutations.add(Generate.pick(List.of("*/*", "application/*", "text/plain", "application/xml",
                            "application/x-www-form-urlencoded", "", "application/json; charset=ISO-8859-1", "not a type"))
                    .map(type -> draft.withContentType(type.isEmpty() ? null : type, "Content-Type " + type)));
        }
        mutations.add(Generate.pick(List.of("application/xml", "text/html", "application/yaml", "text/plain", ";;",
                        "image/*"))
                .map(accept -> draft.withAccept(accept, "Accept " + accept)));
        mutations.add(Generate.pick(METHODS.stream().filter(method -> !method.equals(draft.method())).sorted().toList())
                .map(method -> draft.withMethod(method, "method " + method)));
        return Generate.pick(mutations).flatMap(mutation -> mutation);
    }

    private Gen<Draft> bodyField(Draft draft) {
        List<String> names = List.copyOf(draft.fields().keySet());
        if (names.isEmpty()) {
            return Generate.constant(() -> draft.withField("extra", utf8("1"), "extra field"));
        }
        return Generate.pick(names).flatMap(name -> Generate.pick(List.<Gen<Draft>>of(
                Generate.constant(() -> draft.withoutField(name, name + " left out")),
                Generate.pick(List.of("null", "\"12\"", "12", "1.5", "true", "[]", "{}", "-1", "0",
                                "99999999999999999999", "100000001", "\"\"", "\"   \"", "1e3", "NaN"))
                        .map(bad -> draft.withField(name, utf8(bad), name + "=" + bad)),
                text("abcdefghij", 65, 65).map(long65 -> draft.withField(name, utf8(quote(long65)),
                        name + " 65 characters")),
                Generate.pick(List.of("c0af", "e080af", "eda080", "ff", "e9", "f8888080af"))
                        .map(hex -> draft.withField(name, malformed(hex), name + " with bytes " + hex)),
                Generate.constant(() -> draft.withDuplicate(name, name + " given twice"))))
                .flatMap(choice -> choice));
    }

    // ---------------------------------------------------------------------------------------------
    // What QuickTheories lacks

    /** One value of each, in order. */
    private static <T> Gen<List<T>> all(List<Gen<T>> gens) {
        Gen<List<T>> all = Generate.constant(List::of);
        for (Gen<T> gen : gens) {
            all = all.zip(gen, (list, value) -> {
                List<T> longer = new ArrayList<>(list);
                longer.add(value);
                return List.copyOf(longer);
            });
        }
        return all;
    }

    /** Text of {@code min} to {@code max} characters (code points) of {@code alphabet}. */
    private static Gen<String> text(String alphabet, int min, int max) {
        List<String> characters = alphabet.codePoints().mapToObj(Character::toString).toList();
        Gen<String> character = Generate.pick(characters);
        return Generate.range(min, max).flatMap(length -> {
            List<Gen<String>> each = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                each.add(character);
            }
            return all(each).map(parts -> String.join("", parts));
        });
    }

    // ---------------------------------------------------------------------------------------------

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] malformed(String hex) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8("\"hx"));
        bytes.writeBytes(HexFormat.of().parseHex(hex));
        bytes.writeBytes(utf8("x\""));
        return bytes.toByteArray();
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static byte[] objectJson(Map<String, byte[]> fields) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes(utf8("{"));
        boolean first = true;
        for (Map.Entry<String, byte[]> field : fields.entrySet()) {
            if (!first) {
                json.writeBytes(utf8(","));
            }
            first = false;
            // A key given twice is kept in the map under its name with a suffix (see withDuplicate).
            json.writeBytes(utf8(quote(field.getKey().replaceAll("#dup$", "")) + ":"));
            json.writeBytes(field.getValue());
        }
        json.writeBytes(utf8("}"));
        return json.toByteArray();
    }
}
