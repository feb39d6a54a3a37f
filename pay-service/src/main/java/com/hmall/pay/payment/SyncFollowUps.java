package com.hmall.pay.payment;

import org.springframework.stereotype.Component;

import com.hmall.pay.client.NotifyClient;
import com.hmall.payevents.PaymentNotice;
import com.hmall.pay.client.PointsClient;
import com.hmall.pay.client.TradeClient;

import com.hmall.pay.steps.PaymentObservations;
import com.hmall.pay.steps.PaymentStep;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * The synchronous way: trade-, notify- and points-service called one after another. Every call
 * adds its latency to the payment, and any one of them failing fails the payment. This coupling is
 * what the lesson is about, so it is kept plain on purpose.
 */
@Slf4j
@Component
@RequiredArgsConstructor
class SyncFollowUps {

    private final TradeClient trade;
    private final NotifyClient notify;
    private final PointsClient points;
    private final PaymentObservations observations;

    /**
     * Runs the three calls in turn. When one fails, the trade order it already marked paid is put
     * back to UNPAID and a {@link DownstreamFailure} names the failing service. A notification
     * already sent stays sent, as a real SMS would.
     */
    void callInTurn(PayOrder order) {
        PaymentNotice notice = new PaymentNotice(order.getUserId(), order.getBizOrderNo(), order.getPayOrderNo(),
                order.getAmount());
        call(PaymentStep.TRADE, order, () -> trade.markPaid(order.getBizOrderNo()));
        try {
            call(PaymentStep.NOTIFY, order, () -> notify.send(notice));
            call(PaymentStep.POINTS, order, () -> points.award(notice));
        } catch (DownstreamFailure failure) {
            undoTradePaid(order);
            throw failure;
        }
    }

    private void undoTradePaid(PayOrder order) {
        try {
            observations.step(PaymentStep.TRADE_UNPAID, order.getId(), () -> trade.markUnpaid(order.getBizOrderNo()));
        } catch (RuntimeException e) {
            log.error("Could not put trade order {} back to UNPAID: {}", order.getBizOrderNo(), e.toString());
        }
    }

    private void call(PaymentStep step, PayOrder order, Runnable call) {
        try {
            observations.step(step, order.getId(), call);
        } catch (RuntimeException e) {
            log.warn("Sync follow-up {} failed: {}", step.service(), e.toString());
            throw DownstreamFailure.of(step.service(), e);
        }
    }
}
