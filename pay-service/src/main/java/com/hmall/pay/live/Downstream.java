package com.hmall.pay.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.hmall.common.chaos.ChaosSettings;
import com.hmall.common.client.RemoteProblemException;
import com.hmall.common.web.ApiException;
import com.hmall.common.web.ErrorCode;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live page's calls to the other services: their chaos knobs, whether they answer, whether a
 * payment's effect is there yet, and the trade order a demo payment pays. Plain HTTP reads of each
 * service's public API, with short time-outs: the page must stay quick when a service is down.
 */
@Component
class Downstream {

    static final List<String> SERVICES = List.of("user-service", "trade-service", "notify-service", "points-service");

    private final RestClient http;
    private final JsonMapper jsonMapper;
    private final Map<String, URI> baseUrls;

    Downstream(ObservationRegistry observations, JsonMapper jsonMapper,
            @Value("${hmall.services.user-url}") URI userUrl, @Value("${hmall.services.trade-url}") URI tradeUrl,
            @Value("${hmall.services.notify-url}") URI notifyUrl, @Value("${hmall.services.points-url}") URI pointsUrl) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build());
        // Above the largest chaos latency, so a slow service reads as slow, not as down.
        requests.setReadTimeout(Duration.ofSeconds(12));
        // Its own metric name: http.client.requests belongs to Feign, whose tags differ.
        this.http = RestClient.builder().requestFactory(requests).observationRegistry(observations)
                .observationConvention(new DefaultClientRequestObservationConvention("hmall.live.client.requests"))
                .build();
        this.jsonMapper = jsonMapper;
        this.baseUrls = Map.of("user-service", userUrl, "trade-service", tradeUrl,
                "notify-service", notifyUrl, "points-service", pointsUrl);
    }

    ChaosSettings chaos(String service) {
        return call(service, http.get().uri(url(service, "/demo/chaos")), r -> r.body(ChaosSettings.class));
    }

    ChaosSettings setChaos(String service, ChaosSettings settings) {
        return call(service, http.put().uri(url(service, "/demo/chaos")).body(settings),
                r -> r.body(ChaosSettings.class));
    }

    boolean healthy(String service) {
        try {
            return call(service, http.get().uri(url(service, "/actuator/health")),
                    r -> r.toBodilessEntity().getStatusCode().is2xxSuccessful());
        } catch (ApiException e) {
            return false;
        }
    }

    long createTradeOrder(long userId, long amount) {
        return call("trade-service", http.post().uri(url("trade-service", "/orders"))
                .body(Map.of("userId", userId, "amount", amount)), r -> r.body(TradeOrder.class)).id();
    }

    boolean tradeOrderPaid(long orderId) {
        return "PAID".equals(call("trade-service", http.get().uri(url("trade-service", "/orders/" + orderId)),
                r -> r.body(TradeOrder.class)).status());
    }

    Set<String> notifiedPayOrderNos(long userId) {
        Notification[] notifications = call("notify-service",
                http.get().uri(url("notify-service", "/notifications?userId=" + userId)),
                r -> r.body(Notification[].class));
        return notifications == null ? Set.of()
                : Arrays.stream(notifications).map(Notification::payOrderNo).collect(Collectors.toSet());
    }

    Set<String> awardedPayOrderNos(long userId) {
        Points points = call("points-service", http.get().uri(url("points-service", "/points/" + userId)),
                r -> r.body(Points.class));
        return points == null || points.history() == null ? Set.of()
                : points.history().stream().map(Award::payOrderNo).collect(Collectors.toSet());
    }

    private URI url(String service, String path) {
        URI base = baseUrls.get(service);
        if (base == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No downstream service is called " + service);
        }
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }

    /** Turns a problem answer into the same ApiException, and no answer into DOWNSTREAM_FAILED. */
    private <T> T call(String service, RestClient.RequestHeadersSpec<?> request,
            Function<RestClient.ResponseSpec, T> read) {
        try {
            return read.apply(request.retrieve().onStatus(HttpStatusCode::isError, (req, response) -> {
                int status = response.getStatusCode().value();
                RemoteProblemException problem = RemoteProblemException.read(status, response.getBody(), jsonMapper, null);
                ErrorCode code = ErrorCode.named(problem.getCode(), status);
                throw new ApiException(code, service + ": " + Objects.requireNonNullElse(problem.getDetail(), code.title()));
            }));
        } catch (RestClientException e) {
            throw new ApiException(ErrorCode.DOWNSTREAM_FAILED, service + " did not answer");
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TradeOrder(long id, String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Notification(String payOrderNo) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Points(List<Award> history) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Award(String payOrderNo) {
    }
}
