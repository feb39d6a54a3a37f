package com.hmall.trade.order;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import com.hmall.starter.web.ApiException;

// The problem-JSON advice comes from an auto-configuration that web slices do not load.
@WebMvcTest(OrderController.class)
class OrderControllerTests {

    private static final Instant CREATED = Instant.parse("2026-11-24T10:41:42.123Z");

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private OrderService orderService;

    @Test
    void shouldCreateAnUnpaidOrderAndPointToIt() throws Exception {
        given(orderService.create(any()))
                .willReturn(new OrderView(9, 1, 500, OrderStatus.UNPAID, null, CREATED, null));

        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("""
                        {"userId": 1, "amount": 500}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/orders/9"))
                .andExpect(jsonPath("$.id").value(9))
                .andExpect(jsonPath("$.userId").value(1))
                .andExpect(jsonPath("$.amount").value(500))
                .andExpect(jsonPath("$.status").value("UNPAID"))
                .andExpect(jsonPath("$.createTime").value("2026-11-24T10:41:42.123Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"userId\": 0, \"amount\": 500}",
            "{\"userId\": -3, \"amount\": 500}",
            "{\"amount\": 500}",
            "{\"userId\": 1, \"amount\": 0}",
            "{\"userId\": 1, \"amount\": 100000001}",
            "{\"userId\": 1}",
            "{\"userId\": 1, \"amount\": \"lots\"}",
            "{\"userId\": 1, \"amount\": "
    })
    void shouldRejectAnInvalidOrder(String body) throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        verifyNoInteractions(orderService);
    }

    @Test
    void shouldAnswerAnUnknownOrderAsNotFound() throws Exception {
        given(orderService.get(404L)).willThrow(ApiException.notFound("Order", 404L));

        mvc.perform(get("/orders/404"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void shouldAnswerPayingAClosedOrderAsStateConflict() throws Exception {
        given(orderService.markPaid(9L)).willThrow(ApiException.stateConflict("closed"));

        mvc.perform(put("/orders/9/paid"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("STATE_CONFLICT"));
    }

    @Test
    void shouldAnswerANonNumericIdAsValidationFailed() throws Exception {
        mvc.perform(put("/orders/first/unpaid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }
}
