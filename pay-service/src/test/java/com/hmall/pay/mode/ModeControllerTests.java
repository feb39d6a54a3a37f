package com.hmall.pay.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ModeController.class)
@Import(ModeSwitch.class)
class ModeControllerTests {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ModeSwitch modeSwitch;

    @Test
    void shouldSwitchModeAtRunTime() throws Exception {
        mvc.perform(put("/mode").contentType(MediaType.APPLICATION_JSON).content("{\"mode\":\"sync\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mode").value("sync"));
        mvc.perform(get("/mode")).andExpect(jsonPath("$.mode").value("sync"));
        assertThat(modeSwitch.current()).isEqualTo(PaymentMode.SYNC);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"mode\":\"SYNC\"}", "{\"mode\":\"fast\"}", "{\"mode\":null}", "{}", "{\"mode\":1}" })
    void shouldRejectUnknownModesAndKeepTheCurrentOne(String body) throws Exception {
        PaymentMode before = modeSwitch.current();
        mvc.perform(put("/mode").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        assertThat(modeSwitch.current()).isEqualTo(before);
    }
}
