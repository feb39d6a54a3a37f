package com.hmall.coupon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The lesson's exercise (拓展性): a coupon for every payment of 100 yuan or more, added to the suite
 * by subscribing to the payment event. pay-service was not changed, rebuilt or restarted for it.
 */
@SpringBootApplication
public class CouponServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CouponServiceApplication.class, args);
    }
}
