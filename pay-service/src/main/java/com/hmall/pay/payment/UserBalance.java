package com.hmall.pay.payment;

import java.util.Set;

import org.springframework.stereotype.Component;

import com.hmall.common.client.DeductionRequest;
import com.hmall.common.client.RefundRequest;
import com.hmall.common.client.RemoteProblemException;
import com.hmall.common.client.UserClient;
import com.hmall.common.web.ApiException;
import com.hmall.common.web.ErrorCode;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/** The user's balance, seen from pay-service: one idempotent deduction per pay order, and its refund. */
@Slf4j
@Component
@RequiredArgsConstructor
class UserBalance {

    static final String SERVICE = "user-service";

    /** Errors that are the payer's, not user-service's: they reach the client with their own code. */
    private static final Set<String> PAYER_ERRORS = Set.of(ErrorCode.WRONG_PASSWORD.name(),
            ErrorCode.INSUFFICIENT_BALANCE.name(), ErrorCode.PAYMENT_LOCKED.name(), ErrorCode.NOT_FOUND.name());

    private final UserClient users;

    void deduct(PayOrder order, String password) {
        try {
            users.deduct(order.getUserId(), new DeductionRequest(order.getPayOrderNo(), order.getAmount(), password));
        } catch (RemoteProblemException problem) {
            if (PAYER_ERRORS.contains(problem.getCode())) {
                throw new ApiException(ErrorCode.valueOf(problem.getCode()), problem.getDetail());
            }
            throw unknownOutcome(order, problem);
        } catch (RuntimeException noAnswer) {
            throw unknownOutcome(order, noAnswer);
        }
    }

    /** Gives the deduction back. Idempotent on user-service's side, so safe to repeat. */
    void refund(PayOrder order) {
        try {
            users.refund(order.getUserId(), new RefundRequest(order.getPayOrderNo(), order.getAmount()));
        } catch (RemoteProblemException problem) {
            if (!ErrorCode.NOT_FOUND.name().equals(problem.getCode())) {
                log.error("Refund of pay order {} failed: {}; its deduction stays until the order is paid again",
                        order.getPayOrderNo(), problem.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("Refund of pay order {} failed: {}; its deduction stays until the order is paid again",
                    order.getPayOrderNo(), e.toString());
        }
    }

    /**
     * A deduction that timed out or failed on the server may still have happened. Refunding it is
     * safe either way: the refund is idempotent and finds nothing when nothing was deducted.
     */
    private DownstreamFailure unknownOutcome(PayOrder order, RuntimeException cause) {
        log.warn("Deduction for pay order {} failed: {}", order.getPayOrderNo(), cause.toString());
        refund(order);
        return DownstreamFailure.of(SERVICE, cause);
    }
}
