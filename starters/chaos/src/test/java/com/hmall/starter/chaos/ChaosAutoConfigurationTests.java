package com.hmall.starter.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import com.hmall.starter.web.WebAutoConfiguration;

/**
 * The knobs are a classroom tool: unless {@code demo.chaos.enabled=true}, {@code /demo/**} does not exist;
 * a service without RabbitMQ gets them too.
 */
class ChaosAutoConfigurationTests {

    private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChaosAutoConfiguration.class, WebAutoConfiguration.class,
                    WebMvcAutoConfiguration.class, JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class, ValidationAutoConfiguration.class));

    @Test
    void shouldServeTheKnobsWhenEnabled() {
        contexts.withPropertyValues("demo.chaos.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(ChaosController.class);
            MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();

            mvc.perform(get("/demo/chaos"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.latencyMs").value(0))
                    .andExpect(jsonPath("$.outage").value(false));
        });
    }

    @Test
    void shouldAnswerNotFoundWhenDisabled() {
        contexts.withPropertyValues("demo.chaos.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(ChaosController.class);
            assertNoKnobsEndpoint(MockMvcBuilders.webAppContextSetup(context).build());
        });
    }

    @Test
    void shouldBeDisabledByDefault() {
        contexts.run(context -> {
            assertThat(context).doesNotHaveBean(ChaosController.class);
            assertThat(context).hasSingleBean(ChaosKnobs.class);
            assertNoKnobsEndpoint(MockMvcBuilders.webAppContextSetup(context).build());
        });
    }

    /** user-service has no RabbitMQ: its knobs still work, and its outage is its 503s alone. */
    @Test
    void shouldServeTheKnobsOfAServiceWithoutRabbitMq() {
        contexts.withClassLoader(new FilteredClassLoader("org.springframework.amqp"))
                .withPropertyValues("demo.chaos.enabled=true").run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(QueueConsumers.class);
                    MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();

                    mvc.perform(put("/demo/chaos").contentType(MediaType.APPLICATION_JSON)
                                    .content("{\"latencyMs\":0,\"outage\":true}"))
                            .andExpect(status().isOk())
                            .andExpect(jsonPath("$.outage").value(true))
                            .andExpect(jsonPath("$.queues").isEmpty());
                    assertThat(context.getBean(ChaosKnobs.class).state().outage()).isTrue();
                });
    }

    @Test
    void shouldTakeListenersOffTheirQueuesWhereTheServiceHasRabbitMq() {
        contexts.run(context -> assertThat(context).hasSingleBean(QueueConsumers.class));
    }

    private static void assertNoKnobsEndpoint(MockMvc mvc) throws Exception {
        mvc.perform(get("/demo/chaos"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(put("/demo/chaos").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"latencyMs\":0,\"outage\":true}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }
}
