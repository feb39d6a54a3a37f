package com.hmall.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The same call from many threads released at one moment, for tests of "exactly one wins", or
 * many calls spread over a few threads, for a steady load.
 */
public final class Concurrently {

    private Concurrently() {
    }

    /** One of the concurrent calls; {@code index} tells them apart (0 to times - 1). */
    @FunctionalInterface
    public interface Call<T> {
        T call(int index) throws Exception;
    }

    /** Runs {@code call} {@code times} times at once and answers each outcome, in the order they were started. */
    public static <T> List<T> call(int times, Call<T> call) throws Exception {
        return call(times, times, call);
    }

    /**
     * Runs {@code call} {@code times} times on {@code threads} threads, at most that many at once,
     * and answers each outcome, in the order they were started.
     */
    public static <T> List<T> call(int times, int threads, Call<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call(index);
                }));
            }
            start.countDown();
            List<T> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
