package com.hmall.user.balance;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.common.client.BalanceView;
import com.hmall.common.client.DeductionRequest;
import com.hmall.common.client.RefundRequest;

import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;

@RestController
@RequestMapping("/users/{id}")
@RequiredArgsConstructor
class BalanceController {

    private final BalanceService balanceService;

    @PutMapping("/deductions")
    BalanceView deduct(@PathVariable long id, @Valid @RequestBody DeductionRequest request) {
        return balanceService.deduct(id, request);
    }

    @PutMapping("/refunds")
    BalanceView refund(@PathVariable long id, @Valid @RequestBody RefundRequest request) {
        return balanceService.refund(id, request);
    }
}
