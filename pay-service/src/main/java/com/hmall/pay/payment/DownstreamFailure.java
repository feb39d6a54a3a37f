package com.hmall.pay.payment;

import java.net.ConnectException;
import java.util.Map;

import com.hmall.pay.client.RemoteProblemException;
import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

import lombok.Getter;

/** A call to another service failed: {@code DOWNSTREAM_FAILED}, naming the service in {@code service}. */
@Getter
class DownstreamFailure extends ApiException {

    /**
     * True when the call was sent and no answer came back (a timeout, a connection lost on the way):
     * the other service may have done its part, or may still do it. An error answer, or a connection
     * that was never made, says for sure that nothing was done.
     */
    private final boolean outcomeUnknown;

    private DownstreamFailure(String service, String detail, boolean outcomeUnknown) {
        super(ErrorCode.DOWNSTREAM_FAILED, detail, Map.of("service", service));
        this.outcomeUnknown = outcomeUnknown;
    }

    static DownstreamFailure of(String service, RuntimeException cause) {
        String reason = cause instanceof RemoteProblemException problem
                ? "answered " + problem.getStatus() + " " + problem.getCode()
                : "did not answer";
        boolean unknown = !(cause instanceof RemoteProblemException) && !neverConnected(cause);
        return new DownstreamFailure(service, service + " " + reason
                + "; the payment did not go through and its deduction was given back", unknown);
    }

    private static boolean neverConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
