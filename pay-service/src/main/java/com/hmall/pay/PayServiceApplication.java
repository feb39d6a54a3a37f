package com.hmall.pay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.hmall.common.chaos.ChaosAutoConfiguration;
import com.hmall.common.client.NotifyClient;
import com.hmall.common.client.PointsClient;
import com.hmall.common.client.TradeClient;
import com.hmall.common.client.UserClient;

/**
 * pay-service has no chaos knobs (the contract gives them to the four services it calls): the
 * launcher's DEMO_CHAOS_ENABLED=true must not give it an outage switch of its own.
 */
@SpringBootApplication(exclude = ChaosAutoConfiguration.class)
@EnableScheduling
@EnableFeignClients(clients = { UserClient.class, TradeClient.class, NotifyClient.class, PointsClient.class })
public class PayServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PayServiceApplication.class, args);
    }
}
