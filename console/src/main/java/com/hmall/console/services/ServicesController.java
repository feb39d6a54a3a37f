package com.hmall.console.services;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.starter.web.ErrorCode;
import com.hmall.starter.web.ProblemResponses;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;

@Tag(name = "services", description = "The suite's services and their chaos knobs, from HMALL_CONSOLE_SERVICES")
@RestController
@RequiredArgsConstructor
class ServicesController {

    private final SuiteServices services;

    @Operation(summary = "Every configured service: UP, OUTAGE (its chaos knob) or DOWN (no answer), with its knobs")
    @GetMapping("/api/services")
    List<ServiceView> services() {
        return services.all();
    }

    @Operation(summary = "Turn a service's chaos knobs (its PUT /demo/chaos)")
    @ProblemResponses({ ErrorCode.NOT_FOUND, ErrorCode.DOWNSTREAM_FAILED })
    @PutMapping("/api/services/{name}/chaos")
    ChaosKnobs setChaos(@PathVariable String name, @Valid @RequestBody ChaosKnobs knobs) {
        return services.setChaos(name, knobs);
    }
}
