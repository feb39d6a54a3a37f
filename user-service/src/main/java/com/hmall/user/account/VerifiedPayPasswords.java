package com.hmall.user.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Remembers for a short while that a pay password verified, so that a user who pays again does not
 * pay BCrypt's price every time: at strength 10 one check costs 70 to 100 ms of CPU, which would cap
 * the whole suite at about 20 payments per second on two cores.
 *
 * <p>What is remembered is not the password but an HMAC-SHA256 of it, under a random key that is
 * made at start and lives only in this process, bound to the exact BCrypt hash it matched: a changed
 * password, a restart or the time limit forgets it. A wrong password is never remembered, so it
 * always goes through BCrypt and always counts towards the lock. The price, stated: for the time
 * limit, someone who can read this process's memory can test guesses against a fast hash instead of
 * BCrypt; such a reader could also see the passwords of the requests in flight.
 */
class VerifiedPayPasswords {

    private static final String HMAC = "HmacSHA256";

    private final Cache<Long, Verified> verified;
    private final SecretKeySpec key;

    VerifiedPayPasswords(Duration rememberFor, long maximumUsers) {
        this.verified = Caffeine.newBuilder().expireAfterWrite(rememberFor).maximumSize(maximumUsers).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    /** True when this password verified against this very hash of the user's, recently. */
    boolean remembers(long userId, String passwordHash, String password) {
        Verified known = verified.getIfPresent(userId);
        return known != null && known.passwordHash().equals(passwordHash)
                && MessageDigest.isEqual(known.mac(), mac(password));
    }

    void remember(long userId, String passwordHash, String password) {
        verified.put(userId, new Verified(passwordHash, mac(password)));
    }

    private byte[] mac(String password) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    private record Verified(String passwordHash, byte[] mac) {
    }
}
