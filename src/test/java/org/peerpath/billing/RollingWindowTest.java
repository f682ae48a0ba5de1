package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RollingWindowTest {

    @Test
    void windowRunsFromTheDayAfterTheSameDateLastYearThroughTheDateOfService() {
        RollingWindow window = RollingWindow.of(LocalDate.of(2024, 3, 5));

        assertThat(window.first()).isEqualTo(LocalDate.of(2023, 3, 6));
        assertThat(window.last()).isEqualTo(LocalDate.of(2024, 3, 5));
    }

    @ParameterizedTest(name = "{0} in the window ending 2024-03-05: {1}")
    @CsvSource({
            "2023-03-05, false",
            "2023-03-06, true",
            "2023-09-01, true",
            "2024-03-05, true",
            "2024-03-06, false"})
    void windowContainsItsFirstAndLastDayAndNothingOutside(LocalDate date, boolean contained) {
        assertThat(RollingWindow.of(LocalDate.of(2024, 3, 5)).contains(date)).isEqualTo(contained);
    }

    @ParameterizedTest(name = "window ending {0} starts {1}")
    @CsvSource({
            "2024-02-29, 2023-03-01",
            "2025-02-28, 2024-02-29",
            "2025-03-01, 2024-03-02",
            "2024-01-01, 2023-01-02",
            "2024-12-31, 2024-01-01"})
    void windowsAroundLeapDaysAndYearEndsStartTheDayAfterOneYearEarlier(LocalDate dateOfService, LocalDate first) {
        assertThat(RollingWindow.of(dateOfService).first()).isEqualTo(first);
    }

    @Test
    void windowEndingBeforeItStartsIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RollingWindow(LocalDate.of(2024, 3, 5), LocalDate.of(2024, 3, 4)));
    }
}
