package com.hmall.trade.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.baomidou.mybatisplus.core.conditions.update.LambdaUpdateWrapper;
import com.hmall.trade.TradeServiceIntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TradeServiceIntegrationTest
class OrderIntegrationTests {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JsonMapper json;

    @Autowired
    private OrderMapper orders;

    @Test
    void shouldCreateAnUnpaidOrderAndReadItBack() throws Exception {
        JsonNode created = createOrder(7, 2_500);

        assertThat(created.get("status").asString()).isEqualTo("UNPAID");
        assertThat(created.get("createTime").isNull()).isFalse();
        mvc.perform(get("/orders/{id}", created.get("id").asLong()))
                .andExpect(status().isOk())
                .andExpect(content().json(created.toString()))
                .andExpect(jsonPath("$.userId").value(7))
                .andExpect(jsonPath("$.amount").value(2_500))
                .andExpect(jsonPath("$.status").value("UNPAID"))
                .andExpect(jsonPath("$.payTime").isEmpty());
    }

    @Test
    void shouldMarkAnOrderPaidOnceAndLeaveARepeatUnchanged() throws Exception {
        long id = createOrder(7, 2_500).get("id").asLong();

        String paid = mvc.perform(put("/orders/{id}/paid", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PAID"))
                .andExpect(jsonPath("$.payTime").isNotEmpty())
                .andReturn().getResponse().getContentAsString();

        mvc.perform(put("/orders/{id}/paid", id))
                .andExpect(status().isOk())
                .andExpect(content().json(paid));
        mvc.perform(get("/orders/{id}", id))
                .andExpect(content().json(paid));
    }

    @Test
    void shouldCompensateAPaidOrderBackToUnpaid() throws Exception {
        long id = createOrder(7, 2_500).get("id").asLong();
        mvc.perform(put("/orders/{id}/paid", id)).andExpect(status().isOk());

        mvc.perform(put("/orders/{id}/unpaid", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UNPAID"))
                .andExpect(jsonPath("$.payTime").isEmpty());
        mvc.perform(put("/orders/{id}/unpaid", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UNPAID"));

        // Paid again once the failed service is back.
        mvc.perform(put("/orders/{id}/paid", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PAID"));
    }

    @Test
    void shouldRefuseToPayOrCompensateAClosedOrder() throws Exception {
        long id = createOrder(7, 2_500).get("id").asLong();
        close(id);

        mvc.perform(put("/orders/{id}/paid", id))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("STATE_CONFLICT"));
        mvc.perform(put("/orders/{id}/unpaid", id))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("STATE_CONFLICT"));
        assertThat(orders.selectById(id).getStatus()).isEqualTo(OrderStatus.CLOSED);
    }

    @Test
    void shouldAnswerAnUnknownOrderAsNotFound() throws Exception {
        mvc.perform(get("/orders/{id}", Long.MAX_VALUE))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(put("/orders/{id}/paid", Long.MAX_VALUE))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(put("/orders/{id}/unpaid", Long.MAX_VALUE))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void shouldReportHealthUp() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    private JsonNode createOrder(long userId, long amount) throws Exception {
        return json.readTree(mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("""
                        {"userId": %d, "amount": %d}""".formatted(userId, amount)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
    }

    /** No endpoint closes orders yet; the test puts one in that state directly. */
    private void close(long id) {
        orders.update(new LambdaUpdateWrapper<Order>().set(Order::getStatus, OrderStatus.CLOSED).eq(Order::getId, id));
    }
}
