package com.hmall.user.account;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;
import com.hmall.starter.web.MaxUtf8Bytes;

import lombok.RequiredArgsConstructor;

/**
 * Hashes pay passwords and checks them, locking a user's payments after too many wrong ones.
 *
 * <p>{@link #verify} must not run inside the caller's transaction: a wrong password fails the
 * request, and the failure it counted has to stay counted. Each counter update here is a single
 * statement that commits on its own.
 */
@Component
@RequiredArgsConstructor
public class PayPasswordGuard {

    /** The contract's "five wrong passwords in a row". */
    static final int WRONG_PASSWORDS_BEFORE_LOCK = 5;


    private final UserMapper users;
    private final PasswordEncoder encoder;
    private final VerifiedPayPasswords verified;
    private final PaymentLockProperties lock;
    private final Clock clock;

    /** Callers validate the length first (CreateUserRequest): BCrypt reads only 72 bytes of it. */
    public String hash(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MaxUtf8Bytes.BCRYPT) {
            throw ApiException.validation("password: " + CreateUserRequest.PASSWORD_RULE);
        }
        return encoder.encode(password);
    }

    /**
     * Passes when payments are not locked and the password is right; otherwise throws
     * {@code PAYMENT_LOCKED} or {@code WRONG_PASSWORD}.
     */
    public void verify(User user, String password) {
        Instant now = clock.instant();
        if (user.isPaymentLocked(now)) {
            throw new ApiException(ErrorCode.PAYMENT_LOCKED, "Payments of user " + user.getId()
                    + " are locked until " + user.getPayLockedUntil() + " after too many wrong pay passwords");
        }
        if (verified.remembers(user.getId(), user.getPasswordHash(), password)
                || encoder.matches(password, user.getPasswordHash())) {
            verified.remember(user.getId(), user.getPasswordHash(), password);
            if (user.getPayFailures() != null && user.getPayFailures() > 0) {
                users.resetPayFailures(user.getId());
            }
            return;
        }
        users.countPayFailure(user.getId());
        users.lockPaymentsAfter(user.getId(), WRONG_PASSWORDS_BEFORE_LOCK, now.plus(lock.coolDown()));
        throw new ApiException(ErrorCode.WRONG_PASSWORD, "The pay password of user " + user.getId() + " is wrong");
    }
}
