package com.hmall.user.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import com.hmall.user.UserServiceIntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@UserServiceIntegrationTest
class UserIntegrationTests {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JsonMapper json;

    @Autowired
    private UserMapper users;

    @Test
    void shouldCreateAUserAndReadItBack() throws Exception {
        String username = uniqueUsername();

        String created = mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON)
                        .content(body(username, "s3cret", 12_345)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value(username))
                .andExpect(jsonPath("$.balance").value(12_345))
                .andReturn().getResponse().getContentAsString();
        long id = json.readTree(created).get("id").asLong();

        mvc.perform(get("/users/{id}", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.username").value(username))
                .andExpect(jsonPath("$.balance").value(12_345))
                .andExpect(jsonPath("$.passwordHash").doesNotExist());
    }

    @Test
    void shouldStoreOnlyABcryptHashOfThePassword() throws Exception {
        String username = uniqueUsername();
        JsonNode created = json.readTree(mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON)
                        .content(body(username, "s3cret", 0)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());

        String hash = users.selectById(created.get("id").asLong()).getPasswordHash();
        assertThat(hash).startsWith("$2a$").isNotEqualTo("s3cret");
        assertThat(new BCryptPasswordEncoder().matches("s3cret", hash)).isTrue();
    }

    /** Usernames compare byte for byte: 'Jack' is not 'jack'. */
    @Test
    void shouldTellUsernamesApartThatDifferOnlyInCase() throws Exception {
        String username = "Case" + uniqueUsername();
        for (String variant : java.util.List.of(username, username.toLowerCase(), username.toUpperCase())) {
            mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON).content(body(variant, "s3cret", 0)))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.username").value(variant));
        }
    }

    /** The contract's pay password: 3 to 64 characters and at most 72 bytes in UTF-8. */
    @Test
    void shouldRefuseAPasswordOverBcryptsSeventyTwoBytesInTheContractsWords() throws Exception {
        mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON)
                        .content(body(uniqueUsername(), "é".repeat(64), 0)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.detail").value(
                        "password: must be 3 to 64 characters and at most 72 bytes in UTF-8"));
        mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON)
                        .content(body(uniqueUsername(), "é".repeat(36), 0)))
                .andExpect(status().isCreated());
    }

    @Test
    void shouldRefuseATakenUsername() throws Exception {
        String username = uniqueUsername();
        mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON).content(body(username, "s3cret", 0)))
                .andExpect(status().isCreated());

        mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON).content(body(username, "other", 5)))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("STATE_CONFLICT"));
    }

    @Test
    void shouldAnswerAnUnknownUserAsNotFound() throws Exception {
        mvc.perform(get("/users/{id}", Long.MAX_VALUE))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void shouldSeedJackWithPayPassword123() throws Exception {
        mvc.perform(get("/users/1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("jack"));

        assertThat(new BCryptPasswordEncoder().matches("123", users.selectById(1L).getPasswordHash())).isTrue();
    }

    @Test
    void shouldReportHealthUp() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    static String uniqueUsername() {
        return "u_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static String body(String username, String password, long balance) {
        return """
                {"username": "%s", "password": "%s", "balance": %d}""".formatted(username, password, balance);
    }
}
