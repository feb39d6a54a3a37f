package com.hmall.e2e.generated;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.hmall.e2e.support.Services.Service;

import tools.jackson.databind.JsonNode;

/**
 * One operation of a service's OpenAPI document, as much of it as requests are generated from: its
 * path and query parameters and the JSON schema of its body, every {@code $ref} resolved.
 */
record ApiOperation(Service service, String method, String pathTemplate, List<Parameter> parameters,
        JsonNode bodySchema) {

    /** A path or query parameter and its schema. */
    record Parameter(String name, boolean inPath, boolean required, JsonNode schema) {
    }

    /** Every operation of the document a service serves at {@code /v3/api-docs}. */
    static List<ApiOperation> of(Service service, JsonNode document) {
        List<ApiOperation> operations = new ArrayList<>();
        for (var path : document.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    parameters.add(new Parameter(parameter.path("name").asString(),
                            "path".equals(parameter.path("in").asString()), parameter.path("required").asBoolean(),
                            resolve(document, parameter.path("schema"))));
                }
                JsonNode body = operation.getValue().at("/requestBody/content/application~1json/schema");
                operations.add(new ApiOperation(service, operation.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(parameters), body.isMissingNode() ? null : resolve(document, body)));
            }
        }
        return operations;
    }

    /** The schema with every {@code $ref} replaced by what it names (the documents have no cycles). */
    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asString().substring("#/components/schemas/".length());
            return resolve(document, document.path("components").path("schemas").path(name));
        }
        if (schema.isObject() && schema.has("properties")) {
            var copy = schema.deepCopy();
            var properties = (tools.jackson.databind.node.ObjectNode) copy.path("properties");
            for (var property : schema.path("properties").properties()) {
                properties.set(property.getKey(), resolve(document, property.getValue()));
            }
            return copy;
        }
        return schema;
    }

    String describe() {
        return method + " " + pathTemplate + " (" + service.name() + ")";
    }
}
