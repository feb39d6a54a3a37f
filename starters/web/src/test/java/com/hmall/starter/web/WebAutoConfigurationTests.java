package com.hmall.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;

/** A web service gets problem JSON and the strict request rules; anything else gets nothing. */
class WebAutoConfigurationTests {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(WebAutoConfiguration.class,
            WebMvcAutoConfiguration.class, JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            ValidationAutoConfiguration.class);

    @Test
    void shouldGiveAWebServiceProblemJsonAndTheStrictRequestRules() {
        new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run(context -> assertThat(context)
                .hasNotFailed()
                .hasSingleBean(ProblemJsonExceptionHandler.class)
                .hasSingleBean(ProblemJsonErrorController.class)
                .hasSingleBean(DecimalIdBinding.class)
                .hasSingleBean(StrictUtf8Bodies.class));
    }

    @Test
    void shouldLeaveAnApplicationWithoutAWebServerAlone() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS).run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(ProblemJsonExceptionHandler.class)
                .doesNotHaveBean(StrictUtf8Bodies.class));
    }
}
