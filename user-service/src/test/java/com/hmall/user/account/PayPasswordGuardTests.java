package com.hmall.user.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

/** The rules of the check; that the counter really persists is shown by the integration tests. */
class PayPasswordGuardTests {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration COOL_DOWN = Duration.ofMinutes(15);

    private final BCryptPasswordEncoder encoder = spy(new BCryptPasswordEncoder(4));
    private final UserMapper users = mock(UserMapper.class);
    private final PayPasswordGuard guard = new PayPasswordGuard(users, encoder,
            new VerifiedPayPasswords(Duration.ofMinutes(5), 100), new PaymentLockProperties(COOL_DOWN),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldResetTheFailuresOnTheRightPassword() {
        User user = user(null);
        user.setPayFailures(2);

        guard.verify(user, "123");

        verify(users).resetPayFailures(7L);
    }

    @Test
    void shouldWriteNothingOnTheRightPasswordWhenNoneWasWrongBefore() {
        guard.verify(user(null), "123");

        verifyNoInteractions(users);
    }

    @Test
    void shouldSkipBcryptForAPasswordThatVerifiedRecently() {
        User user = user(null);

        guard.verify(user, "123");
        guard.verify(user, "123");
        guard.verify(user, "123");

        verify(encoder, times(1)).matches("123", user.getPasswordHash());
    }

    @Test
    void shouldNeverRememberAWrongPassword() {
        User user = user(null);
        guard.verify(user, "123");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guard.verify(user, "124")).extracting("code").isEqualTo(ErrorCode.WRONG_PASSWORD);
        }

        verify(encoder, times(2)).matches("124", user.getPasswordHash());
        verify(users, times(2)).countPayFailure(7L);
    }

    @Test
    void shouldForgetAVerifiedPasswordOnceTheHashChanged() {
        User before = user(null);
        guard.verify(before, "123");
        User after = user(null);

        guard.verify(after, "123");

        assertThat(after.getPasswordHash()).isNotEqualTo(before.getPasswordHash());
        verify(encoder).matches("123", after.getPasswordHash());
    }

    @Test
    void shouldCheckWithBcryptEveryTimeWhenRememberingIsOff() {
        PayPasswordGuard forgetful = new PayPasswordGuard(users, encoder, new VerifiedPayPasswords(Duration.ZERO, 100),
                new PaymentLockProperties(COOL_DOWN), Clock.fixed(NOW, ZoneOffset.UTC));
        User user = user(null);

        forgetful.verify(user, "123");
        forgetful.verify(user, "123");

        verify(encoder, times(2)).matches("123", user.getPasswordHash());
    }

    @Test
    void shouldCountAWrongPasswordAndLockAfterTheFifth() {
        assertThatThrownBy(() -> guard.verify(user(null), "124"))
                .isInstanceOf(ApiException.class)
                .extracting("code").isEqualTo(ErrorCode.WRONG_PASSWORD);

        verify(users).countPayFailure(7L);
        verify(users).lockPaymentsAfter(7L, 5, NOW.plus(COOL_DOWN));
    }

    @Test
    void shouldRefuseALockedUserWithoutLookingAtThePassword() {
        assertThatThrownBy(() -> guard.verify(user(NOW.plusSeconds(1)), "123"))
                .isInstanceOf(ApiException.class)
                .extracting("code").isEqualTo(ErrorCode.PAYMENT_LOCKED);

        verifyNoInteractions(users);
    }

    @Test
    void shouldCheckThePasswordAgainOnceTheLockHasPassed() {
        User user = user(NOW);
        user.setPayFailures(5);

        guard.verify(user, "123");

        verify(users).resetPayFailures(7L);
    }

    @Test
    void shouldHashWithBcrypt() {
        String hash = guard.hash("123");

        assertThat(hash).startsWith("$2a$04$");
        assertThat(encoder.matches("123", hash)).isTrue();
    }

    @Test
    void shouldRefuseAPasswordBcryptCannotHash() {
        assertThatThrownBy(() -> guard.hash("密".repeat(25)))
                .isInstanceOf(ApiException.class)
                .extracting("code").isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    private User user(Instant lockedUntil) {
        User user = new User();
        user.setId(7L);
        user.setPasswordHash(encoder.encode("123"));
        user.setPayFailures(0);
        user.setPayLockedUntil(lockedUntil);
        return user;
    }
}
