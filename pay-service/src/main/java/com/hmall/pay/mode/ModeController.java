package com.hmall.pay.mode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import lombok.RequiredArgsConstructor;

@RestController
@RequestMapping("/mode")
@RequiredArgsConstructor
class ModeController {

    private final ModeSwitch modeSwitch;

    @GetMapping
    ModeView get() {
        return new ModeView(modeSwitch.current());
    }

    @PutMapping
    ModeView put(@Valid @RequestBody ModeRequest request) {
        modeSwitch.switchTo(PaymentMode.fromWireName(request.mode()));
        return new ModeView(modeSwitch.current());
    }

    record ModeRequest(@NotNull @Pattern(regexp = "sync|async", message = "must be sync or async") String mode) {
    }

    record ModeView(PaymentMode mode) {
    }
}
