package com.hmall.pay.payment;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.hmall.common.event.PaymentSucceeded;
import com.hmall.common.web.ApiException;
import com.hmall.common.web.ErrorCode;
import com.hmall.pay.mode.ModeSwitch;
import com.hmall.pay.mode.PaymentMode;
import com.hmall.pay.outbox.Outbox;

import com.hmall.pay.steps.PaymentObservations;
import com.hmall.pay.steps.PaymentObservations.PaymentFacts;
import com.hmall.pay.steps.PaymentStep;

import io.micrometer.observation.Observation;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * A balance payment: deduct the balance (user-service), mark the pay order paid, then tell the
 * follow-up services, either by calling them in turn (sync) or by one event (async).
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class PaymentService {

    private final PayOrderService payOrderService;
    private final PayOrderMapper payOrders;
    private final UserBalance userBalance;
    private final SyncFollowUps syncFollowUps;
    private final Outbox outbox;
    private final ModeSwitch modeSwitch;
    private final TransactionTemplate transactions;
    private final PaymentProperties properties;
    private final PaymentObservations observations;

    public BalancePaymentResult payWithBalance(long payOrderId, String password) {
        PaymentMode mode = modeSwitch.current();
        Observation payment = observations.startPayment(payOrderId, mode.wireName());
        try (Observation.Scope scope = payment.openScope()) {
            BalancePaymentResult result = pay(payment, payOrderId, password, mode);
            observations.finish(payment, null);
            return result;
        } catch (RuntimeException e) {
            observations.finish(payment, e);
            throw e;
        }
    }

    private BalancePaymentResult pay(Observation payment, long payOrderId, String password, PaymentMode mode) {
        PayOrder order = claim(payOrderId);
        observations.claimed(payment, new PaymentFacts(order.getPayOrderNo(), order.getBizOrderNo(),
                order.getUserId(), order.getAmount()));
        try {
            observations.step(PaymentStep.DEDUCT, payOrderId, () -> userBalance.deduct(order, password));
        } catch (DownstreamFailure unknownOutcome) {
            refundAndRelease(order);
            throw unknownOutcome;
        } catch (RuntimeException payerError) {
            payOrders.release(payOrderId, Instant.now());
            throw payerError;
        }
        Instant paidAt = Instant.now();
        if (mode == PaymentMode.ASYNC) {
            observations.step(PaymentStep.PAY_ORDER, payOrderId, () -> transactions.executeWithoutResult(tx -> {
                markSucceeded(order, paidAt, mode);
                outbox.add(eventFor(order, paidAt));
            }));
        } else {
            observations.step(PaymentStep.PAY_ORDER, payOrderId, () -> markSucceeded(order, paidAt, mode));
            callFollowUpsOrCompensate(order);
        }
        return new BalancePaymentResult(order.getId(), order.getPayOrderNo(), PayStatus.SUCCESS, mode);
    }

    /**
     * Takes the WAITING pay order for this request alone. Concurrent payments of the same order
     * find it claimed and fail at once, before they reach user-service.
     */
    private PayOrder claim(long payOrderId) {
        Instant now = Instant.now();
        if (payOrders.claim(payOrderId, now, now.minus(properties.claimTimeout())) == 1) {
            return payOrderService.load(payOrderId);
        }
        PayOrder order = payOrderService.load(payOrderId);
        if (order.getStatus() != PayStatus.WAITING) {
            throw new ApiException(ErrorCode.ALREADY_PAID,
                    "Pay order " + payOrderId + " is " + order.getStatus() + ", not WAITING");
        }
        throw ApiException.stateConflict("Pay order " + payOrderId + " is being paid by another request");
    }

    private void markSucceeded(PayOrder order, Instant paidAt, PaymentMode mode) {
        if (payOrders.markSucceeded(order.getId(), paidAt, mode) != 1) {
            // Only possible when our claim went stale and another request paid: its deduction is
            // the same one (idempotent per payOrderNo), so there is nothing to give back.
            throw new ApiException(ErrorCode.ALREADY_PAID, "Pay order " + order.getId() + " was paid meanwhile");
        }
        order.setStatus(PayStatus.SUCCESS);
        order.setPaidAt(paidAt);
    }

    /** Sync mode: a failed follow-up undoes the payment, newest step first, so no money is lost. */
    private void callFollowUpsOrCompensate(PayOrder order) {
        try {
            syncFollowUps.callInTurn(order);
        } catch (DownstreamFailure failure) {
            payOrders.revertToWaiting(order.getId(), Instant.now());
            refundAndRelease(order);
            log.warn("Sync payment of pay order {} compensated: {}", order.getPayOrderNo(), failure.getMessage());
            throw failure;
        }
    }

    /**
     * Gives back a deduction that may have happened and frees the order for another attempt. When
     * user-service cannot take the refund now, the order stays claimed and
     * {@link StalePaymentRecovery} retries the refund once the claim has timed out.
     */
    private void refundAndRelease(PayOrder order) {
        if (observations.step(PaymentStep.REFUND, order.getId(), () -> userBalance.refund(order))) {
            payOrders.release(order.getId(), Instant.now());
        }
    }

    private static PaymentSucceeded eventFor(PayOrder order, Instant paidAt) {
        return new PaymentSucceeded(UUID.randomUUID().toString(), order.getId(), order.getPayOrderNo(),
                order.getBizOrderNo(), order.getUserId(), order.getAmount(), paidAt);
    }
}
