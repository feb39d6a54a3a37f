package com.hmall.user.account;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import com.hmall.starter.web.ApiException;

import lombok.RequiredArgsConstructor;

@Service
@RequiredArgsConstructor
public class UserService {

    private final UserMapper users;
    private final PayPasswordGuard payPasswords;
    private final Clock clock;

    public UserView create(CreateUserRequest request) {
        User user = new User();
        user.setUsername(request.username());
        user.setPasswordHash(payPasswords.hash(request.password()));
        user.setBalance(request.balance());
        user.setPayFailures(0);
        user.setCreateTime(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            users.insert(user);
        } catch (DuplicateKeyException taken) {
            throw ApiException.stateConflict("Username " + request.username() + " is already taken");
        }
        return UserView.of(user);
    }

    public UserView get(long id) {
        return UserView.of(find(id));
    }

    public User find(long id) {
        User user = users.selectById(id);
        if (user == null) {
            throw ApiException.notFound("User", id);
        }
        return user;
    }
}
