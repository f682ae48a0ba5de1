package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

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

    /**
     * Issue 18, item 5: adding units on a date changes every window containing it. Each row: units already counted
     * ("day:units;..."), the new contact's date, and the busiest window containing that date with its units.
     */
    @ParameterizedTest(name = "{0}, new date {1}: busiest window ends {2} holding {3}")
    @CsvSource(delimiter = '|', value = {
            // Nothing later: the window ending on the date itself.
            "2024-01-10:1440                 | 2024-03-05 | 2024-03-05 | 1440",
            // Back-dated: the later window holds more than the one ending on the new date.
            "2024-03-05:1440                 | 2024-01-10 | 2024-03-05 | 1440",
            "2023-01-01:100;2024-03-05:1400  | 2023-06-01 | 2024-03-05 | 1400",
            // Both ends count: the window ending on the new date holds the earlier units, a later one the later.
            "2023-03-06:800;2024-06-01:700   | 2024-03-05 | 2024-03-05 | 800",
            // A window ending exactly 365 days later (2024-03-05 to 2025-03-05, no leap day between) no longer
            // contains the date; the day before it does.
            "2025-03-05:1460                 | 2024-03-05 | 2024-03-05 | 0",
            "2025-03-04:1460                 | 2024-03-05 | 2025-03-04 | 1460",
            // 365 days later across a leap day is still inside (2023-03-05 to 2024-03-04).
            "2024-03-04:1460                 | 2023-03-05 | 2024-03-04 | 1460",
            // Leap day: the window ending 2025-02-28 starts on 2024-02-29 and holds it; 2025-03-01's does not.
            "2025-02-28:1000                 | 2024-02-29 | 2025-02-28 | 1000",
            "2025-03-01:1000                 | 2024-02-29 | 2024-02-29 | 0",
            // Of two later windows, the fuller.
            "2023-04-01:300;2024-04-01:500;2024-09-01:600 | 2024-03-05 | 2024-09-01 | 1100"})
    void theBusiestWindowContainingADateIsFoundAtTheEdges(String counted, LocalDate date, LocalDate busiestEnd,
            int units) {
        Map<LocalDate, Integer> unitsByDay = Arrays.stream(counted.split(";")).map(String::trim)
                .map(pair -> pair.split(":"))
                .collect(Collectors.toMap(pair -> LocalDate.parse(pair[0]), pair -> Integer.parseInt(pair[1])));

        RollingWindow.Busiest busiest = RollingWindow.busiestContaining(date, unitsByDay);

        assertThat(busiest.window()).isEqualTo(RollingWindow.of(busiestEnd));
        assertThat(busiest.window().contains(date)).isTrue();
        assertThat(busiest.units()).isEqualTo(units);
    }

    @Test
    void windowEndingBeforeItStartsIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RollingWindow(LocalDate.of(2024, 3, 5), LocalDate.of(2024, 3, 4)));
    }
}
