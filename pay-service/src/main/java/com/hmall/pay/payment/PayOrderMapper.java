package com.hmall.pay.payment;

import java.time.Instant;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
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

    /** The compensation of a failed sync payment: back to WAITING, payable again. */
    @Update("""
            UPDATE pay_order SET status = 'WAITING', paid_at = NULL, pay_mode = NULL,
                   paying_since = NULL, updated_at = #{now}
             WHERE id = #{id} AND status = 'SUCCESS'""")
    int revertToWaiting(@Param("id") long id, @Param("now") Instant now);
}
