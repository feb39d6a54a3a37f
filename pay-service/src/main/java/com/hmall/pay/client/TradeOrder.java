package com.hmall.pay.client;

/** A trade order as pay-service reads it ({@code GET /orders/{id}}) before it makes the order's pay order. */
public record TradeOrder(long id, long userId, long amount, String status) {

    public static final String UNPAID = "UNPAID";
}
