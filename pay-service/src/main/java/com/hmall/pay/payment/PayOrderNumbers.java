package com.hmall.pay.payment;

import org.springframework.stereotype.Component;

import com.baomidou.mybatisplus.core.toolkit.Sequence;

/**
 * Pay order numbers: MyBatis-Plus's snowflake ids (time, machine, process and a counter, as
 * {@code IdWorker.getIdStr()} made them), read off the JVM's own clock. {@code IdWorker}'s
 * default reads MyBatis-Plus's {@code SystemClock}, whose thread wakes every millisecond to cache
 * the time: measured under load, that thread alone took about 6 % of a core in pay-service, on a
 * machine where five services share two (docs/benchmarks.md). {@link System#currentTimeMillis()}
 * costs nanoseconds and needs no thread.
 */
@Component
class PayOrderNumbers {

    private final Sequence sequence = new Sequence(null) {
        @Override
        protected long timeGen() {
            return System.currentTimeMillis();
        }
    };

    String next() {
        return Long.toString(sequence.nextId());
    }
}
