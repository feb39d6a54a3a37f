package com.hmall.starter.web;

import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Every error as problem JSON, and requests read strictly. Runs before Boot's error handling so
 * that {@link ProblemJsonErrorController} takes the place of Boot's own.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication
@Import({ProblemJsonExceptionHandler.class, ProblemJsonErrorController.class, DecimalIdBinding.class,
        StrictUtf8Bodies.class})
public class WebAutoConfiguration {

    /**
     * Money and ids are whole numbers: {@code 1.5} or {@code "100"} is a client's mistake and must be
     * answered with VALIDATION_FAILED, not silently truncated or parsed. The same goes for
     * {@code "true"} where a boolean is expected, and for {@code 123} where text is expected: a
     * username or a pay password is a JSON string. A key given twice ({@code {"amount":1,"amount":100}})
     * is refused as well: parsers disagree on which one wins, and that is how checks get around.
     */
    @Bean
    JsonMapperBuilderCustomizer strictScalarsCustomizer() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Integer,
                        config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean,
                        config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual,
                        config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class RequestGuardConfiguration implements WebMvcConfigurer {

        /** First of all interceptors: nothing, not even the chaos latency, happens to a refused request. */
        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new RequestGuard()).order(Ordered.HIGHEST_PRECEDENCE);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class TomcatErrorReportConfiguration {

        @Bean
        ProblemJsonErrorReportCustomizer problemJsonErrorReportCustomizer() {
            return new ProblemJsonErrorReportCustomizer();
        }
    }

    /** Runs last, so that it replaces the error report valve Boot's own customizer adds. */
    static final class ProblemJsonErrorReportCustomizer
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> ProblemJsonErrorReportValve.installOn(context.getParent()));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
