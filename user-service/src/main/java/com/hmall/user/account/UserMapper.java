package com.hmall.user.account;

import java.time.Instant;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

/**
 * Balance changes are single conditional statements, never read-modify-write in Java, so that
 * concurrent requests cannot both spend the same money. Callers check the returned row count.
 */
@Mapper
public interface UserMapper extends BaseMapper<User> {

    /**
     * Takes the user's row lock for the rest of the transaction. Every money movement of a user
     * takes it first, so they queue one behind the other instead of locking in different orders.
     */
    @Select("SELECT id FROM user WHERE id = #{id} FOR UPDATE")
    Long lockForUpdate(@Param("id") long id);

    /** Returns 0, and changes nothing, when the balance is lower than {@code amount}. */
    @Update("UPDATE user SET balance = balance - #{amount} WHERE id = #{id} AND balance >= #{amount}")
    int withdraw(@Param("id") long id, @Param("amount") long amount);

    @Update("UPDATE user SET balance = balance + #{amount} WHERE id = #{id}")
    int deposit(@Param("id") long id, @Param("amount") long amount);

    @Update("UPDATE user SET pay_failures = pay_failures + 1 WHERE id = #{id}")
    int countPayFailure(@Param("id") long id);

    /** Locks payments, and starts counting afresh, once the failures reached {@code limit}. */
    @Update("UPDATE user SET pay_failures = 0, pay_locked_until = #{until} WHERE id = #{id} AND pay_failures >= #{limit}")
    int lockPaymentsAfter(@Param("id") long id, @Param("limit") int limit, @Param("until") Instant until);

    @Update("UPDATE user SET pay_failures = 0 WHERE id = #{id} AND pay_failures > 0")
    int resetPayFailures(@Param("id") long id);
}
