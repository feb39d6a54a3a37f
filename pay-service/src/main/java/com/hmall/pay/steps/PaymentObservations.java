package com.hmall.pay.steps;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import lombok.Getter;
import lombok.RequiredArgsConstructor;

/**
 * A payment and each of its steps as Micrometer observations. One instrumentation serves three
 * readers: tracing makes each a span of the payment's trace (the Feign calls and the published
 * message become its children), the meter handler makes the timers {@code hmall.payments} (by mode
 * and outcome) and {@code hmall.payment.step}, and the live page draws its timelines from them.
 */
@Component
@RequiredArgsConstructor
public class PaymentObservations {

    public static final String PAYMENT = "hmall.payments";
    public static final String STEP = "hmall.payment.step";

    private final ObservationRegistry registry;

    /** Starts the observation of one payment attempt; finish it with {@link #finish}. */
    public Observation startPayment(long payOrderId, String mode) {
        PaymentContext context = new PaymentContext(payOrderId, mode);
        return Observation.createNotStarted(PAYMENT, () -> context, registry)
                .contextualName("balance payment")
                .lowCardinalityKeyValue("mode", mode)
                .highCardinalityKeyValue("pay.order.id", String.valueOf(payOrderId))
                .start();
    }

    /** Records what is known once the pay order is claimed: who pays what, for which order. */
    public void claimed(Observation payment, PaymentFacts facts) {
        ((PaymentContext) payment.getContext()).facts = facts;
        payment.highCardinalityKeyValue("pay.order.no", facts.payOrderNo());
        payment.event(Observation.Event.of("claimed", "pay order claimed"));
    }

    /**
     * Ends the payment with its outcome: SUCCESS, or the error code the client gets. A business
     * answer (a wrong password, ...) is an outcome, not an error; only a failure of the system
     * (a downstream service, an unexpected exception) marks the observation as failed.
     */
    public void finish(Observation payment, RuntimeException failure) {
        PaymentContext context = (PaymentContext) payment.getContext();
        if (failure == null) {
            context.outcome = "SUCCESS";
        } else if (failure instanceof ApiException api) {
            context.outcome = api.getCode().name();
            context.detail = api.getMessage();
            if (api.getCode().status().is5xxServerError()) {
                payment.error(failure);
            }
        } else {
            context.outcome = ErrorCode.INTERNAL_ERROR.name();
            payment.error(failure);
        }
        payment.lowCardinalityKeyValue("outcome", context.outcome);
        payment.stop();
    }

    /** Runs one step of a payment as a child of the current payment observation. */
    public <T> T step(PaymentStep step, long payOrderId, Supplier<T> work) {
        return createStep(step, payOrderId).observe(work);
    }

    public void step(PaymentStep step, long payOrderId, Runnable work) {
        createStep(step, payOrderId).observe(work);
    }

    /** For a step that starts in one place and ends in another (a publish ends at the confirm). */
    public Observation startStep(PaymentStep step, long payOrderId) {
        return createStep(step, payOrderId).start();
    }

    private Observation createStep(PaymentStep step, long payOrderId) {
        StepContext context = new StepContext(payOrderId, step);
        return Observation.createNotStarted(STEP, () -> context, registry)
                .contextualName(step.wireName())
                .lowCardinalityKeyValue("step", step.wireName())
                .lowCardinalityKeyValue("service", step.service())
                .highCardinalityKeyValue("pay.order.id", String.valueOf(payOrderId));
    }

    /** Who pays what for which order: what a payment observation learns once it has claimed the order. */
    public record PaymentFacts(String payOrderNo, long bizOrderNo, long userId, long amount) {
    }

    @Getter
    public static final class PaymentContext extends Observation.Context {

        private final long payOrderId;
        private final String mode;
        private volatile PaymentFacts facts;
        private volatile String outcome;
        private volatile String detail;

        PaymentContext(long payOrderId, String mode) {
            this.payOrderId = payOrderId;
            this.mode = mode;
        }
    }

    @Getter
    public static final class StepContext extends Observation.Context {

        private final long payOrderId;
        private final PaymentStep step;

        StepContext(long payOrderId, PaymentStep step) {
            this.payOrderId = payOrderId;
            this.step = step;
        }
    }
}
