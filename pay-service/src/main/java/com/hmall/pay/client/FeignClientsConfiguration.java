package com.hmall.pay.client;

import java.util.List;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientBuilderCustomizer;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import feign.codec.ErrorDecoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * pay-service's Feign clients: the caller owns them. They live here, not in a shared module, because
 * only pay-service calls these APIs, and because these four clients are the sync mode's coupling the
 * lesson shows: this package lists every service a payment depends on in sync mode. The called
 * services keep their own request and answer types; the two sides meet in the contract (api.md),
 * not in a jar.
 */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(clients = { UserClient.class, TradeClient.class, NotifyClient.class, PointsClient.class })
public class FeignClientsConfiguration {

    private static final List<String> CLIENTS = List.of("user-service", "trade-service", "notify-service",
            "points-service");

    /** A downstream's problem JSON becomes a {@link RemoteProblemException} with its code. */
    @Bean
    ErrorDecoder problemErrorDecoder(JsonMapper jsonMapper) {
        return new ProblemErrorDecoder(jsonMapper);
    }

    /**
     * Apache HttpClient retries a 503 once after a second by default, even a POST. A downstream
     * failure must reach the payment as it happened, once: retries, if any, are a decision of
     * pay-service's code, where idempotency is known.
     */
    @Bean
    HttpClientBuilderCustomizer noAutomaticHttpRetries() {
        return HttpClientBuilder::disableAutomaticRetries;
    }

    /**
     * Spring Cloud OpenFeign 5.0 fills each client's message converter list lazily and without a
     * lock, so two first calls at the same moment (a payment and the recovery job, right after a
     * restart) can find it empty and fail with "no suitable HttpMessageConverter". Filling the lists
     * here, before the web server and the schedulers start, closes that window.
     */
    @Bean
    SmartInitializingSingleton feignConvertersFilledBeforeFirstCall(FeignClientFactory clients) {
        return () -> CLIENTS.forEach(name -> clients.getInstance(name, FeignHttpMessageConverters.class)
                .getConverters());
    }
}
