package com.hmall.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The console and the five services of the tests' own suite ({@link SuiteEnvironment}), reached over HTTP only. */
public final class Services {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final Service user;
    public final Service trade;
    public final Service pay;
    public final Service notify;
    public final Service points;
    public final Service console;
    /** The optional subscriber (the lesson's exercise): not one of {@link #all()}, and down unless started. */
    public final Service coupon;

    private Services(Service user, Service trade, Service pay, Service notify, Service points, Service console,
            Service coupon) {
        this.user = user;
        this.trade = trade;
        this.pay = pay;
        this.notify = notify;
        this.points = points;
        this.console = console;
        this.coupon = coupon;
    }

    public static Services fromEnvironment() {
        return at(SuiteEnvironment::url);
    }

    /** The five services wherever they are: {@code baseUrlOf} maps a service's name to its base URL. */
    public static Services at(Function<String, String> baseUrlOf) {
        return new Services(service("user-service", baseUrlOf), service("trade-service", baseUrlOf),
                service("pay-service", baseUrlOf), service("notify-service", baseUrlOf),
                service("points-service", baseUrlOf), service("console", baseUrlOf),
                service("coupon-service", baseUrlOf));
    }

    /** The five services of the lesson. */
    public List<Service> all() {
        return List.of(user, trade, pay, notify, points);
    }

    /** The services with chaos knobs. */
    public List<Service> downstream() {
        return List.of(user, trade, notify, points);
    }

    boolean allHealthy() {
        return console.isHealthy() && all().stream().allMatch(Service::isHealthy);
    }

    private static Service service(String name, Function<String, String> baseUrlOf) {
        return new Service(name, baseUrlOf.apply(name));
    }

    public static String json(Map<String, ?> body) {
        return JSON.writeValueAsString(body);
    }

    public record Service(String name, String baseUrl) {

        public Reply get(String path) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
        }

        /** A body that is not JSON, such as Prometheus metrics; anything but a 2xx answer is an error. */
        public String getText(String path) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException(name + " answered GET " + path + " with " + response.statusCode()
                            + ": " + response.body());
                }
                return response.body();
            } catch (IOException e) {
                throw new IllegalStateException(name + " did not answer: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public Reply post(String path, String body) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        public Reply put(String path, String body) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)));
        }

        public Reply send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                String contentType = response.headers().firstValue("Content-Type").orElse("");
                JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
                return new Reply(response.statusCode(), contentType, body);
            } catch (IOException e) {
                throw new IllegalStateException(name + " did not answer: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public boolean isHealthy() {
            try {
                Reply health = get("/actuator/health");
                return health.status() == 200 && "UP".equals(health.body().path("status").asString());
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    public record Reply(int status, String contentType, JsonNode body) {

        public String code() {
            return body == null ? null : body.path("code").asString();
        }

        public long id() {
            return body.get("id").asLong();
        }

        public String text(String field) {
            return body.get(field).asString();
        }

        public long number(String field) {
            return body.get(field).asLong();
        }
    }
}
