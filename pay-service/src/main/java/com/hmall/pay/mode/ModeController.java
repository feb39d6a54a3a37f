package com.hmall.pay.mode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import lombok.RequiredArgsConstructor;

@Tag(name = "Mode", description = "How a payment tells the other services: sync calls or one async event")
@RestController
@RequestMapping("/mode")
@RequiredArgsConstructor
class ModeController {

    private final ModeSwitch modeSwitch;

    @GetMapping
    @Operation(summary = "Read the payment mode")
    ModeView get() {
        return new ModeView(modeSwitch.current());
    }

    @PutMapping
    @Operation(summary = "Switch the payment mode at run time",
            description = "Payments that start after the switch run in the new mode. The start value is the "
                    + "property `pay.mode` (environment `PAY_MODE`), default async.")
    ModeView put(@Valid @RequestBody ModeRequest request) {
        modeSwitch.switchTo(PaymentMode.fromWireName(request.mode()));
        return new ModeView(modeSwitch.current());
    }

    record ModeRequest(@Schema(allowableValues = { "sync", "async" }, example = "sync")
            @NotNull @Pattern(regexp = "sync|async", message = "must be sync or async") String mode) {
    }

    record ModeView(@Schema(example = "sync") PaymentMode mode) {
    }
}
