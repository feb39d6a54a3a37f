package com.hmall.pay.client;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;

@FeignClient("trade-service")
public interface TradeClient {

    @GetMapping("/orders/{id}")
    TradeOrder get(@PathVariable("id") long orderId);

    @PutMapping("/orders/{id}/paid")
    void markPaid(@PathVariable("id") long orderId);

    @PutMapping("/orders/{id}/unpaid")
    void markUnpaid(@PathVariable("id") long orderId);
}
