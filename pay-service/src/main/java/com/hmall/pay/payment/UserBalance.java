package com.hmall.pay.payment;

import java.time.Instant;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.hmall.pay.client.DeductionRequest;
import com.hmall.pay.client.RefundRequest;
import com.hmall.pay.client.RemoteProblemException;
import com.hmall.pay.client.UserClient;
import com.hmall.pay.steps.PaymentObservations;
import com.hmall.pay.steps.PaymentStep;
import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * The user's balance, seen from pay-service: one idempotent deduction per pay order, and its refund.
 * Each call is a step of the payment ({@code deduct}, {@code refund}), whose span the Feign call's
 * span hangs below.
 */
@Slf4j
@Component
@RequiredArgsConstructor
class UserBalance {

    static final String SERVICE = "user-service";

    /** Errors that are the payer's, not user-service's: they reach the client with their own code. */
    private static final Set<String> PAYER_ERRORS = Set.of(ErrorCode.WRONG_PASSWORD.name(),
            ErrorCode.INSUFFICIENT_BALANCE.name(), ErrorCode.PAYMENT_LOCKED.name(), ErrorCode.NOT_FOUND.name());

    private final UserClient users;
    private final PaymentObservations observations;

    /**
     * Deducts the order's amount, unless user-service could only do so after {@code deadline}.
     *
     * @throws ApiException       the payer's mistake (wrong password, ...): nothing was deducted
     * @throws DownstreamFailure  user-service failed or did not answer: unless it answered, the
     *                            deduction may or may not have happened, so the caller must
     *                            {@link #refund} before giving up
     */
    void deduct(PayOrder order, String password, Instant deadline) {
        observations.step(PaymentStep.DEDUCT, order.getId(), () -> callDeduct(order, password, deadline));
    }

    private void callDeduct(PayOrder order, String password, Instant deadline) {
        try {
            users.deduct(order.getUserId(),
                    new DeductionRequest(order.getPayOrderNo(), order.getAmount(), password, deadline));
        } catch (RemoteProblemException problem) {
            if (PAYER_ERRORS.contains(problem.getCode())) {
                throw new ApiException(ErrorCode.valueOf(problem.getCode()), problem.getDetail());
            }
            throw DownstreamFailure.of(SERVICE, problem);
        } catch (RuntimeException noAnswer) {
            throw DownstreamFailure.of(SERVICE, noAnswer);
        }
    }

    /** Gives the deduction of this pay order back, if there is one. Idempotent on user-service's side. */
    Refund refund(PayOrder order) {
        return observations.step(PaymentStep.REFUND, order.getId(), () -> callRefund(order));
    }

    private Refund callRefund(PayOrder order) {
        try {
            users.refund(order.getUserId(), new RefundRequest(order.getPayOrderNo(), order.getAmount()));
            return Refund.REFUNDED;
        } catch (RemoteProblemException problem) {
            if (ErrorCode.NOT_FOUND.name().equals(problem.getCode())) {
                return Refund.NOTHING_DEDUCTED;
            }
            log.warn("Refund of pay order {} failed, to be retried: {}", order.getPayOrderNo(), problem.getMessage());
            return Refund.FAILED;
        } catch (RuntimeException e) {
            log.warn("Refund of pay order {} failed, to be retried: {}", order.getPayOrderNo(), e.toString());
            return Refund.FAILED;
        }
    }

    /** What a refund found. */
    enum Refund {
        /** The deduction is given back (now, or by an earlier refund). */
        REFUNDED,
        /** user-service holds no deduction for this pay order, yet: final only once its deadline has passed. */
        NOTHING_DEDUCTED,
        /** user-service could not be asked: try again later. */
        FAILED
    }
}
