package com.hmall.common.web;

import java.util.Arrays;
import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * The OpenAPI document of every service: its name, and the problem-JSON answers every operation
 * can give, described once here instead of on every controller.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocsAutoConfiguration {

    static final String PROBLEM_SCHEMA = "Problem";

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
    OpenApiCustomizer problemJsonResponses() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                addProblem(operation, "400", "VALIDATION_FAILED: malformed JSON, a missing, out-of-range or "
                        + "wrongly typed field or parameter");
                if (path.contains("{")) {
                    addProblem(operation, "404", "NOT_FOUND: no such resource");
                }
                addProblem(operation, "503", "SERVICE_UNAVAILABLE: the service is in a simulated outage "
                        + "(PUT /demo/chaos)");
            }));
        };
    }

    private static void addProblem(Operation operation, String status, String description) {
        if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
            operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                    .content(new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            new io.swagger.v3.oas.models.media.MediaType()
                                    .schema(new ObjectSchema().$ref("#/components/schemas/" + PROBLEM_SCHEMA)))));
        }
    }

    private static ObjectSchema problemSchema() {
        List<String> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
        ObjectSchema schema = new ObjectSchema();
        schema.description("RFC 9457 problem details with the contract's error code");
        schema.addProperty("type", new StringSchema().example("about:blank"));
        schema.addProperty("title", new StringSchema().example("Validation failed"));
        schema.addProperty("status", new IntegerSchema().example(400));
        schema.addProperty("detail", new StringSchema().example("amount: must be greater than or equal to 1"));
        schema.addProperty("instance", new StringSchema().example("/pay-orders"));
        StringSchema code = new StringSchema();
        code.setEnum(codes);
        schema.addProperty("code", code);
        schema.setRequired(List.of("status", "title", "detail", "code"));
        return schema;
    }
}
