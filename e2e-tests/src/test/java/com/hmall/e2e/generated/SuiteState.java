package com.hmall.e2e.generated;

import java.util.ArrayList;
import java.util.List;

import com.hmall.e2e.support.Services;
import com.hmall.e2e.support.Services.Service;

import tools.jackson.databind.JsonNode;

/** What a refused request must leave as it was: the sentinel's money and orders, the mode, the knobs. */
record SuiteState(long balance, String orderStatus, String payOrderStatus, String mode, List<String> knobs) {

    static SuiteState read(Services services, long userId, long orderId, long payOrderId) {
        List<String> knobs = new ArrayList<>();
        for (Service service : services.downstream()) {
            JsonNode state = service.get("/demo/chaos").body();
            knobs.add(service.name() + " " + state.path("latencyMs").asLong() + " ms" + (state.path("outage")
                    .asBoolean() ? ", outage" : ""));
        }
        return new SuiteState(services.user.get("/users/" + userId).number("balance"),
                services.trade.get("/orders/" + orderId).text("status"),
                services.pay.get("/pay-orders/" + payOrderId).text("status"),
                services.pay.get("/mode").text("mode"), List.copyOf(knobs));
    }
}
