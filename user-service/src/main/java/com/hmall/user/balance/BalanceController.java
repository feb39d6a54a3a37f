package com.hmall.user.balance;

import static com.hmall.starter.web.ErrorCode.INSUFFICIENT_BALANCE;
import static com.hmall.starter.web.ErrorCode.NOT_FOUND;
import static com.hmall.starter.web.ErrorCode.PAYMENT_LOCKED;
import static com.hmall.starter.web.ErrorCode.STATE_CONFLICT;
import static com.hmall.starter.web.ErrorCode.WRONG_PASSWORD;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.starter.web.ProblemExample;
import com.hmall.starter.web.ProblemResponses;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;

@Tag(name = "Balance", description = "Deductions and refunds, each at most once per payOrderNo")
@RestController
@RequestMapping("/users/{id}")
@RequiredArgsConstructor
class BalanceController {

    private final BalanceService balanceService;

    @PutMapping("/deductions")
    @Operation(summary = "Deduct a payment from the balance",
            description = "Idempotent per `payOrderNo`: a repeat of an applied deduction succeeds and deducts "
                    + "nothing. The balance never goes below zero, whatever the concurrency.")
    @ProblemResponses({ WRONG_PASSWORD, INSUFFICIENT_BALANCE, PAYMENT_LOCKED, NOT_FOUND, STATE_CONFLICT })
    @ProblemExample(code = NOT_FOUND, detail = "User 1 does not exist")
    @ProblemExample(code = STATE_CONFLICT,
            detail = "Pay order 1859103449726812161 was already deducted for a different user or amount")
    BalanceView deduct(@PathVariable long id, @Valid @RequestBody DeductionRequest request) {
        return balanceService.deduct(id, request);
    }

    @PutMapping("/refunds")
    @Operation(summary = "Refund the deduction made for a pay order",
            description = "Idempotent per `payOrderNo`. Refunding more than was deducted is STATE_CONFLICT.")
    @ProblemResponses({ NOT_FOUND, STATE_CONFLICT })
    @ProblemExample(code = NOT_FOUND, detail = "User 1 has no deduction for this pay order")
    @ProblemExample(code = STATE_CONFLICT,
            detail = "Cannot refund 20000 fen: pay order 1859103449726812161 deducted only 10000")
    BalanceView refund(@PathVariable long id, @Valid @RequestBody RefundRequest request) {
        return balanceService.refund(id, request);
    }
}
