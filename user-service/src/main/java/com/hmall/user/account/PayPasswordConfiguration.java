package com.hmall.user.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PayPasswordConfiguration {

    @Bean
    PasswordEncoder payPasswordEncoder(PayPasswordProperties properties) {
        return new BoundedPasswordEncoder(new BCryptPasswordEncoder(properties.bcryptStrength()),
                properties.checkThreads(), properties.checkQueue());
    }

    @Bean
    VerifiedPayPasswords verifiedPayPasswords(PayPasswordProperties properties) {
        return new VerifiedPayPasswords(properties.rememberVerified(), 100_000);
    }
}
