package com.hmall.starter.web;

import org.springframework.http.HttpStatus;

/**
 * The stable, upper-case {@code code} every problem-JSON response carries. Clients switch on the
 * code, never on the wording of {@code detail}.
 */
public enum ErrorCode {

    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Validation failed"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    WRONG_PASSWORD(HttpStatus.UNPROCESSABLE_CONTENT, "Wrong pay password"),
    ORDER_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, "Order mismatch"),
    INSUFFICIENT_BALANCE(HttpStatus.UNPROCESSABLE_CONTENT, "Insufficient balance"),
    PAYMENT_LOCKED(HttpStatus.LOCKED, "Payments locked"),
    ALREADY_PAID(HttpStatus.CONFLICT, "Already paid"),
    STATE_CONFLICT(HttpStatus.CONFLICT, "State conflict"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    DOWNSTREAM_FAILED(HttpStatus.BAD_GATEWAY, "Downstream service failed"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    HTTP_VERSION_NOT_SUPPORTED(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "HTTP version not supported");

    private final HttpStatus status;
    private final String title;

    ErrorCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The contract code a remote answer named, or, when it named none we know, the one its status maps to. */
    public static ErrorCode named(String code, int status) {
        for (ErrorCode known : values()) {
            if (known.name().equals(code)) {
                return known;
            }
        }
        return forStatus(status);
    }

    /** The code a bare HTTP status maps to, for errors Spring MVC raises before our code runs. */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> SERVICE_UNAVAILABLE;
            case 505 -> HTTP_VERSION_NOT_SUPPORTED;
            default -> status >= 500 ? INTERNAL_ERROR : VALIDATION_FAILED;
        };
    }
}
