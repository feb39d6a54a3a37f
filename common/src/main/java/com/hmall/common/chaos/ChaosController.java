package com.hmall.common.chaos;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

/** Registered only when {@code demo.chaos.enabled=true}; otherwise {@code /demo/**} is a plain 404. */
@RestController
@RequestMapping("/demo/chaos")
class ChaosController {

    private final ChaosKnobs knobs;

    ChaosController(ChaosKnobs knobs) {
        this.knobs = knobs;
    }

    @GetMapping
    ChaosSettings get() {
        return knobs.settings();
    }

    @PutMapping
    ChaosSettings put(@Valid @RequestBody ChaosSettings settings) {
        return knobs.apply(settings);
    }
}
