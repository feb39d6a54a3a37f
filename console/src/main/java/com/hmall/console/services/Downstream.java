package com.hmall.console.services;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP to the suite's services, each call with its own deadline. A problem answer comes back
 * as the same code (and so the same status); no answer at all is DOWNSTREAM_FAILED naming the
 * service.
 */
public final class Downstream {

    private final RestClient http;
    private final JsonMapper jsonMapper;

    public Downstream(JsonMapper jsonMapper, Duration connectTimeout, Duration readTimeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build());
        requests.setReadTimeout(readTimeout);
        this.http = RestClient.builder().requestFactory(requests).build();
        this.jsonMapper = jsonMapper;
    }

    public RestClient http() {
        return http;
    }

    public <T> T call(String service, RestClient.RequestHeadersSpec<?> request, Function<RestClient.ResponseSpec, T> read) {
        try {
            return read.apply(request.retrieve().onStatus(HttpStatusCode::isError, (req, response) -> {
                int status = response.getStatusCode().value();
                JsonNode problem = readProblem(response.getBody().readNBytes(64 * 1024));
                ErrorCode code = ErrorCode.named(problem.path("code").asString(null), status);
                String detail = problem.path("detail").asString(null);
                throw new ApiException(code, service + ": " + (detail != null ? detail : code.title()),
                        Map.of("service", service));
            }));
        } catch (RestClientException e) {
            throw new ApiException(ErrorCode.DOWNSTREAM_FAILED, service + " did not answer", Map.of("service", service));
        }
    }

    private JsonNode readProblem(byte[] body) {
        try {
            JsonNode node = jsonMapper.readTree(body);
            return node == null ? jsonMapper.createObjectNode() : node;
        } catch (RuntimeException notJson) {
            return jsonMapper.createObjectNode();
        }
    }
}
