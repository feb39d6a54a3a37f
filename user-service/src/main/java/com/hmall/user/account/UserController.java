package com.hmall.user.account;

import static com.hmall.starter.web.ErrorCode.NOT_FOUND;
import static com.hmall.starter.web.ErrorCode.STATE_CONFLICT;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.starter.web.ProblemExample;
import com.hmall.starter.web.ProblemResponses;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;

@Tag(name = "Users", description = "Users and their balances (demo and test data)")
@RestController
@RequestMapping("/users")
@RequiredArgsConstructor
class UserController {

    private final UserService userService;

    @PostMapping
    @Operation(summary = "Create a user",
            description = "The pay password is stored only as a BCrypt hash. Seed data: user 1, `jack`, password "
                    + "`123`, balance 10000000.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new user")
    @ProblemResponses(STATE_CONFLICT)
    @ProblemExample(code = STATE_CONFLICT, detail = "Username jack is already taken")
    ResponseEntity<UserView> create(@Valid @RequestBody CreateUserRequest request) {
        UserView user = userService.create(request);
        return ResponseEntity.created(URI.create("/users/" + user.id())).body(user);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a user and their balance")
    @ProblemResponses(NOT_FOUND)
    @ProblemExample(code = NOT_FOUND, detail = "User 1 does not exist")
    UserView get(@PathVariable long id) {
        return userService.get(id);
    }
}
