package com.hmall.starter.web;

import java.util.Map;

import lombok.Getter;

/**
 * A business error with its contract code. Thrown anywhere below a controller and turned into
 * problem JSON by {@link ProblemJsonExceptionHandler}. {@code properties} become extra members of
 * the problem (for example {@code service} on {@code DOWNSTREAM_FAILED}).
 */
@Getter
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final transient Map<String, Object> properties;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public ApiException(ErrorCode code, String detail, Map<String, Object> properties) {
        super(detail);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ApiException stateConflict(String detail) {
        return new ApiException(ErrorCode.STATE_CONFLICT, detail);
    }

    public static ApiException validation(String detail) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, detail);
    }
}
