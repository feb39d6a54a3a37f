package com.hmall.e2e.generated;

import java.nio.charset.StandardCharsets;

/**
 * A request as it goes over the wire, and what was done to it: {@code mutations} is empty for a
 * request that follows the document, else names what breaks it.
 */
record GeneratedRequest(ApiOperation operation, String method, String path, String contentType, String accept,
        byte[] body, String mutations) {

    boolean mutated() {
        return !mutations.isEmpty();
    }

    @Override
    public String toString() {
        String shown = body == null ? "" : " " + new String(body, StandardCharsets.UTF_8);
        return method + " " + operation.service().name() + path + (contentType == null ? "" : " [" + contentType + "]")
                + (accept == null ? "" : " [Accept " + accept + "]") + shown
                + (mutations.isEmpty() ? " (as documented)" : " (" + mutations + ")");
    }
}
