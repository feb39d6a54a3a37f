package com.hmall.notify.notification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.hmall.payevents.PaymentNotice;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * Sends (here: records) the payment notification. The sync call and the event both end up in
 * {@link #notifyPayment}; the unique key on {@code pay_order_no} lets exactly one of them, or one
 * of any number of concurrent repeats, create the row. A single INSERT is atomic on its own, so no
 * transaction is needed around it.
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class NotificationService {

    private final NotificationMapper notificationMapper;

    /** The outcome of a notify request: the notification, and whether this request created it. */
    public record Recorded(NotificationView notification, boolean created) {
    }

    public Recorded notifyPayment(PaymentNotice notice) {
        Notification notification = Notification.forPayment(notice, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            notificationMapper.insert(notification);
            log.info("Notified user {} of payment {}", notice.userId(), notice.payOrderNo());
            // Answer with what was stored, so a later read shows the same thing: mysql-connector-j
            // drops the milliseconds when it talks to MariaDB 10 (it takes it for MySQL 5.5).
            return new Recorded(NotificationView.of(notificationMapper.selectById(notification.getId())), true);
        } catch (DuplicateKeyException alreadyNotified) {
            log.debug("Payment {} was already notified", notice.payOrderNo());
            return new Recorded(NotificationView.of(findByPayOrderNo(notice.payOrderNo())), false);
        }
    }

    public List<NotificationView> findByUser(long userId) {
        return notificationMapper.selectList(new LambdaQueryWrapper<Notification>()
                        .eq(Notification::getUserId, userId)
                        .orderByDesc(Notification::getCreatedAt)
                        .orderByDesc(Notification::getId))
                .stream()
                .map(NotificationView::of)
                .toList();
    }

    private Notification findByPayOrderNo(String payOrderNo) {
        Notification existing = notificationMapper.selectOne(new LambdaQueryWrapper<Notification>()
                .eq(Notification::getPayOrderNo, payOrderNo));
        if (existing == null) {
            // The duplicate key said the row exists and rows are never deleted: this cannot happen.
            throw new IllegalStateException("Notification for " + payOrderNo + " vanished after a duplicate key");
        }
        return existing;
    }
}
