package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.Services.Reply;

class ModeSwitchIT extends EndToEndTest {

    @Test
    void shouldRunEachPaymentInTheModeSetAtThatMoment() {
        Purchase first = newPurchase(10_000, 1_000);
        Purchase second = newPurchase(10_000, 2_000);

        setMode("sync");
        assertThat(services.pay.get("/mode").text("mode")).isEqualTo("sync");
        Reply syncPaid = pay(first.payOrderId(), PASSWORD);
        setMode("async");
        Reply asyncPaid = pay(second.payOrderId(), PASSWORD);

        assertThat(syncPaid.text("mode")).isEqualTo("sync");
        assertThat(asyncPaid.text("mode")).isEqualTo("async");
        eventually().untilAsserted(() -> {
            for (Purchase purchase : new Purchase[] { first, second }) {
                assertThat(orderStatus(purchase.orderId())).isEqualTo("PAID");
                assertThat(notificationsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
                assertThat(awardsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
            }
        });
    }

    @Test
    void shouldRejectAnUnknownModeAndKeepTheCurrentOne() {
        setMode("sync");
        Reply rejected = services.pay.put("/mode", "{\"mode\":\"turbo\"}");

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(services.pay.get("/mode").text("mode")).isEqualTo("sync");
    }
}
