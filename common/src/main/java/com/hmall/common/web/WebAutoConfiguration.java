package com.hmall.common.web;

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
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
@Import({ProblemJsonExceptionHandler.class, ProblemJsonErrorController.class, DecimalIdBinding.class})
public class WebAutoConfiguration {

    /**
     * Money and ids are whole numbers: {@code 1.5} or {@code "100"} is a client's mistake and must be
     * answered with VALIDATION_FAILED, not silently truncated or parsed. The same goes for
     * {@code "true"} where a boolean is expected, and for {@code 123} where text is expected: a
     * username or a pay password is a JSON string.
     */
    @Bean
    JsonMapperBuilderCustomizer strictScalarsCustomizer() {
        return builder -> builder
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
    static class PathParameterConfiguration implements WebMvcConfigurer {

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new PathParameterGuard());
        }
    }

    /**
     * Tomcat cuts path parameters off before routing, so {@code /users/1;drop} would be served as
     * {@code /users/1}. No endpoint takes them: a path with one is refused instead of half-read.
     */
    static final class PathParameterGuard implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (request.getRequestURI().indexOf(';') >= 0) {
                throw ApiException.validation("The path must not contain ';'");
            }
            return true;
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
