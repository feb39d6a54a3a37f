package com.hmall.starter.web;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/**
 * The OpenAPI document of every service: its name, and the problem-JSON answers of every operation,
 * described here once instead of on every controller. An endpoint lists its business errors with
 * {@link ProblemResponses}; {@code VALIDATION_FAILED} and {@code SERVICE_UNAVAILABLE} it gets
 * without asking. The defaults in {@code api-docs.properties} (answers are {@code application/json})
 * yield to a service's own configuration.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@PropertySource("classpath:com/hmall/starter/web/api-docs.properties")
public class ApiDocsAutoConfiguration {

    static final String PROBLEM_SCHEMA = ProblemDocumentation.SCHEMA;

    @Bean
    @ConditionalOnMissingBean(OpenAPI.class)
    OpenAPI serviceOpenApi(@Value("${spring.application.name:service}") String applicationName) {
        return new OpenAPI().info(new Info()
                .title(applicationName)
                .version("v1")
                .description("Part of the hmall lesson on sync and async calls between services. Money is whole "
                        + "fen (1 yuan = 100 fen). Every error is RFC 9457 problem JSON "
                        + "(application/problem+json) with a stable upper-case `code`."));
    }

    @Bean
    PropertyCustomizer validationRulesInSchemas() {
        return ConstraintDocumentation::apply;
    }

    @Bean
    OperationCustomizer declaredProblemResponses() {
        return (operation, handlerMethod) -> {
            ProblemDocumentation.addDeclaredProblems(operation, handlerMethod);
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer problemJsonResponses() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, ProblemDocumentation.problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperations()
                    .forEach(operation -> ProblemDocumentation.addCommonProblems(path, operation)));
        };
    }
}
