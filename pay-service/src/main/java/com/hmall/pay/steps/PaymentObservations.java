package com.hmall.pay.steps;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import lombok.RequiredArgsConstructor;

/**
 * A payment and each of its steps as Micrometer observations. One instrumentation serves two
 * readers: tracing makes each a span of the payment's trace (the Feign call of a step, and the
 * message it publishes, become children of the step's span), from which the classroom console draws
 * the payment's timeline; the meter handler makes the timers {@code hmall.payments} (by mode and
 * outcome) and {@code hmall.payment.step} (by step and service).
 *
 * <p>The payment is observed around {@code PaymentService}'s flow; each step by the collaborator that
 * makes it ({@code UserBalance}, {@code PayOrderUpdate}, {@code SyncFollowUps}, {@code OutboxRelay}),
 * so the flow itself reads as the lesson tells it.
 */
@Component
@RequiredArgsConstructor
public class PaymentObservations {

    public static final String PAYMENT = "hmall.payments";
    public static final String STEP = "hmall.payment.step";

    /** The span's name: what the console looks for. */
    public static final String PAYMENT_SPAN = "balance payment";
    /**
     * The console's span tags of a step. Span-only (high cardinality), so the meters keep their
     * {@code step} and {@code service} tags that dashboards query.
     */
    public static final String STEP_TAG = "hmall.step";
    public static final String STEP_SERVICE_TAG = "hmall.step.service";

    private final ObservationRegistry registry;

    /**
     * Runs one payment attempt as the payment observation, and ends it with its outcome: SUCCESS, or
     * the error code the client gets. A business answer (a wrong password, ...) is an outcome, not an
     * error; only a failure of the system (a downstream service, an unexpected exception) marks the
     * observation as failed.
     */
    public <T> T payment(long payOrderId, String mode, Supplier<T> attempt) {
        Observation payment = Observation.createNotStarted(PAYMENT, registry)
                .contextualName(PAYMENT_SPAN)
                .lowCardinalityKeyValue("mode", mode)
                .highCardinalityKeyValue("pay.order.id", String.valueOf(payOrderId))
                .start();
        String outcome = ErrorCode.INTERNAL_ERROR.name();
        try (Observation.Scope scope = payment.openScope()) {
            T result = attempt.get();
            outcome = "SUCCESS";
            return result;
        } catch (ApiException e) {
            outcome = e.getCode().name();
            if (e.getCode().status().is5xxServerError()) {
                payment.error(e);
            }
            throw e;
        } catch (RuntimeException e) {
            payment.error(e);
            throw e;
        } finally {
            payment.lowCardinalityKeyValue("outcome", outcome);
            payment.stop();
        }
    }

    /**
     * Names the pay order of the payment being observed, once its attempt has read it: which order,
     * who pays and how much (fen), as the console shows them.
     */
    public void payOrder(String payOrderNo, long userId, long amount) {
        Observation current = registry.getCurrentObservation();
        if (current != null && PAYMENT.equals(current.getContext().getName())) {
            current.highCardinalityKeyValue("pay.order.no", payOrderNo)
                    .highCardinalityKeyValue("user.id", String.valueOf(userId))
                    .highCardinalityKeyValue("amount", String.valueOf(amount));
        }
    }

    /** Runs one step of a payment as a child of the current observation (the payment's, normally). */
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
        return Observation.createNotStarted(STEP, registry)
                .contextualName(step.wireName())
                .lowCardinalityKeyValue("step", step.wireName())
                .lowCardinalityKeyValue("service", step.service())
                .highCardinalityKeyValue(STEP_TAG, step.wireName())
                .highCardinalityKeyValue(STEP_SERVICE_TAG, step.service())
                .highCardinalityKeyValue("pay.order.id", String.valueOf(payOrderId));
    }
}
