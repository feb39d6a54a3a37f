package com.hmall.user.account;

import io.swagger.v3.oas.annotations.media.Schema;

/** A user as the API shows it: never the password hash or the lock state. */
public record UserView(
        @Schema(example = "1") long id,
        @Schema(example = "jack") String username,
        @Schema(description = "Fen", example = "10000000") long balance) {

    static UserView of(User user) {
        return new UserView(user.getId(), user.getUsername(), user.getBalance());
    }
}
