package com.hmall.pay.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/** Whether someone has the live page open, so its background work stops when nobody looks. */
@Component
class LivePageActivity {

    private static final long WATCHING_MILLIS = Duration.ofSeconds(10).toMillis();

    private final AtomicLong lastLook = new AtomicLong();

    void looked() {
        lastLook.set(System.currentTimeMillis());
    }

    boolean watched() {
        return System.currentTimeMillis() - lastLook.get() < WATCHING_MILLIS;
    }
}
