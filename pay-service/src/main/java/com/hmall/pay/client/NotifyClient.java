package com.hmall.pay.client;

import com.hmall.payevents.PaymentNotice;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient("notify-service")
public interface NotifyClient {

    @PostMapping("/notifications")
    void send(@RequestBody PaymentNotice notice);
}
