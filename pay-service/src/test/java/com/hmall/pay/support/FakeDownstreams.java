package com.hmall.pay.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for user-, trade-, notify- and points-service over real HTTP, so pay-service's Feign
 * clients, error decoding and compensation run for real. Records every call in order. As in
 * user-service, the deduction is idempotent per payOrderNo, refused past its deadline, and the pay
 * password is "123"; a refund of a deduction that was never made answers NOT_FOUND.
 */
public final class FakeDownstreams implements AutoCloseable {

    public static final String PASSWORD = "123";

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> traceparents = new ConcurrentHashMap<>();
    private final Map<String, Long> appliedDeductions = new ConcurrentHashMap<>();
    private final Set<String> refunded = ConcurrentHashMap.newKeySet();
    private final Map<Long, Map<String, Object>> tradeOrders = new ConcurrentHashMap<>();
    private final Set<String> failingPaths = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> slowPaths = new ConcurrentHashMap<>();

    public FakeDownstreams() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Calls recorded so far, as "METHOD /path", oldest first. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public List<String> callsFor(String payOrderNoOrBizOrderNo) {
        return calls.stream().filter(call -> call.contains(payOrderNoOrBizOrderNo)).toList();
    }

    /** The W3C traceparent header each call came with ("-" when none), by call as {@link #calls} names it. */
    public Map<String, String> traceparents() {
        return Map.copyOf(traceparents);
    }

    /** Makes every call whose path starts with the prefix answer 503 SERVICE_UNAVAILABLE. */
    public void failPathsStartingWith(String prefix) {
        failingPaths.add(prefix);
    }

    /** Makes calls whose path contains the fragment do their work, then answer only after a delay. */
    public void slowDownPathsContaining(String fragment, long millis) {
        slowPaths.put(fragment, millis);
    }

    public void heal() {
        failingPaths.clear();
        slowPaths.clear();
    }

    /** A trade order that GET /orders/{id} answers with; any other id is NOT_FOUND. */
    public void tradeOrder(long id, long userId, long amount, String status) {
        tradeOrders.put(id, Map.of("id", id, "userId", userId, "amount", amount, "status", status));
    }

    public boolean isDeducted(String payOrderNo) {
        return appliedDeductions.containsKey(payOrderNo);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<?, ?> body = readBody(exchange.getRequestBody());
        Object payOrderNo = body.get("payOrderNo");
        String call = method + " " + path + (payOrderNo == null ? "" : " " + payOrderNo);
        calls.add(call);
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        traceparents.put(call, traceparent == null ? "-" : traceparent);
        if (failingPaths.stream().anyMatch(path::startsWith)) {
            answer(exchange, 503, Map.of("status", 503, "code", "SERVICE_UNAVAILABLE", "detail", "simulated outage"));
            return;
        }
        if ("GET".equals(method) && path.matches("/orders/\\d+")) {
            Map<String, Object> order = tradeOrders.get(Long.parseLong(path.substring("/orders/".length())));
            if (order == null) {
                answer(exchange, 404, Map.of("status", 404, "code", "NOT_FOUND", "detail", "no such order"));
            } else {
                answer(exchange, 200, order);
            }
            return;
        }
        if (path.endsWith("/deductions")) {
            if (!PASSWORD.equals(body.get("password"))) {
                answer(exchange, 422, Map.of("status", 422, "code", "WRONG_PASSWORD", "detail", "wrong pay password"));
                return;
            }
            Object deadline = body.get("deadline");
            if (deadline != null && Instant.now().isAfter(Instant.parse((String) deadline))) {
                answer(exchange, 409, Map.of("status", 409, "code", "STATE_CONFLICT", "detail", "past its deadline"));
                return;
            }
            appliedDeductions.putIfAbsent((String) payOrderNo, ((Number) body.get("amount")).longValue());
        } else if (path.endsWith("/refunds")) {
            if (appliedDeductions.remove((String) payOrderNo) != null) {
                refunded.add((String) payOrderNo);
            } else if (!refunded.contains((String) payOrderNo)) {
                answer(exchange, 404, Map.of("status", 404, "code", "NOT_FOUND", "detail", "no such deduction"));
                return;
            }
        }
        delayIfSlow(path);
        answer(exchange, 200, Map.of("userId", 1, "balance", 0));
    }

    private void delayIfSlow(String path) {
        slowPaths.forEach((fragment, millis) -> {
            if (path.contains(fragment)) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    private Map<?, ?> readBody(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        return bytes.length == 0 ? Map.of() : json.readValue(bytes, Map.class);
    }

    private void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
