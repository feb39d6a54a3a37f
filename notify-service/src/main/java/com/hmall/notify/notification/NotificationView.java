package com.hmall.notify.notification;

import java.time.Instant;

/** A notification as {@code GET /notifications} and {@code POST /notifications} show it. */
public record NotificationView(
        long id,
        long userId,
        long bizOrderNo,
        String payOrderNo,
        NotificationChannel channel,
        String content,
        Instant createdAt) {

    static NotificationView of(Notification notification) {
        return new NotificationView(notification.getId(), notification.getUserId(), notification.getBizOrderNo(),
                notification.getPayOrderNo(), notification.getChannel(), notification.getContent(),
                notification.getCreatedAt());
    }
}
