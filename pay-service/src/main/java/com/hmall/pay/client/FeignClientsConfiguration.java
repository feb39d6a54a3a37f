package com.hmall.pay.client;

import java.util.List;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientBuilderCustomizer;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

import feign.codec.ErrorDecoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * pay-service's Feign clients: the caller owns them. They live here, not in a shared module, because
 * only pay-service calls these APIs, and because these four clients are the sync mode's coupling the
 * lesson shows: this package lists every service a payment depends on in sync mode. The called
 * services keep their own request and answer types; the two sides meet in the contract (api.md),
 * not in a jar.
 *
 * <p>A client names its service, never a URL: Spring Cloud LoadBalancer picks one of the service's
 * instances for each call, round robin, from the list in {@code application.yml}
 * ({@code spring.cloud.discovery.client.simple.instances}, filled from {@code USER_SERVICE_URL} and
 * the others, each one URL or a comma-separated list). So pay-service's code is the same for one
 * instance of a downstream or two, and under Kubernetes the list is one entry, the Service's name.
 * LoadBalancer wraps the same Apache HttpClient, timeouts and error decoder, and retries nothing:
 * its retrying client needs Spring Retry, which is not on the classpath, and
 * {@code spring.cloud.loadbalancer.retry.enabled} is off as well.
 */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(clients = { UserClient.class, TradeClient.class, NotifyClient.class, PointsClient.class })
public class FeignClientsConfiguration {

    private static final List<String> CLIENTS = List.of("user-service", "trade-service", "notify-service",
            "points-service");

    /**
     * Reads each entry of an instance list as a URL, checked; static and marked for binding so the
     * binder has it when it binds SimpleDiscoveryClient's properties.
     */
    @Bean
    @ConfigurationPropertiesBinding
    static Converter<String, InstanceProperties> instanceUrlConverter() {
        return new InstanceUrlConverter();
    }

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
     * here, before the web server and the schedulers start, closes that window. Each service's
     * LoadBalancer context is made here too, so the first payment does not pay for it.
     */
    @Bean
    SmartInitializingSingleton feignConvertersFilledBeforeFirstCall(FeignClientFactory clients,
            LoadBalancerClientFactory loadBalancers) {
        return () -> CLIENTS.forEach(name -> {
            clients.getInstance(name, FeignHttpMessageConverters.class).getConverters();
            loadBalancers.getInstance(name);
        });
    }
}
