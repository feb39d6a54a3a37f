package com.hmall.user.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.hmall.starter.web.warmup.WarmUpTask;

@Configuration(proxyBeanMethods = false)
class PayPasswordConfiguration {

    @Bean
    PasswordEncoder payPasswordEncoder(PayPasswordProperties properties) {
        return new BoundedPasswordEncoder(new BCryptPasswordEncoder(properties.bcryptStrength()),
                properties.checkThreads(), properties.checkQueue());
    }

    /**
     * One hash and one check before the service reports ready, with the rest of its warm-up, on the
     * check threads themselves: the first pay password of a class is then checked by compiled
     * BCrypt, not by the interpreter, which takes several times as long. Touches no user.
     */
    @Bean
    WarmUpTask payPasswordWarmUp(PasswordEncoder payPasswordEncoder) {
        return () -> payPasswordEncoder.matches("warm-up", payPasswordEncoder.encode("warm-up"));
    }

    @Bean
    VerifiedPayPasswords verifiedPayPasswords(PayPasswordProperties properties) {
        return new VerifiedPayPasswords(properties.rememberVerified(), 100_000);
    }
}
