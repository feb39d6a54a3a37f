package com.hmall.common.client;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import feign.codec.ErrorDecoder;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration
@ConditionalOnClass(ErrorDecoder.class)
public class ClientAutoConfiguration {

    @Bean
    ErrorDecoder problemErrorDecoder(JsonMapper jsonMapper) {
        return new ProblemErrorDecoder(jsonMapper);
    }
}
