package com.hmall.testing.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import com.hmall.console.fixture.UsesNotify;
import com.hmall.notify.fixture.UsesEvent;
import com.hmall.notify.fixture.UsesPay;
import com.hmall.notify.fixture.UsesPoints;
import com.hmall.pay.fixture.ReadsNotify;
import com.hmall.starter.fixture.NamesAQueue;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

/** The rules catch what they are there to catch, on small classes made to break them. */
class BoundariesTests {

    @Test
    void shouldCatchAServiceUsingAnotherServicesCode() {
        assertThat(violated(Boundaries.serviceStandsAlone("notify-service"), UsesPoints.class)).isTrue();
        assertThat(violated(Boundaries.serviceStandsAlone("notify-service"), UsesPay.class)).isTrue();
        assertThat(violated(Boundaries.serviceStandsAlone("notify-service"), UsesEvent.class)).isFalse();
    }

    @Test
    void shouldCatchAConsumerUsingItsProducersCode() {
        assertThat(violated(Boundaries.consumerKnowsOnlyTheEvent("notify-service"), UsesPay.class)).isTrue();
        assertThat(violated(Boundaries.consumerKnowsOnlyTheEvent("notify-service"), UsesEvent.class)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> Boundaries.consumerKnowsOnlyTheEvent("user-service"));
    }

    @Test
    void shouldCatchEitherWayOfBreakingAConsumersBoundaries() {
        assertThat(violated(Boundaries.ofConsumer("notify-service"), UsesPoints.class)).isTrue();
        assertThat(violated(Boundaries.ofConsumer("notify-service"), UsesPay.class)).isTrue();
        assertThat(violated(Boundaries.ofConsumer("notify-service"), UsesEvent.class)).isFalse();
        assertThat(violated(Boundaries.ofProducer(), ReadsNotify.class)).isTrue();
    }

    @Test
    void shouldCatchTheConsoleUsingAService() {
        assertThat(violated(Boundaries.ofConsole(), UsesNotify.class)).isTrue();
    }

    @Test
    void shouldCatchTheProducerUsingAConsumer() {
        assertThat(violated(Boundaries.producerKnowsNoConsumer(), ReadsNotify.class)).isTrue();
        assertThat(violated(Boundaries.serviceStandsAlone("pay-service"), ReadsNotify.class)).isTrue();
    }

    @Test
    void shouldReadTheStringsCompiledIntoAClass() throws IOException {
        try (InputStream in = NamesAQueue.class.getResourceAsStream("NamesAQueue.class")) {
            assertThat(ClassConstants.of(in.readAllBytes()))
                    .contains("notify.pay.success.queue")
                    .anyMatch(constant -> constant.contains(".pay.success.dlq"));
        }
    }

    private static boolean violated(ArchRule rule, Class<?>... classes) {
        JavaClasses imported = new ClassFileImporter().importClasses(classes);
        return rule.evaluate(imported).hasViolation();
    }
}
