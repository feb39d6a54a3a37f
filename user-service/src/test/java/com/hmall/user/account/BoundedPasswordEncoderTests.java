package com.hmall.user.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

/** BCrypt's cost, bounded: one check at a time off the caller's thread, a full queue refused at once. */
class BoundedPasswordEncoderTests {

    /** Stands in for BCrypt: every check waits until the test lets it finish, and records its thread. */
    private static final class SlowEncoder implements PasswordEncoder {
        final CountDownLatch finish = new CountDownLatch(1);
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public String encode(CharSequence raw) {
            await(raw);
            return "hash:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            await(raw);
            if (raw.toString().equals("boom")) {
                throw new IllegalArgumentException("not a hash");
            }
            return encoded.equals("hash:" + raw);
        }

        private void await(CharSequence raw) {
            threads.add(Thread.currentThread().getName());
            try {
                finish.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final SlowEncoder slow = new SlowEncoder();

    @Test
    void shouldRunOneCheckAtATimeOnItsOwnThreadAndRefuseAtOnceWhenTheQueueIsFull() throws Exception {
        try (BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(slow, 1, 1)) {
            CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> encoder.matches("a", "hash:a"));
            await().atMost(Duration.ofSeconds(5)).until(() -> slow.threads.size() == 1);
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> encoder.matches("b", "hash:x"));
            await().atMost(Duration.ofSeconds(5)).until(() -> queued(encoder, waiting));

            assertThatThrownBy(() -> encoder.matches("c", "hash:c"))
                    .isInstanceOfSatisfying(ApiException.class,
                            refused -> assertThat(refused.getCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE))
                    .hasMessageContaining("try again");
            assertThat(slow.threads).as("only one check ran at a time").hasSize(1);

            slow.finish.countDown();
            assertThat(running.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(waiting.get(5, TimeUnit.SECONDS)).isFalse();
            assertThat(slow.threads).hasSize(2).allMatch(name -> name.startsWith("password-check-"));
            assertThat(encoder.encode("d")).isEqualTo("hash:d");
        }
    }

    @Test
    void shouldPassTheEncodersOwnFailureOn() {
        slow.finish.countDown();
        try (BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(slow, 1, 1)) {
            assertThatThrownBy(() -> encoder.matches("boom", "hash:boom"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("not a hash");
        }
    }

    /** The second check is in the queue: submitted, not running, not done. */
    private static boolean queued(BoundedPasswordEncoder encoder, CompletableFuture<Boolean> waiting) {
        return !waiting.isDone() && encoder.queuedChecks() == 1;
    }
}
