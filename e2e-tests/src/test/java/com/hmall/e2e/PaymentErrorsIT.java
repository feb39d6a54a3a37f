package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.Services.Reply;
import com.hmall.e2e.support.Services.Service;

/** What a payer gets wrong: every mistake has its code, and none of them changes anything. */
class PaymentErrorsIT extends EndToEndTest {

    @Test
    void shouldRefuseAWrongPasswordAndChangeNothing() {
        Purchase purchase = newPurchase(10_000, 1_000);

        Reply wrong = pay(purchase.payOrderId(), "not-the-password");

        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.code()).isEqualTo("WRONG_PASSWORD");
        assertUntouched(purchase, 10_000);
    }

    @Test
    void shouldRefuseAPaymentLargerThanTheBalanceAndChangeNothing() {
        Purchase purchase = newPurchase(999, 1_000);

        Reply refused = pay(purchase.payOrderId(), PASSWORD);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_BALANCE");
        assertUntouched(purchase, 999);
    }

    @Test
    void shouldRefuseToPayTheSameOrderTwice() {
        Purchase purchase = newPurchase(10_000, 1_000);
        assertThat(pay(purchase.payOrderId(), PASSWORD).status()).isEqualTo(200);

        Reply again = pay(purchase.payOrderId(), PASSWORD);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("ALREADY_PAID");
        assertThat(balanceOf(purchase.userId())).isEqualTo(9_000);
    }

    @Test
    void shouldAnswerUnknownIdsWithNotFound() {
        assertNotFound(services.user.get("/users/987654321012"));
        assertNotFound(services.trade.get("/orders/987654321012"));
        assertNotFound(services.pay.get("/pay-orders/987654321012"));
        assertNotFound(services.pay.get("/pay-orders/biz/987654321012"));
        assertNotFound(pay(987654321012L, PASSWORD));
    }

    @Test
    void shouldAnswerPayingForAnUnknownUserWithNotFound() {
        long orderId = newOrder(987654321012L, 500);
        Reply payOrder = apply(orderId, 987654321012L, 500);

        assertNotFound(pay(payOrder.id(), PASSWORD));
        assertThat(payOrderStatus(payOrder.id())).isEqualTo("WAITING");
    }

    @Test
    void shouldAnswerMalformedJsonWithValidationFailedEverywhere() {
        String broken = "{\"amount\": 12,";
        assertValidationFailed(services.user, "/users");
        assertValidationFailed(services.trade, "/orders");
        assertValidationFailed(services.pay, "/pay-orders");
        assertValidationFailed(services.notify, "/notifications");
        assertValidationFailed(services.points, "/points/awards");
        Purchase purchase = newPurchase(10_000, 1_000);
        Reply reply = services.pay.post("/pay-orders/" + purchase.payOrderId() + "/balance-payments", broken);
        assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
        assertUntouched(purchase, 10_000);
    }

    private void assertValidationFailed(Service service, String path) {
        Reply reply = service.post(path, "{\"amount\": 12,");
        assertThat(reply.status()).as("%s %s", service.name(), path).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.body().toString()).doesNotContain("Exception").doesNotContain("at com.");
    }

    private static void assertNotFound(Reply reply) {
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.code()).isEqualTo("NOT_FOUND");
    }

    private void assertUntouched(Purchase purchase, long balance) {
        assertThat(balanceOf(purchase.userId())).isEqualTo(balance);
        assertThat(payOrderStatus(purchase.payOrderId())).isEqualTo("WAITING");
        assertThat(orderStatus(purchase.orderId())).isEqualTo("UNPAID");
    }
}
