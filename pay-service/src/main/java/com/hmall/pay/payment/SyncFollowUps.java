package com.hmall.pay.payment;

import org.springframework.stereotype.Component;

import com.hmall.common.client.NotifyClient;
import com.hmall.common.client.PaymentNotice;
import com.hmall.common.client.PointsClient;
import com.hmall.common.client.TradeClient;

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

    /**
     * Runs the three calls in turn. When one fails, the trade order it already marked paid is put
     * back to UNPAID and a {@link DownstreamFailure} names the failing service. A notification
     * already sent stays sent, as a real SMS would.
     */
    void callInTurn(PayOrder order) {
        PaymentNotice notice = new PaymentNotice(order.getUserId(), order.getBizOrderNo(), order.getPayOrderNo(),
                order.getAmount());
        call("trade-service", () -> trade.markPaid(order.getBizOrderNo()));
        try {
            call("notify-service", () -> notify.send(notice));
            call("points-service", () -> points.award(notice));
        } catch (DownstreamFailure failure) {
            undoTradePaid(order.getBizOrderNo());
            throw failure;
        }
    }

    private void undoTradePaid(long bizOrderNo) {
        try {
            trade.markUnpaid(bizOrderNo);
        } catch (RuntimeException e) {
            log.error("Could not put trade order {} back to UNPAID: {}", bizOrderNo, e.toString());
        }
    }

    private static void call(String service, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("Sync follow-up {} failed: {}", service, e.toString());
            throw DownstreamFailure.of(service, e);
        }
    }
}
