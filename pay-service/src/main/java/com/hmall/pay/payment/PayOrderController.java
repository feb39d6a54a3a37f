package com.hmall.pay.payment;

import static com.hmall.starter.web.ErrorCode.ALREADY_PAID;
import static com.hmall.starter.web.ErrorCode.DOWNSTREAM_FAILED;
import static com.hmall.starter.web.ErrorCode.INSUFFICIENT_BALANCE;
import static com.hmall.starter.web.ErrorCode.NOT_FOUND;
import static com.hmall.starter.web.ErrorCode.ORDER_MISMATCH;
import static com.hmall.starter.web.ErrorCode.PAYMENT_LOCKED;
import static com.hmall.starter.web.ErrorCode.SERVICE_UNAVAILABLE;
import static com.hmall.starter.web.ErrorCode.STATE_CONFLICT;
import static com.hmall.starter.web.ErrorCode.WRONG_PASSWORD;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.starter.web.ProblemExample;
import com.hmall.starter.web.ProblemResponses;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;

@Tag(name = "Pay orders", description = "One pay order per trade order, paid from the user's balance")
@RestController
@RequestMapping("/pay-orders")
@RequiredArgsConstructor
class PayOrderController {

    private final PayOrderService payOrderService;
    private final PaymentService paymentService;

    /** 201 for a new pay order, 200 when this trade order already had one (the same one is returned). */
    @PostMapping
    @Operation(summary = "Apply for the pay order of a trade order",
            description = "The trade order is checked with trade-service first: it must exist, be `userId`'s, be "
                    + "UNPAID and be for exactly `amount`; otherwise nothing is made. Applying again for the same "
                    + "`bizOrderNo` returns the same pay order, never a second one.")
    @ApiResponse(responseCode = "201", description = "A new pay order, WAITING")
    @ApiResponse(responseCode = "200", description = "The pay order this trade order already had")
    @ProblemResponses({ ORDER_MISMATCH, STATE_CONFLICT })
    @ProblemExample(code = ORDER_MISMATCH, detail = "Trade order 1 is for 5000 fen, not 1; no pay order was made")
    @ProblemExample(code = STATE_CONFLICT, detail = "Trade order 1 is PAID, not UNPAID")
    @ProblemExample(code = SERVICE_UNAVAILABLE, detail = "trade-service did not answer, so trade order 1 could not "
            + "be checked; no pay order was made, try again later")
    ResponseEntity<PayOrderView> apply(@Valid @RequestBody PayOrderRequest request) {
        PayOrderService.Applied applied = payOrderService.apply(request);
        return ResponseEntity.status(applied.created() ? HttpStatus.CREATED : HttpStatus.OK).body(applied.payOrder());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a pay order")
    @ProblemResponses(NOT_FOUND)
    @ProblemExample(code = NOT_FOUND, detail = "pay order 1 does not exist")
    PayOrderView get(@PathVariable long id) {
        return payOrderService.get(id);
    }

    @GetMapping("/biz/{bizOrderNo}")
    @Operation(summary = "Read the pay order of a trade order")
    @ProblemResponses(NOT_FOUND)
    @ProblemExample(code = NOT_FOUND, detail = "pay order for trade order 1 does not exist")
    PayOrderView getByBizOrderNo(@PathVariable long bizOrderNo) {
        return payOrderService.getByBizOrderNo(bizOrderNo);
    }

    @PostMapping("/{id}/balance-payments")
    @Operation(summary = "Pay a pay order from the user's balance",
            description = "Runs in the current mode (`GET /mode`). sync: calls trade-, notify- and points-service "
                    + "in turn; when one fails the payment is undone and answered with DOWNSTREAM_FAILED. async: "
                    + "publishes `PaymentSucceeded` and answers without waiting for any consumer. Of concurrent "
                    + "requests for one pay order at most one succeeds.")
    @ProblemResponses({ ALREADY_PAID, STATE_CONFLICT, WRONG_PASSWORD, INSUFFICIENT_BALANCE, PAYMENT_LOCKED, NOT_FOUND,
        DOWNSTREAM_FAILED })
    @ProblemExample(code = STATE_CONFLICT, detail = "Pay order 1 is being paid by another request")
    @ProblemExample(code = NOT_FOUND, detail = "pay order 1 does not exist")
    BalancePaymentResult payWithBalance(@PathVariable long id, @Valid @RequestBody BalancePaymentRequest request) {
        return paymentService.payWithBalance(id, request.password());
    }
}
