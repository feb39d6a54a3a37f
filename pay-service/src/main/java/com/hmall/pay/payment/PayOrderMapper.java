package com.hmall.pay.payment;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import com.hmall.pay.mode.PaymentMode;

/**
 * Every state change is one guarded {@code UPDATE}: the {@code WHERE} names the state it leaves, and
 * the caller checks the row count, so two requests can never both win.
 */
@Mapper
public interface PayOrderMapper extends BaseMapper<PayOrder> {

    /** Claims a WAITING order for one payment attempt; a claim older than {@code staleBefore} is free again. */
    @Update("""
            UPDATE pay_order SET paying_since = #{now}, updated_at = #{now}
             WHERE id = #{id} AND status = 'WAITING'
               AND (paying_since IS NULL OR paying_since < #{staleBefore})""")
    int claim(@Param("id") long id, @Param("now") Instant now, @Param("staleBefore") Instant staleBefore);

    @Update("UPDATE pay_order SET paying_since = NULL, updated_at = #{now} WHERE id = #{id} AND status = 'WAITING'")
    int release(@Param("id") long id, @Param("now") Instant now);

    @Update("""
            UPDATE pay_order SET status = 'SUCCESS', paid_at = #{paidAt}, pay_mode = #{mode},
                   paying_since = NULL, updated_at = #{paidAt}
             WHERE id = #{id} AND status = 'WAITING'""")
    int markSucceeded(@Param("id") long id, @Param("paidAt") Instant paidAt, @Param("mode") PaymentMode mode);

    /**
     * The compensation of a failed sync payment: back to WAITING, still claimed until its refund has
     * gone through, so that {@link StalePaymentRecovery} finishes the refund if this request cannot.
     */
    @Update("""
            UPDATE pay_order SET status = 'WAITING', paid_at = NULL, pay_mode = NULL,
                   paying_since = #{now}, updated_at = #{now}
             WHERE id = #{id} AND status = 'SUCCESS'""")
    int revertToWaiting(@Param("id") long id, @Param("now") Instant now);

    /** WAITING orders whose payment attempt died without settling: the deduction may still stand. */
    @Select("""
            SELECT * FROM pay_order
             WHERE status = 'WAITING' AND paying_since < #{before}
             ORDER BY paying_since LIMIT #{limit}""")
    List<PayOrder> findStaleClaims(@Param("before") Instant before, @Param("limit") int limit);

    /** Releases exactly the claim that was seen, never a newer attempt's. */
    @Update("""
            UPDATE pay_order SET paying_since = NULL, updated_at = #{now}
             WHERE id = #{id} AND status = 'WAITING' AND paying_since = #{claimedAt}""")
    int releaseStaleClaim(@Param("id") long id, @Param("claimedAt") Instant claimedAt, @Param("now") Instant now);
}
