package com.hmall.pay.client;

import com.hmall.payevents.PaymentNotice;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient(name = "points-service", url = "${hmall.services.points-url:http://127.0.0.1:8085}")
public interface PointsClient {

    @PostMapping("/points/awards")
    void award(@RequestBody PaymentNotice notice);
}
