package com.hmall.pay.payment;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DownstreamHttpConfiguration {

    /**
     * Apache HttpClient retries a 503 once after a second by default, even a POST. A downstream
     * failure must reach the payment as it happened, once: retries, if any, are a decision of
     * pay-service's code, where idempotency is known.
     */
    @Bean
    HttpClientBuilderCustomizer noAutomaticHttpRetries() {
        return HttpClientBuilder::disableAutomaticRetries;
    }
}
