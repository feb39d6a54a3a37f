package com.hmall.pay.live;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.common.chaos.ChaosSettings;
import com.hmall.common.client.Money;
import com.hmall.common.web.ApiException;
import com.hmall.common.web.ErrorCode;
import com.hmall.common.web.MaxUtf8Bytes;
import com.hmall.common.web.ProblemResponses;
import com.hmall.pay.live.LiveViews.LiveState;
import com.hmall.pay.live.LiveViews.PaymentView;
import com.hmall.pay.live.LiveViews.ServiceView;
import com.hmall.pay.live.SuiteStatus.QueuesView;
import com.hmall.pay.mode.ModeSwitch;
import com.hmall.pay.payment.PayOrderRequest;
import com.hmall.pay.payment.PayOrderService;
import com.hmall.pay.payment.PaymentService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The API behind the live page ({@code /}, static files): one picture of the suite to poll, a
 * payment made in one click, and the other services' chaos knobs, reached through pay-service so
 * the page needs only one origin.
 */
@Tag(name = "live page")
@Validated
@RestController
@RequestMapping("/live")
class LiveController {

    /** Several open pages, or a fast poll, ask the services and the broker at most this often. */
    private static final long STATUS_MAX_AGE_MILLIS = 300;

    private final PaymentTimelines timelines;
    private final SuiteStatus suiteStatus;
    private final LivePageActivity activity;
    private final ModeSwitch modeSwitch;
    private final Downstream downstream;
    private final PayOrderService payOrders;
    private final PaymentService payments;
    private final AtomicReference<Status> lastStatus = new AtomicReference<>();

    LiveController(PaymentTimelines timelines, SuiteStatus suiteStatus, LivePageActivity activity,
            ModeSwitch modeSwitch, Downstream downstream, PayOrderService payOrders, PaymentService payments) {
        this.timelines = timelines;
        this.suiteStatus = suiteStatus;
        this.activity = activity;
        this.modeSwitch = modeSwitch;
        this.downstream = downstream;
        this.payOrders = payOrders;
        this.payments = payments;
    }

    @Operation(summary = "Everything the live page shows: mode, services, queues, the last payments' timelines")
    @GetMapping("/state")
    LiveState state() {
        activity.looked();
        Status status = status();
        return new LiveState(System.currentTimeMillis(), modeSwitch.current().wireName(), status.services(),
                status.queues().broker(), status.queues().queues(), timelines.snapshot());
    }

    /**
     * A whole payment in one call, as a student would make it by hand: a trade order, its pay
     * order, and the balance payment in the current mode. Fails as the payment fails.
     */
    @Operation(summary = "Create a trade order and its pay order, and pay it with the balance")
    @ProblemResponses({ ErrorCode.NOT_FOUND, ErrorCode.ALREADY_PAID, ErrorCode.STATE_CONFLICT,
        ErrorCode.WRONG_PASSWORD, ErrorCode.INSUFFICIENT_BALANCE, ErrorCode.PAYMENT_LOCKED,
        ErrorCode.DOWNSTREAM_FAILED })
    @PostMapping("/payments")
    PaymentView pay(@Valid @RequestBody LivePaymentRequest request) {
        activity.looked();
        long bizOrderNo = downstream.createTradeOrder(request.userId(), request.amount());
        long payOrderId = payOrders.apply(new PayOrderRequest(bizOrderNo, request.userId(), request.amount()))
                .payOrder().id();
        payments.payWithBalance(payOrderId, request.password());
        return timelines.latestView(payOrderId).orElseThrow();
    }

    @Operation(summary = "Set a downstream service's chaos knobs (its PUT /demo/chaos)")
    @ProblemResponses({ ErrorCode.NOT_FOUND, ErrorCode.DOWNSTREAM_FAILED })
    @PutMapping("/services/{name}/chaos")
    ChaosSettings setChaos(@PathVariable String name, @Valid @RequestBody ChaosSettings settings) {
        if (!Downstream.SERVICES.contains(name)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No downstream service has that name");
        }
        lastStatus.set(null);
        return downstream.setChaos(name, settings);
    }

    private Status status() {
        Status status = lastStatus.get();
        long now = System.currentTimeMillis();
        if (status == null || now - status.at() > STATUS_MAX_AGE_MILLIS) {
            status = new Status(now, suiteStatus.services(), suiteStatus.queues());
            lastStatus.set(status);
        }
        return status;
    }

    private record Status(long at, List<ServiceView> services, QueuesView queues) {
    }

    /** The pay form: amount in fen. */
    record LivePaymentRequest(
            @NotNull @Positive Long userId,
            @NotNull @Min(1) @Max(Money.MAX_PAYMENT) Long amount,
            @NotBlank @Size(min = 1, max = 64) @MaxUtf8Bytes(MaxUtf8Bytes.BCRYPT) String password) {
    }
}
