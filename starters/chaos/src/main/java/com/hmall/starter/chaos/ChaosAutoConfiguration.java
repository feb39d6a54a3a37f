package com.hmall.starter.chaos;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The knobs always exist (calm, so the messaging starter's listener advice can call them
 * unconditionally); the endpoint and the request interceptor only when {@code demo.chaos.enabled=true}.
 */
@AutoConfiguration
public class ChaosAutoConfiguration {

    @Bean
    ChaosKnobs chaosKnobs(ObjectProvider<ListenerSwitch> listeners) {
        return new ChaosKnobs(listeners.getIfAvailable(() -> ListenerSwitch.NONE));
    }

    /** Only where the service consumes from RabbitMQ: an outage then takes it off its queues. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RabbitListenerEndpointRegistry.class)
    static class QueueConsumersConfiguration {

        @Bean
        QueueConsumers chaosQueueConsumers(ObjectProvider<RabbitListenerEndpointRegistry> listeners,
                ObjectProvider<AmqpAdmin> admin) {
            return new QueueConsumers(listeners, admin);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "demo.chaos.enabled", havingValue = "true")
    static class ChaosEndpointConfiguration implements WebMvcConfigurer {

        private final ChaosKnobs knobs;

        ChaosEndpointConfiguration(ChaosKnobs knobs) {
            this.knobs = knobs;
        }

        @Bean
        ChaosController chaosController() {
            return new ChaosController(knobs);
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new HandlerInterceptor() {
                @Override
                public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                    knobs.beforeRequest();
                    return true;
                }
            }).excludePathPatterns("/demo/**", "/actuator/**", "/error", "/v3/api-docs/**", "/swagger-ui/**",
                    "/swagger-ui.html");
        }
    }
}
