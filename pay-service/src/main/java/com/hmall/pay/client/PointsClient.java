package com.hmall.pay.client;

import com.hmall.payevents.PaymentNotice;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient("points-service")
public interface PointsClient {

    @PostMapping("/points/awards")
    void award(@RequestBody PaymentNotice notice);
}
