package com.hmall.pay.payment;

import java.util.Map;

import org.springframework.stereotype.Component;

import com.hmall.pay.client.RemoteProblemException;
import com.hmall.pay.client.TradeClient;
import com.hmall.pay.client.TradeOrder;
import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

import lombok.RequiredArgsConstructor;

/**
 * A pay order comes from its trade order: before one is made, trade-service is asked whether the
 * order exists, is the payer's, is still UNPAID and is for exactly that amount. So no one can pay
 * 1 fen for an order of 5000, or pay (or block) someone else's order.
 */
@Component
@RequiredArgsConstructor
class TradeOrders {

    static final String SERVICE = "trade-service";

    private final TradeClient trade;

    /** @throws ApiException ORDER_MISMATCH, STATE_CONFLICT, or SERVICE_UNAVAILABLE when trade-service cannot say */
    void requirePayable(PayOrderRequest request) {
        long id = request.bizOrderNo();
        TradeOrder order = read(id);
        if (order.userId() != request.userId()) {
            // Whose it is stays unsaid.
            throw mismatch("Trade order " + id + " is not an order of user " + request.userId());
        }
        if (order.amount() != request.amount()) {
            throw mismatch("Trade order " + id + " is for " + order.amount() + " fen, not " + request.amount());
        }
        if (!TradeOrder.UNPAID.equals(order.status())) {
            throw ApiException.stateConflict("Trade order " + id + " is " + order.status() + ", not UNPAID");
        }
    }

    private TradeOrder read(long id) {
        try {
            return trade.get(id);
        } catch (RemoteProblemException problem) {
            if (problem.getStatus() == 404) {
                throw mismatch("Trade order " + id + " does not exist");
            }
            throw unavailable(id, "answered " + problem.getStatus() + " " + problem.getCode());
        } catch (RuntimeException noAnswer) {
            throw unavailable(id, "did not answer");
        }
    }

    private static ApiException mismatch(String detail) {
        return new ApiException(ErrorCode.ORDER_MISMATCH, detail + "; no pay order was made");
    }

    private static ApiException unavailable(long id, String reason) {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, SERVICE + " " + reason + ", so trade order " + id
                + " could not be checked; no pay order was made, try again later", Map.of("service", SERVICE));
    }
}
