package com.hmall.pay.payment;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

@WebMvcTest(PayOrderController.class)
class PayOrderControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private PayOrderService payOrderService;

    @MockitoBean
    private PaymentService paymentService;

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"bizOrderNo\":1,\"userId\":1,\"amount\":0}",
            "{\"bizOrderNo\":1,\"userId\":1,\"amount\":-5}",
            "{\"bizOrderNo\":1,\"userId\":1,\"amount\":100000001}",
            "{\"bizOrderNo\":1,\"userId\":1,\"amount\":1.5}",
            "{\"bizOrderNo\":1,\"userId\":1,\"amount\":\"ten\"}",
            "{\"bizOrderNo\":1,\"userId\":1}",
            "{\"bizOrderNo\":1,\"userId\":null,\"amount\":100}",
            "{\"bizOrderNo\":0,\"userId\":1,\"amount\":100}",
            "{\"bizOrderNo\":1,",
            "" })
    void shouldRejectInvalidApplicationsWithValidationFailed(String body) throws Exception {
        mvc.perform(post("/pay-orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").isString());
        verifyNoInteractions(payOrderService);
    }

    @Test
    void shouldRejectAPaymentWithoutPassword() throws Exception {
        mvc.perform(post("/pay-orders/1/balance-payments").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        verifyNoInteractions(paymentService);
    }

    @Test
    void shouldRejectNonNumericIds() throws Exception {
        mvc.perform(get("/pay-orders/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void shouldAnswerUnknownPayOrdersWithNotFound() throws Exception {
        given(payOrderService.get(any(Long.class))).willThrow(ApiException.notFound("pay order", 42));
        mvc.perform(get("/pay-orders/42"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void shouldMapBusinessErrorsToTheirCodes() throws Exception {
        given(paymentService.payWithBalance(any(Long.class), any()))
                .willThrow(new ApiException(ErrorCode.PAYMENT_LOCKED, "locked"));
        mvc.perform(post("/pay-orders/7/balance-payments").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"password\":\"x\"}"))
                .andExpect(status().isLocked())
                .andExpect(jsonPath("$.code").value("PAYMENT_LOCKED"));
    }

    @Test
    void shouldNeverLeakInternalsOnUnexpectedErrors() throws Exception {
        given(payOrderService.get(any(Long.class))).willThrow(new IllegalStateException("SELECT * FROM secret"));
        mvc.perform(get("/pay-orders/1"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value("INTERNAL_ERROR"))
                .andExpect(jsonPath("$.detail").value("The request could not be completed"));
    }
}
