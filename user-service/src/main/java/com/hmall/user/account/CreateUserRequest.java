package com.hmall.user.account;

import com.hmall.payevents.Money;
import com.hmall.starter.web.MaxUtf8Bytes;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /users}. */
public record CreateUserRequest(
        @Schema(description = "Unique", example = "jack")
        @NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}",
                message = "must be 3 to 32 letters, digits, '_', '.' or '-'") String username,
        @Schema(description = "The pay password: " + PASSWORD_RULE + " (BCrypt's limit)", example = "123")
        @NotBlank @Size(min = 3, max = 64, message = PASSWORD_RULE)
        @MaxUtf8Bytes(value = MaxUtf8Bytes.BCRYPT, message = PASSWORD_RULE) String password,
        @Schema(description = "Fen", example = "10000000")
        @NotNull @Min(0) @Max(Money.MAX_BALANCE) Long balance) {

    /** The contract's words for the pay password's length. */
    static final String PASSWORD_RULE = "must be 3 to 64 characters and at most 72 bytes in UTF-8";

    @Override
    public String toString() {
        return "CreateUserRequest[username=" + username + ", password=***, balance=" + balance + "]";
    }
}
