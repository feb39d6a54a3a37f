package com.hmall.pay.outbox;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

import lombok.Getter;
import lombok.Setter;

/** One event waiting to be published, or already published ({@code sentAt} set). */
@Getter
@Setter
@TableName("outbox_event")
public class OutboxEvent {

    @TableId(type = IdType.AUTO)
    private Long id;
    private String eventId;
    /** The pay order this event is about. */
    private Long payOrderId;
    private String exchangeName;
    private String routingKey;
    private String payload;
    /** W3C traceparent of the payment that wrote the row; null when it ran untraced. */
    private String traceParent;
    private Integer attempts;
    private Instant nextAttemptAt;
    private String lastError;
    private Instant createdAt;
    private Instant sentAt;
}
