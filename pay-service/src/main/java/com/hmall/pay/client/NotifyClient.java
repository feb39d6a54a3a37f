package com.hmall.pay.client;

import com.hmall.payevents.PaymentNotice;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient(name = "notify-service", url = "${hmall.services.notify-url:http://127.0.0.1:8084}")
public interface NotifyClient {

    @PostMapping("/notifications")
    void send(@RequestBody PaymentNotice notice);
}
