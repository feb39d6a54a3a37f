package com.hmall.pay.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.hmall.starter.web.ErrorCode;

import lombok.Getter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A downstream service answered with an error. Carries the HTTP status and, when the body was
 * problem JSON, its contract {@code code} and {@code detail}, so the caller can decide whether the
 * error is the user's (a wrong password) or the service's (an outage).
 */
@Getter
public class RemoteProblemException extends RuntimeException {

    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final int status;
    private final String code;
    private final String detail;

    public RemoteProblemException(int status, String code, String detail) {
        super("HTTP " + status + " " + code + ": " + detail);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    /**
     * Reads a downstream error answer: the {@code code} and {@code detail} of its problem JSON, or,
     * where the body has none (or is not JSON), the code its status maps to and
     * {@code fallbackDetail}. Reads at most 16 KiB of the body.
     */
    public static RemoteProblemException read(int status, InputStream body, JsonMapper jsonMapper,
            String fallbackDetail) {
        Map<?, ?> problem = readProblem(body, jsonMapper);
        Object code = problem.get("code");
        Object detail = problem.get("detail");
        return new RemoteProblemException(status,
                code instanceof String c ? c : ErrorCode.forStatus(status).name(),
                detail instanceof String d ? d : fallbackDetail);
    }

    private static Map<?, ?> readProblem(InputStream body, JsonMapper jsonMapper) {
        if (body == null) {
            return Map.of();
        }
        try (body) {
            return jsonMapper.readValue(body.readNBytes(MAX_BODY_BYTES), Map.class);
        } catch (IOException | JacksonException e) {
            return Map.of();
        }
    }
}
