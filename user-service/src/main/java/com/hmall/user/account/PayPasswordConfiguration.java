package com.hmall.user.account;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
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

    /**
     * One hash and one check before the service reports ready (runners run before that), on the
     * check threads themselves: the first pay password of a class is then checked by compiled
     * BCrypt, not by the interpreter, which takes several times as long. Touches no user.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "hmall.warm-up.enabled", matchIfMissing = true)
    ApplicationRunner payPasswordWarmUp(PasswordEncoder payPasswordEncoder) {
        return args -> payPasswordEncoder.matches("warm-up", payPasswordEncoder.encode("warm-up"));
    }

    @Bean
    VerifiedPayPasswords verifiedPayPasswords(PayPasswordProperties properties) {
        return new VerifiedPayPasswords(properties.rememberVerified(), 100_000);
    }
}
