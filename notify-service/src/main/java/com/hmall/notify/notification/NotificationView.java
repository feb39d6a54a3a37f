package com.hmall.notify.notification;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A notification as {@code GET /notifications} and {@code POST /notifications} show it. */
public record NotificationView(
        @Schema(example = "1") long id,
        @Schema(example = "1") long userId,
        @Schema(description = "The trade order id", example = "1") long bizOrderNo,
        @Schema(example = "1859103449726812161") String payOrderNo,
        @Schema(example = "SMS") NotificationChannel channel,
        @Schema(example = "Payment of 100.00 yuan for order 1 succeeded.") String content,
        @Schema(example = "2026-11-24T10:41:42.456Z") Instant createdAt) {

    static NotificationView of(Notification notification) {
        return new NotificationView(notification.getId(), notification.getUserId(), notification.getBizOrderNo(),
                notification.getPayOrderNo(), notification.getChannel(), notification.getContent(),
                notification.getCreatedAt());
    }
}
