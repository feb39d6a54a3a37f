package com.hmall.pay.outbox;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

@Mapper
public interface OutboxMapper extends BaseMapper<OutboxEvent> {

    /**
     * Locks the oldest due rows for this relay; rows another pay-service instance has locked are
     * skipped rather than waited for (MySQL 8 and MariaDB 10.6+).
     */
    @Select("""
            SELECT * FROM outbox_event
             WHERE sent_at IS NULL AND next_attempt_at <= #{now}
             ORDER BY id LIMIT #{limit}
               FOR UPDATE SKIP LOCKED""")
    List<OutboxEvent> lockDue(@Param("now") Instant now, @Param("limit") int limit);

    @Update("""
            <script>
            UPDATE outbox_event SET sent_at = #{now}, attempts = attempts + 1, last_error = NULL
             WHERE id IN <foreach item="id" collection="ids" open="(" separator="," close=")">#{id}</foreach>
            </script>""")
    int markSent(@Param("ids") List<Long> ids, @Param("now") Instant now);

    @Update("""
            UPDATE outbox_event SET attempts = attempts + 1, next_attempt_at = #{nextAttemptAt}, last_error = #{error}
             WHERE id = #{id}""")
    int markFailed(@Param("id") long id, @Param("nextAttemptAt") Instant nextAttemptAt, @Param("error") String error);

    @Select("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL")
    long countUnsent();

    @Select("SELECT MIN(created_at) FROM outbox_event WHERE sent_at IS NULL")
    Instant oldestUnsentCreatedAt();

    @Delete("DELETE FROM outbox_event WHERE sent_at < #{before} LIMIT #{limit}")
    int deleteSentBefore(@Param("before") Instant before, @Param("limit") int limit);
}
