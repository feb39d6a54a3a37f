package com.hmall.user.account;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import com.hmall.starter.web.ApiException;

// The problem-JSON advice comes from an auto-configuration that web slices do not load.
@WebMvcTest(UserController.class)
class UserControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private UserService userService;

    @Test
    void shouldCreateAUserAndPointToIt() throws Exception {
        given(userService.create(any())).willReturn(new UserView(42, "rose", 500));

        mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON)
                        .content(body("rose", "secret", 500)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/users/42"))
                .andExpect(jsonPath("$.id").value(42))
                .andExpect(jsonPath("$.username").value("rose"))
                .andExpect(jsonPath("$.balance").value(500))
                .andExpect(jsonPath("$.password").doesNotExist());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "a-name-that-is-far-too-long-for-us", "semi;colon", ""})
    void shouldRejectAnInvalidUsername(String username) throws Exception {
        mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON).content(body(username, "secret", 0)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("username"));
        verifyNoInteractions(userService);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "   "})
    void shouldRejectAnInvalidPassword(String password) throws Exception {
        mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON).content(body("rose", password, 0)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("password"));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 1_000_000_000_001L})
    void shouldRejectABalanceOutOfRange(long balance) throws Exception {
        mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON).content(body("rose", "secret", balance)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("balance"));
    }

    @Test
    void shouldRejectMalformedJson() throws Exception {
        mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON).content("{\"username\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void shouldAnswerATakenUsernameAsStateConflict() throws Exception {
        given(userService.create(any())).willThrow(ApiException.stateConflict("taken"));

        mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON).content(body("rose", "secret", 0)))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("STATE_CONFLICT"));
    }

    @Test
    void shouldAnswerAnUnknownUserAsNotFound() throws Exception {
        given(userService.get(404L)).willThrow(ApiException.notFound("User", 404L));

        mvc.perform(get("/users/404"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void shouldAnswerANonNumericIdAsValidationFailed() throws Exception {
        mvc.perform(get("/users/jack"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    private static String body(String username, String password, long balance) {
        return """
                {"username": "%s", "password": "%s", "balance": %d}""".formatted(username, password, balance);
    }
}
