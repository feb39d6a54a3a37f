package com.hmall.pay.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.hmall.pay.live.LiveViews.PaymentView;
import com.hmall.pay.live.LiveViews.StepView;
import com.hmall.pay.steps.PaymentObservations.PaymentFacts;
import com.hmall.pay.steps.PaymentStep;

/**
 * The last payments as timelines, for the live page: when each payment started and was answered,
 * and when each of its steps started and ended. Fed by {@link TimelineRecorder} (the payment's own
 * steps) and {@link EffectWatcher} (the async consumers' effects). In memory and small on purpose:
 * it shows what happens now, it is not a record of anything.
 */
@Component
class PaymentTimelines {

    static final int KEPT = 20;

    /** Consumers whose effects an async payment waits for, in the order the page shows them. */
    static final List<PaymentStep> CONSUMERS = List.of(PaymentStep.TRADE, PaymentStep.NOTIFY, PaymentStep.POINTS);

    private final Deque<Timeline> newestFirst = new ArrayDeque<>();

    synchronized void started(long payOrderId, String mode, long at) {
        newestFirst.addFirst(new Timeline(payOrderId, mode, at));
        while (newestFirst.size() > KEPT) {
            newestFirst.removeLast();
        }
    }

    synchronized void claimed(long payOrderId, PaymentFacts facts) {
        latest(payOrderId).ifPresent(t -> t.facts = facts);
    }

    synchronized void answered(long payOrderId, String outcome, String detail, long at) {
        latest(payOrderId).ifPresent(t -> {
            t.outcome = outcome;
            t.detail = detail;
            t.answeredAt = at;
        });
    }

    synchronized void stepStarted(long payOrderId, PaymentStep step, long at) {
        latest(payOrderId).ifPresent(t -> t.steps.add(new Step(step, at)));
    }

    /**
     * Ends the latest running step of that name. A published event starts the wait for each
     * consumer's effect.
     */
    synchronized void stepEnded(long payOrderId, PaymentStep step, String failure, long at) {
        latest(payOrderId).ifPresent(t -> {
            for (int i = t.steps.size() - 1; i >= 0; i--) {
                Step s = t.steps.get(i);
                if (s.step == step && s.endedAt == null) {
                    s.end(failure == null ? "ok" : "failed", failure, at);
                    break;
                }
            }
            if (step == PaymentStep.PUBLISH && failure == null && t.effect(PaymentStep.TRADE) == null) {
                for (PaymentStep consumer : CONSUMERS) {
                    Step effect = new Step(consumer, at);
                    effect.state = "waiting";
                    t.steps.add(effect);
                }
            }
        });
    }

    /** Async payments whose consumers' effects have not all been seen yet. */
    synchronized List<PendingEffects> pendingEffects() {
        List<PendingEffects> pending = new ArrayList<>();
        for (Timeline t : newestFirst) {
            if (t.facts == null) {
                continue;
            }
            List<PaymentStep> missing = CONSUMERS.stream()
                    .filter(c -> t.effect(c) != null && t.effect(c).endedAt == null).toList();
            if (!missing.isEmpty()) {
                pending.add(new PendingEffects(t.payOrderId, t.facts, missing));
            }
        }
        return pending;
    }

    synchronized void effectSeen(long payOrderId, PaymentStep consumer, long at) {
        latest(payOrderId).map(t -> t.effect(consumer)).filter(s -> s.endedAt == null)
                .ifPresent(s -> s.end("ok", null, at));
    }

    synchronized void effectWaiting(long payOrderId, PaymentStep consumer, String why) {
        latest(payOrderId).map(t -> t.effect(consumer)).filter(s -> s.endedAt == null)
                .ifPresent(s -> s.detail = why);
    }

    synchronized List<PaymentView> snapshot() {
        return newestFirst.stream().map(Timeline::view).toList();
    }

    synchronized Optional<PaymentView> latestView(long payOrderId) {
        return latest(payOrderId).map(Timeline::view);
    }

    private Optional<Timeline> latest(long payOrderId) {
        return newestFirst.stream().filter(t -> t.payOrderId == payOrderId).findFirst();
    }

    record PendingEffects(long payOrderId, PaymentFacts facts, List<PaymentStep> missing) {
    }

    private static final class Timeline {

        final long payOrderId;
        final String mode;
        final long startedAt;
        final List<Step> steps = new ArrayList<>();
        PaymentFacts facts;
        Long answeredAt;
        String outcome;
        String detail;

        Timeline(long payOrderId, String mode, long startedAt) {
            this.payOrderId = payOrderId;
            this.mode = mode;
            this.startedAt = startedAt;
        }

        /** The consumer effect row of an async payment (after the publish), or null. */
        Step effect(PaymentStep consumer) {
            boolean published = false;
            for (Step s : steps) {
                published |= s.step == PaymentStep.PUBLISH;
                if (published && s.step == consumer) {
                    return s;
                }
            }
            return null;
        }

        PaymentView view() {
            return new PaymentView(payOrderId, facts == null ? null : facts.payOrderNo(),
                    facts == null ? null : facts.userId(), facts == null ? null : facts.amount(), mode,
                    startedAt, answeredAt, outcome, detail, steps.stream().map(Step::view).toList());
        }
    }

    private static final class Step {

        final PaymentStep step;
        final long startedAt;
        Long endedAt;
        String state = "running";
        String detail;

        Step(PaymentStep step, long startedAt) {
            this.step = step;
            this.startedAt = startedAt;
        }

        void end(String state, String detail, long at) {
            this.state = state;
            this.detail = detail;
            this.endedAt = at;
        }

        StepView view() {
            return new StepView(step.wireName(), step.service(), startedAt, endedAt, state, detail);
        }
    }
}
