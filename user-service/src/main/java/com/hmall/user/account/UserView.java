package com.hmall.user.account;

/** A user as the API shows it: never the password hash or the lock state. */
public record UserView(long id, String username, long balance) {

    static UserView of(User user) {
        return new UserView(user.getId(), user.getUsername(), user.getBalance());
    }
}
