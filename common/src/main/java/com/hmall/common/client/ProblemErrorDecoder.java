package com.hmall.common.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.hmall.common.web.ErrorCode;

import feign.Response;
import feign.codec.ErrorDecoder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Turns a downstream problem-JSON answer into a {@link RemoteProblemException}. */
public class ProblemErrorDecoder implements ErrorDecoder {

    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final JsonMapper jsonMapper;

    public ProblemErrorDecoder(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        String fallbackCode = ErrorCode.forStatus(status).name();
        Map<?, ?> problem = readProblem(response);
        Object code = problem.get("code");
        Object detail = problem.get("detail");
        return new RemoteProblemException(status,
                code instanceof String c ? c : fallbackCode,
                detail instanceof String d ? d : "HTTP " + status + " from " + methodKey);
    }

    private Map<?, ?> readProblem(Response response) {
        if (response.body() == null) {
            return Map.of();
        }
        try (InputStream body = response.body().asInputStream()) {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES);
            return jsonMapper.readValue(bytes, Map.class);
        } catch (IOException | JacksonException e) {
            return Map.of();
        }
    }
}
