package com.hmall.user.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code user.password.*}: the BCrypt work factor (4 to 31; each step doubles the cost), how long a
 * pay password that verified is remembered (see {@link VerifiedPayPasswords}; 0 turns it off), and
 * how many BCrypt checks run at once and may wait (see {@link BoundedPasswordEncoder}).
 */
@ConfigurationProperties("user.password")
public record PayPasswordProperties(@DefaultValue("10") int bcryptStrength,
        @DefaultValue("5m") Duration rememberVerified,
        @DefaultValue("1") int checkThreads,
        @DefaultValue("100") int checkQueue) {
}
