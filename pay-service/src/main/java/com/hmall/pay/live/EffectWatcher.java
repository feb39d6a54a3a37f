package com.hmall.pay.live;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.hmall.common.messaging.PayTopology;
import com.hmall.common.web.ApiException;
import com.hmall.common.web.ErrorCode;
import com.hmall.pay.live.PaymentTimelines.PendingEffects;
import com.hmall.pay.steps.PaymentStep;

import lombok.extern.slf4j.Slf4j;

/**
 * In async mode pay-service does not hear back from its consumers: that is the point. For the live
 * page it looks, through each consumer's public read API, whether a payment's effect is there yet,
 * and notes when it first saw it (so a time is "seen by", at most one poll late). It polls only
 * while someone watches the page and a payment still waits for an effect.
 */
@Slf4j
@Component
class EffectWatcher implements DisposableBean {

    private final PaymentTimelines timelines;
    private final Downstream downstream;
    private final LivePageActivity activity;
    private final ExecutorService perConsumer = Executors.newFixedThreadPool(3, r -> new Thread(r, "live-effects"));

    EffectWatcher(PaymentTimelines timelines, Downstream downstream, LivePageActivity activity) {
        this.timelines = timelines;
        this.downstream = downstream;
        this.activity = activity;
    }

    @Scheduled(fixedDelayString = "${pay.live.effect-poll-ms:200}")
    void look() {
        if (!activity.watched()) {
            return;
        }
        List<PendingEffects> pending = timelines.pendingEffects();
        if (pending.isEmpty()) {
            return;
        }
        Predicate<PendingEffects> tradePaid = payment -> downstream.tradeOrderPaid(payment.facts().bizOrderNo());
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> lookFor(PaymentStep.TRADE, pending, tradePaid), perConsumer),
                CompletableFuture.runAsync(() -> lookFor(PaymentStep.NOTIFY, pending,
                        perUser(downstream::notifiedPayOrderNos)), perConsumer),
                CompletableFuture.runAsync(() -> lookFor(PaymentStep.POINTS, pending,
                        perUser(downstream::awardedPayOrderNos)), perConsumer))
                .join();
    }

    private void lookFor(PaymentStep consumer, List<PendingEffects> pending, Predicate<PendingEffects> effectPresent) {
        for (PendingEffects payment : pending) {
            if (!payment.missing().contains(consumer)) {
                continue;
            }
            try {
                if (effectPresent.test(payment)) {
                    timelines.effectSeen(payment.payOrderId(), consumer, System.currentTimeMillis());
                }
            } catch (ApiException e) {
                timelines.effectWaiting(payment.payOrderId(), consumer, whyWaiting(consumer, e));
                return;
            } catch (RuntimeException e) {
                log.debug("Could not look for {} effects: {}", consumer.service(), e.toString());
                return;
            }
        }
    }

    /** Reads each user's effects once per poll, however many of their payments wait. */
    private static Predicate<PendingEffects> perUser(LongFunction<Set<String>> effectsOfUser) {
        Map<Long, Set<String>> seenByUser = new HashMap<>();
        return payment -> seenByUser.computeIfAbsent(payment.facts().userId(), effectsOfUser::apply)
                .contains(payment.facts().payOrderNo());
    }

    private static String whyWaiting(PaymentStep consumer, ApiException e) {
        String queue = switch (consumer) {
            case TRADE -> PayTopology.TRADE_QUEUE;
            case NOTIFY -> PayTopology.NOTIFY_QUEUE;
            default -> PayTopology.POINTS_QUEUE;
        };
        String state = e.getCode() == ErrorCode.SERVICE_UNAVAILABLE ? "in outage" : "not answering";
        return consumer.service() + " " + state + ": the event waits in " + queue;
    }

    @Override
    public void destroy() {
        perConsumer.shutdownNow();
    }
}
