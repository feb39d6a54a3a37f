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
 * the caller checks the row count, so two requests can never both win. A payment attempt holds its
 * order under a lease ({@code claim_token}, {@code claimed_until}); only the holder of the token
 * may change the order, and an ended lease may be taken over.
 */
@Mapper
public interface PayOrderMapper extends BaseMapper<PayOrder> {

    /** Claims a WAITING order for one payment attempt, if no other attempt's lease is running. */
    @Update("""
            UPDATE pay_order SET claim_token = #{token}, claimed_until = #{until}, updated_at = #{now}
             WHERE id = #{id} AND status = 'WAITING'
               AND (claim_token IS NULL OR claimed_until < #{now})""")
    int claim(@Param("id") long id, @Param("token") String token, @Param("now") Instant now,
            @Param("until") Instant until);

    /** Gives up this attempt's claim: the order can be paid again at once. */
    @Update("""
            UPDATE pay_order SET claim_token = NULL, claimed_until = NULL, updated_at = #{now}
             WHERE id = #{id} AND status = 'WAITING' AND claim_token = #{token}""")
    int release(@Param("id") long id, @Param("token") String token, @Param("now") Instant now);

    /** Only the attempt that still holds the claim marks the order paid. */
    @Update("""
            UPDATE pay_order SET status = 'SUCCESS', paid_at = #{paidAt}, pay_mode = #{mode},
                   claim_token = NULL, claimed_until = NULL, updated_at = #{paidAt}
             WHERE id = #{id} AND status = 'WAITING' AND claim_token = #{token}""")
    int markSucceeded(@Param("id") long id, @Param("token") String token, @Param("paidAt") Instant paidAt,
            @Param("mode") PaymentMode mode);

    /**
     * The compensation of a failed sync payment: back to WAITING, claimed by the same attempt under a
     * new lease until its refund has gone through, so that {@link StalePaymentRecovery} finishes the
     * refund if this request cannot.
     */
    @Update("""
            UPDATE pay_order SET status = 'WAITING', paid_at = NULL, pay_mode = NULL,
                   claim_token = #{token}, claimed_until = #{until}, updated_at = #{now}
             WHERE id = #{id} AND status = 'SUCCESS'""")
    int revertToWaiting(@Param("id") long id, @Param("token") String token, @Param("now") Instant now,
            @Param("until") Instant until);

    /** WAITING orders whose attempt's lease has ended without settling: the deduction may still stand. */
    @Select("""
            SELECT * FROM pay_order
             WHERE status = 'WAITING' AND claim_token IS NOT NULL AND claimed_until < #{now}
             ORDER BY claimed_until LIMIT #{limit}""")
    List<PayOrder> findExpiredClaims(@Param("now") Instant now, @Param("limit") int limit);

    /**
     * Takes over exactly the expired claim that was seen: the dead attempt's token no longer counts,
     * so it can neither mark the order paid nor release it if it was only slow.
     */
    @Update("""
            UPDATE pay_order SET claim_token = #{newToken}, claimed_until = #{until}, updated_at = #{now}
             WHERE id = #{id} AND status = 'WAITING' AND claim_token = #{oldToken} AND claimed_until < #{now}""")
    int takeOverExpiredClaim(@Param("id") long id, @Param("oldToken") String oldToken,
            @Param("newToken") String newToken, @Param("now") Instant now, @Param("until") Instant until);
}
