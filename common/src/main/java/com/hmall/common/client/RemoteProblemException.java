package com.hmall.common.client;

import lombok.Getter;

/**
 * A downstream service answered with an error. Carries the HTTP status and, when the body was
 * problem JSON, its contract {@code code} and {@code detail}, so the caller can decide whether the
 * error is the user's (a wrong password) or the service's (an outage).
 */
@Getter
public class RemoteProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String detail;

    public RemoteProblemException(int status, String code, String detail) {
        super("HTTP " + status + " " + code + ": " + detail);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }
}
