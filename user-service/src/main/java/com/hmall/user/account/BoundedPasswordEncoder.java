package com.hmall.user.account;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.security.crypto.password.PasswordEncoder;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

/**
 * Runs a slow password encoder (BCrypt: 70 to 100 ms of CPU per check at strength 10) on threads of
 * its own, at most {@code threads} at once, with at most {@code queue} checks waiting for one.
 *
 * <p>On the request threads, a class's first payments, each a BCrypt check, would take every core
 * at once, and every other payment (its password remembered, no BCrypt) would wait behind them.
 * Here they take at most {@code threads} cores; the request threads only wait for their own check.
 * A check that finds the queue full is refused with {@code SERVICE_UNAVAILABLE}, before anything
 * was checked or counted: the payment can simply be tried again.
 */
final class BoundedPasswordEncoder implements PasswordEncoder, AutoCloseable {

    private final PasswordEncoder delegate;
    private final ThreadPoolExecutor pool;

    BoundedPasswordEncoder(PasswordEncoder delegate, int threads, int queue) {
        this.delegate = delegate;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                task -> {
                    Thread thread = new Thread(task, "password-check-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return run(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return run(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    /** Checks waiting for a thread now. */
    int queuedChecks() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private <T> T run(Callable<T> work) {
        Future<T> result;
        try {
            result = pool.submit(work);
        } catch (RejectedExecutionException full) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Too many pay passwords are being checked at once ("
                    + pool.getMaximumPoolSize() + " at a time, " + pool.getQueue().remainingCapacity()
                    + " more waiting); nothing was changed, try again in a moment");
        }
        try {
            return result.get();
        } catch (InterruptedException interrupted) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a pay password was checked", interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("The pay password check failed", failed.getCause());
        }
    }
}
