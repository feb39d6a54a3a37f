package com.hmall.pay.client;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient("user-service")
public interface UserClient {

    @PutMapping("/users/{id}/deductions")
    BalanceView deduct(@PathVariable("id") long userId, @RequestBody DeductionRequest request);

    @PutMapping("/users/{id}/refunds")
    BalanceView refund(@PathVariable("id") long userId, @RequestBody RefundRequest request);
}
