package com.hmall.starter.chaos;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Registered only when {@code demo.chaos.enabled=true}; otherwise {@code /demo/**} is a plain 404. */
@Tag(name = "Chaos", description = "The classroom knobs (demo.chaos.enabled=true only): extra latency and a "
        + "simulated outage. They stay reachable during the outage.")
@RestController
@RequestMapping("/demo/chaos")
class ChaosController {

    private final ChaosKnobs knobs;

    ChaosController(ChaosKnobs knobs) {
        this.knobs = knobs;
    }

    @GetMapping
    @Operation(summary = "Read the chaos knobs",
            description = "Also lists this service's queues with their ready messages and consumers, read live "
                    + "from the broker: during an outage the consumers are gone and the messages wait.")
    ChaosState get() {
        return knobs.state();
    }

    @PutMapping
    @Operation(summary = "Set the latency and the simulated outage",
            description = "`latencyMs` is added to every business request and every message this service handles. "
                    + "With `outage` true the business endpoints answer 503 SERVICE_UNAVAILABLE and the service "
                    + "takes no message from its queue, so they wait there; false resumes and the backlog drains. "
                    + "Answered once the change is in force: in an outage, no consumer of this service is left on "
                    + "its queues.")
    ChaosState put(@Valid @RequestBody ChaosSettings settings) {
        return knobs.apply(settings);
    }
}
