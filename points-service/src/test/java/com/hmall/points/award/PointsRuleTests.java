package com.hmall.points.award;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PointsRuleTests {

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "1, 0",
            "99, 0",
            "100, 1",
            "199, 1",
            "200, 2",
            "12345, 123",
            "100000000, 1000000",
    })
    void shouldAwardOnePointPerWholeYuan(long amountFen, long points) {
        assertThat(PointsRule.pointsFor(amountFen)).isEqualTo(points);
    }

    @Test
    void shouldRefuseANegativeAmount() {
        assertThatIllegalArgumentException().isThrownBy(() -> PointsRule.pointsFor(-100));
    }
}
