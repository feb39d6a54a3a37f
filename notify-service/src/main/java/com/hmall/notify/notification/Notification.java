package com.hmall.notify.notification;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.hmall.payevents.PaymentNotice;

import lombok.Getter;
import lombok.Setter;

@Getter
@Setter
@TableName("notification")
public class Notification {

    @TableId(type = IdType.AUTO)
    private Long id;
    private Long userId;
    private Long bizOrderNo;
    private String payOrderNo;
    private NotificationChannel channel;
    private String content;
    private Instant createdAt;

    static Notification forPayment(PaymentNotice notice, Instant now) {
        Notification notification = new Notification();
        notification.setUserId(notice.userId());
        notification.setBizOrderNo(notice.bizOrderNo());
        notification.setPayOrderNo(notice.payOrderNo());
        notification.setChannel(NotificationChannel.SMS);
        notification.setContent(NotificationText.paymentSucceeded(notice.bizOrderNo(), notice.amount()));
        notification.setCreatedAt(now);
        return notification;
    }
}
