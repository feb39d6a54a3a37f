package com.hmall.trade.order;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

import lombok.Getter;
import lombok.Setter;

@Getter
@Setter
@TableName("trade_order")
public class Order {

    @TableId(type = IdType.AUTO)
    private Long id;

    private Long userId;

    /** Fen. */
    private Long amount;

    private OrderStatus status;

    private String payOrderNo;

    private Instant createTime;

    private Instant payTime;
}
