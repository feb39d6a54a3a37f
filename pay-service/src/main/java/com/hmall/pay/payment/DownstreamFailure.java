package com.hmall.pay.payment;

import java.util.Map;

import com.hmall.common.client.RemoteProblemException;
import com.hmall.common.web.ApiException;
import com.hmall.common.web.ErrorCode;

/** A call to another service failed: {@code DOWNSTREAM_FAILED}, naming the service in {@code service}. */
class DownstreamFailure extends ApiException {

    private DownstreamFailure(String service, String detail) {
        super(ErrorCode.DOWNSTREAM_FAILED, detail, Map.of("service", service));
    }

    static DownstreamFailure of(String service, RuntimeException cause) {
        String reason = cause instanceof RemoteProblemException problem
                ? "answered " + problem.getStatus() + " " + problem.getCode()
                : "did not answer";
        return new DownstreamFailure(service, service + " " + reason
                + "; the payment did not go through and its deduction was given back");
    }
}
