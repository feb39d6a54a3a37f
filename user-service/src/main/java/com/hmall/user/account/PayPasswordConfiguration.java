package com.hmall.user.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PayPasswordConfiguration {

    @Bean
    PasswordEncoder payPasswordEncoder(PayPasswordProperties properties) {
        return new BCryptPasswordEncoder(properties.bcryptStrength());
    }

    @Bean
    VerifiedPayPasswords verifiedPayPasswords(PayPasswordProperties properties) {
        return new VerifiedPayPasswords(properties.rememberVerified(), 100_000);
    }
}
