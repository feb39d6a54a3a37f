package com.hmall.user.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code user.password.*}: the BCrypt work factor (4 to 31; each step doubles the cost). */
@ConfigurationProperties("user.password")
public record PayPasswordProperties(@DefaultValue("10") int bcryptStrength) {
}
