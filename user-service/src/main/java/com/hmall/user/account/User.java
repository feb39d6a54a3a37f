package com.hmall.user.account;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

import lombok.Getter;
import lombok.Setter;

/** A user with a balance in fen and a BCrypt-hashed pay password. */
@Getter
@Setter
@TableName("user")
public class User {

    @TableId(type = IdType.AUTO)
    private Long id;

    private String username;

    private String passwordHash;

    private Long balance;

    /** Wrong pay passwords in a row since the last right one or the last lock. */
    private Integer payFailures;

    private Instant payLockedUntil;

    private Instant createTime;

    public boolean isPaymentLocked(Instant now) {
        return payLockedUntil != null && payLockedUntil.isAfter(now);
    }
}
