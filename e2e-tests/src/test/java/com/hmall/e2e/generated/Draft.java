package com.hmall.e2e.generated;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request being generated, still in parts: path values, query, body properties (as JSON, in
 * order), headers. Each {@code with...} is one mutation and names itself; {@link #render} makes the
 * bytes that are sent.
 */
record Draft(ApiOperation operation, String method, Map<String, String> path, List<String[]> query,
        Map<String, byte[]> fields, byte[] rawBody, String contentType, String accept, List<String> mutations) {

    GeneratedRequest render() {
        String target = operation.pathTemplate();
        for (Map.Entry<String, String> value : path.entrySet()) {
            target = target.replace("{" + value.getKey() + "}", value.getValue());
        }
        StringBuilder queryString = new StringBuilder();
        for (String[] parameter : query) {
            queryString.append(queryString.length() == 0 ? "?" : "&").append(parameter[0]);
            if (parameter.length > 1) {
                queryString.append('=').append(parameter[1]);
            }
        }
        byte[] body = rawBody != null ? rawBody : fields == null ? null : Requests.objectJson(fields);
        return new GeneratedRequest(operation, method, target + queryString, contentType, accept, body,
                String.join(", ", mutations));
    }

    Draft withPathValue(String name, String value, String mutation) {
        Map<String, String> changed = new LinkedHashMap<>(path);
        changed.put(name, value);
        return new Draft(operation, method, changed, query, fields, rawBody, contentType, accept, plus(mutation));
    }

    Draft withExtraQuery(String raw, String mutation) {
        List<String[]> changed = new ArrayList<>(query);
        changed.add(new String[] {raw});
        return new Draft(operation, method, path, changed, fields, rawBody, contentType, accept, plus(mutation));
    }

    Draft withoutQuery(String mutation) {
        return new Draft(operation, method, path, List.of(), fields, rawBody, contentType, accept, plus(mutation));
    }

    Draft withQueryValue(String value, String mutation) {
        List<String[]> changed = new ArrayList<>();
        for (String[] parameter : query) {
            changed.add(new String[] {parameter[0], value});
        }
        return new Draft(operation, method, path, changed, fields, rawBody, contentType, accept, plus(mutation));
    }

    Draft withField(String name, byte[] json, String mutation) {
        Map<String, byte[]> changed = new LinkedHashMap<>(fields);
        changed.put(name, json);
        return new Draft(operation, method, path, query, changed, rawBody, contentType, accept, plus(mutation));
    }

    Draft withoutField(String name, String mutation) {
        Map<String, byte[]> changed = new LinkedHashMap<>(fields);
        changed.remove(name);
        return new Draft(operation, method, path, query, changed, rawBody, contentType, accept, plus(mutation));
    }

    /** The property again, with the same value, after the others: {@code {"a":1,...,"a":1}}. */
    Draft withDuplicate(String name, String mutation) {
        Map<String, byte[]> changed = new LinkedHashMap<>(fields);
        changed.put(name + "#dup", fields.get(name));
        return new Draft(operation, method, path, query, changed, rawBody, contentType, accept, plus(mutation));
    }

    Draft withRawBody(byte[] body, String mutation) {
        return new Draft(operation, method, path, query, fields, body, contentType, accept, plus(mutation));
    }

    Draft withContentType(String type, String mutation) {
        return new Draft(operation, method, path, query, fields, rawBody, type, accept, plus(mutation));
    }

    Draft withAccept(String type, String mutation) {
        return new Draft(operation, method, path, query, fields, rawBody, contentType, type, plus(mutation));
    }

    Draft withMethod(String other, String mutation) {
        return new Draft(operation, other, path, query, fields, rawBody, contentType, accept, plus(mutation));
    }

    private List<String> plus(String mutation) {
        List<String> all = new ArrayList<>(mutations);
        all.add(mutation);
        return List.copyOf(all);
    }
}
