package com.hmall.user.balance;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

import lombok.Getter;
import lombok.Setter;

/** The money taken from a user for one pay order; at most one per {@code payOrderNo}. */
@Getter
@Setter
@TableName("deduction")
public class Deduction {

    @TableId(type = IdType.AUTO)
    private Long id;

    private String payOrderNo;

    private Long userId;

    private Long amount;

    private DeductionStatus status;

    private Instant createTime;

    private Instant updateTime;

    static Deduction applied(String payOrderNo, long userId, long amount, Instant now) {
        Deduction deduction = new Deduction();
        deduction.setPayOrderNo(payOrderNo);
        deduction.setUserId(userId);
        deduction.setAmount(amount);
        deduction.setStatus(DeductionStatus.APPLIED);
        deduction.setCreateTime(now);
        deduction.setUpdateTime(now);
        return deduction;
    }

    /** Whether a request for this pay order is a repeat of this deduction rather than a different one. */
    boolean matches(long userId, long amount) {
        return this.userId == userId && this.amount == amount;
    }
}
