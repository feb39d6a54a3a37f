package com.hmall.user.balance;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

@WebMvcTest(BalanceController.class)
class BalanceControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private BalanceService balanceService;

    @Test
    void shouldDeductAndAnswerTheNewBalance() throws Exception {
        given(balanceService.deduct(eq(7L), any(DeductionRequest.class))).willReturn(new BalanceView(7, 900));

        mvc.perform(put("/users/7/deductions").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"payOrderNo": "P-1", "amount": 100, "password": "123"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(7))
                .andExpect(jsonPath("$.balance").value(900));
    }

    @Test
    void shouldRejectAZeroAmountWithoutCallingTheService() throws Exception {
        mvc.perform(put("/users/7/deductions").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"payOrderNo": "P-1", "amount": 0, "password": "123"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("amount"));
        verifyNoInteractions(balanceService);
    }

    @Test
    void shouldRejectAMissingPassword() throws Exception {
        mvc.perform(put("/users/7/deductions").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"payOrderNo": "P-1", "amount": 100}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void shouldRejectARefundAboveTheLargestPayment() throws Exception {
        mvc.perform(put("/users/7/refunds").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"payOrderNo": "P-1", "amount": 100000001}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void shouldAnswerWrongPasswordAs422() throws Exception {
        given(balanceService.deduct(eq(7L), any(DeductionRequest.class)))
                .willThrow(new ApiException(ErrorCode.WRONG_PASSWORD, "wrong"));

        mvc.perform(put("/users/7/deductions").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"payOrderNo": "P-1", "amount": 100, "password": "nope"}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("WRONG_PASSWORD"));
    }

    @Test
    void shouldAnswerPaymentLockedAs423() throws Exception {
        given(balanceService.deduct(eq(7L), any(DeductionRequest.class)))
                .willThrow(new ApiException(ErrorCode.PAYMENT_LOCKED, "locked"));

        mvc.perform(put("/users/7/deductions").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"payOrderNo": "P-1", "amount": 100, "password": "123"}"""))
                .andExpect(status().isLocked())
                .andExpect(jsonPath("$.code").value("PAYMENT_LOCKED"));
    }

    @Test
    void shouldAnswerARefundAboveTheDeductionAsStateConflict() throws Exception {
        given(balanceService.refund(eq(7L), any(RefundRequest.class)))
                .willThrow(ApiException.stateConflict("too much"));

        mvc.perform(put("/users/7/refunds").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"payOrderNo": "P-1", "amount": 500}"""))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("STATE_CONFLICT"));
    }
}
