package com.hmall.pay.live;

import org.springframework.stereotype.Component;

import com.hmall.pay.steps.PaymentObservations.PaymentContext;
import com.hmall.pay.steps.PaymentObservations.StepContext;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import lombok.RequiredArgsConstructor;

/**
 * Draws the timelines from the payment observations that tracing and metrics already get, so the
 * payment code knows nothing about the page.
 */
@Component
@RequiredArgsConstructor
class TimelineRecorder implements ObservationHandler<Observation.Context> {

    private final PaymentTimelines timelines;

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof PaymentContext || context instanceof StepContext;
    }

    @Override
    public void onStart(Observation.Context context) {
        long now = System.currentTimeMillis();
        if (context instanceof PaymentContext payment) {
            timelines.started(payment.getPayOrderId(), payment.getMode(), now);
        } else if (context instanceof StepContext step) {
            timelines.stepStarted(step.getPayOrderId(), step.getStep(), now);
        }
    }

    @Override
    public void onEvent(Observation.Event event, Observation.Context context) {
        if (context instanceof PaymentContext payment && payment.getFacts() != null) {
            timelines.claimed(payment.getPayOrderId(), payment.getFacts());
        }
    }

    @Override
    public void onStop(Observation.Context context) {
        long now = System.currentTimeMillis();
        if (context instanceof PaymentContext payment) {
            timelines.answered(payment.getPayOrderId(), payment.getOutcome(), payment.getDetail(), now);
        } else if (context instanceof StepContext step) {
            Throwable error = step.getError();
            timelines.stepEnded(step.getPayOrderId(), step.getStep(), error == null ? null : error.getMessage(), now);
        }
    }
}
