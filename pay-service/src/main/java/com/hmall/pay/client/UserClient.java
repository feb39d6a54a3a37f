package com.hmall.pay.client;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient(name = "user-service", url = "${hmall.services.user-url:http://127.0.0.1:8081}")
public interface UserClient {

    @PutMapping("/users/{id}/deductions")
    BalanceView deduct(@PathVariable("id") long userId, @RequestBody DeductionRequest request);

    @PutMapping("/users/{id}/refunds")
    BalanceView refund(@PathVariable("id") long userId, @RequestBody RefundRequest request);
}
