package com.hmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.SuiteEnvironment;

/**
 * Every service sent itself its warm-up requests before it reported ready (starters/web,
 * SelfWarmUp), and each was answered the way a bad request is: a 2xx read or a 4xx refusal. A 5xx
 * or a failed request would mean the warm-up list names a path the service cannot take. No warm-up
 * task failed, and user-service ran its own (the pay password hashing).
 */
class WarmUpIT extends EndToEndTest {

    private static final Pattern WARMED = Pattern.compile("Warmed up with (\\d+) tasks \\((\\d+) failed\\) and (\\d+) "
            + "requests to itself in \\d+ ms before reporting ready; answers \\{([^}]*)}");

    @Test
    void shouldWarmEveryServiceUpWithAnswersThatChangeNothing() throws IOException {
        for (String service : SuiteEnvironment.STARTED_BY_DEFAULT) {
            Matcher warmed = WARMED.matcher(Files.readString(SuiteEnvironment.logOf(service)));
            assertThat(warmed.find()).as("%s's log says it warmed up", service).isTrue();
            assertThat(Integer.parseInt(warmed.group(2))).as("%s's failed warm-up tasks", service).isZero();
            if (service.equals("user-service")) {
                assertThat(Integer.parseInt(warmed.group(1))).as("user-service's warm-up tasks").isPositive();
            }
            assertThat(Integer.parseInt(warmed.group(3))).as("%s's warm-up requests", service).isPositive();
            for (String answer : warmed.group(4).split(", ")) {
                assertThat(answer).as("%s's warm-up answers: %s", service, warmed.group(4)).matches("[24]\\d\\d=\\d+");
            }
        }
    }
}
