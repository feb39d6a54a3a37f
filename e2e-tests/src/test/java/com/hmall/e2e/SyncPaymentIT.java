package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.Services.Reply;

class SyncPaymentIT extends EndToEndTest {

    @BeforeEach
    void syncMode() {
        setMode("sync");
    }

    @Test
    void shouldCallEveryServiceBeforeAnswering() {
        Purchase purchase = newPurchase(100_000, 30_050);

        Reply paid = pay(purchase.payOrderId(), PASSWORD);

        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.text("mode")).isEqualTo("sync");
        // No waiting: in sync mode every effect is there when the payment answers.
        assertThat(orderStatus(purchase.orderId())).isEqualTo("PAID");
        assertThat(notificationsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
        assertThat(pointsTotal(purchase.userId())).isEqualTo(300);
        assertThat(balanceOf(purchase.userId())).isEqualTo(100_000 - 30_050);
        assertThat(payOrderStatus(purchase.payOrderId())).isEqualTo("SUCCESS");
    }

    @Test
    void shouldFailThePaymentAndGiveTheMoneyBackWhenNotifyIsDown() {
        Purchase purchase = newPurchase(100_000, 40_000);
        outage(services.notify, true);

        Reply failed = pay(purchase.payOrderId(), PASSWORD);

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(failed.code()).isEqualTo("DOWNSTREAM_FAILED");
        assertThat(failed.text("detail")).contains("notify-service");
        assertThat(balanceOf(purchase.userId())).isEqualTo(100_000);
        assertThat(orderStatus(purchase.orderId())).isEqualTo("UNPAID");
        assertThat(payOrderStatus(purchase.payOrderId())).isEqualTo("WAITING");
        assertThat(awardsFor(purchase.userId(), purchase.payOrderNo())).isZero();

        outage(services.notify, false);
        Reply retried = pay(purchase.payOrderId(), PASSWORD);

        assertThat(retried.status()).isEqualTo(200);
        assertThat(balanceOf(purchase.userId())).isEqualTo(60_000);
        assertThat(orderStatus(purchase.orderId())).isEqualTo("PAID");
        assertThat(notificationsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
        assertThat(awardsFor(purchase.userId(), purchase.payOrderNo())).isEqualTo(1);
    }
}
