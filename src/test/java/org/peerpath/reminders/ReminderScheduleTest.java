package org.peerpath.reminders;

import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.peerpath.reminders.ReminderSchedule.Due;
import org.peerpath.reminders.ReminderSchedule.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The schedule as tables: instants around month ends, zones, daylight-saving changes and quiet hours. */
class ReminderScheduleTest {

    private static final ZoneId DETROIT = ZoneId.of("America/Detroit");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private static final String NONE = "";

    /** Zone, instant, expected due stages as "STAGE@month" joined by ",", or NONE (quiet or nothing due). */
    static Stream<Arguments> defaultSchedule() {
        return Stream.of(
                // Before the 15th's send time: only the previous month's month-end stage.
                arguments(DETROIT, "2026-11-10T15:00:00Z", "MONTH_END_MISSED@2026-10"),
                // 08:59 local on the 15th (EST, UTC-5) is before 09:00.
                arguments(DETROIT, "2026-11-15T13:59:00Z", "MONTH_END_MISSED@2026-10"),
                arguments(DETROIT, "2026-11-15T14:00:00Z", "DAY_15@2026-11,MONTH_END_MISSED@2026-10"),
                arguments(DETROIT, "2026-11-24T20:00:00Z", "DAY_15@2026-11,MONTH_END_MISSED@2026-10"),
                // After the 25th: only the latest day is due, never two digests at once.
                arguments(DETROIT, "2026-11-25T14:00:00Z", "DAY_25@2026-11,MONTH_END_MISSED@2026-10"),
                arguments(DETROIT, "2026-11-30T19:00:00Z", "DAY_25@2026-11,MONTH_END_MISSED@2026-10"),
                // UTC is already in December, Detroit still in November (20:00 local on the 30th).
                arguments(DETROIT, "2026-12-01T01:00:00Z", "DAY_25@2026-11,MONTH_END_MISSED@2026-10"),
                // 22:00 on the 30th in Detroit: quiet hours.
                arguments(DETROIT, "2026-12-01T03:00:00Z", NONE),
                // 00:30 on December 1st: the month ended, but quiet until 08:00.
                arguments(DETROIT, "2026-12-01T05:30:00Z", NONE),
                arguments(DETROIT, "2026-12-01T12:59:00Z", NONE),
                // 08:00 on December 1st: November's month-end stage.
                arguments(DETROIT, "2026-12-01T13:00:00Z", "MONTH_END_MISSED@2026-11"),
                // Tokyo (UTC+9): the month changed locally while UTC is still in November.
                arguments(TOKYO, "2026-11-30T23:30:00Z", "MONTH_END_MISSED@2026-11"),
                arguments(TOKYO, "2026-11-30T22:59:00Z", NONE),
                // The zone-local 09:00 on the 15th in Tokyo is 00:00 UTC.
                arguments(TOKYO, "2026-11-15T00:00:00Z", "DAY_15@2026-11,MONTH_END_MISSED@2026-10"),
                arguments(TOKYO, "2026-11-14T23:59:00Z", "MONTH_END_MISSED@2026-10"),
                // Spring forward (Detroit, 2026-03-08): 08:00 local is 12:00 UTC that day (EDT, UTC-4).
                arguments(DETROIT, "2026-03-08T11:59:00Z", NONE),
                arguments(DETROIT, "2026-03-08T12:00:00Z", "MONTH_END_MISSED@2026-02"),
                // 09:00 EDT on the 15th of March is 13:00 UTC, not 14:00.
                arguments(DETROIT, "2026-03-15T12:59:00Z", "MONTH_END_MISSED@2026-02"),
                arguments(DETROIT, "2026-03-15T13:00:00Z", "DAY_15@2026-03,MONTH_END_MISSED@2026-02"),
                // Fall back (Detroit, 2026-11-01): 08:00 EST is 13:00 UTC; 07:30 EST is still quiet.
                arguments(DETROIT, "2026-11-01T12:30:00Z", NONE),
                arguments(DETROIT, "2026-11-01T13:00:00Z", "MONTH_END_MISSED@2026-10"),
                // February: 25th exists; the year boundary for January's previous month.
                arguments(CHICAGO, "2027-02-25T15:00:00Z", "DAY_25@2027-02,MONTH_END_MISSED@2027-01"),
                arguments(CHICAGO, "2027-01-02T15:00:00Z", "MONTH_END_MISSED@2026-12"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("defaultSchedule")
    void defaultScheduleIsDueAsTabled(ZoneId zone, String now, String expected) {
        assertThat(render(ReminderSchedule.DEFAULT.dueAt(zone, Instant.parse(now)))).isEqualTo(expected);
    }

    static Stream<Arguments> quietHours() {
        return Stream.of(
                // from, until, local time (Detroit, November: UTC-5), quiet?
                arguments("21:00", "08:00", "2026-11-16T01:59:00Z", false), // 20:59
                arguments("21:00", "08:00", "2026-11-16T02:00:00Z", true), // 21:00
                arguments("21:00", "08:00", "2026-11-16T05:00:00Z", true), // 00:00
                arguments("21:00", "08:00", "2026-11-16T12:59:00Z", true), // 07:59
                arguments("21:00", "08:00", "2026-11-16T13:00:00Z", false), // 08:00
                // Quiet hours within one day (a lunch break, say).
                arguments("12:00", "13:00", "2026-11-16T17:30:00Z", true), // 12:30
                arguments("12:00", "13:00", "2026-11-16T18:00:00Z", false), // 13:00
                // Equal bounds: no quiet hours.
                arguments("00:00", "00:00", "2026-11-16T05:00:00Z", false));
    }

    @ParameterizedTest(name = "quiet {0}-{1} at {2}: {3}")
    @MethodSource("quietHours")
    void quietHoursAreLocal(String from, String until, String now, boolean quiet) {
        ReminderSchedule schedule = new ReminderSchedule(List.of(15), LocalTime.of(9, 0), LocalTime.parse(from),
                LocalTime.parse(until));
        assertThat(schedule.isQuiet(DETROIT, Instant.parse(now))).isEqualTo(quiet);
        if (quiet) {
            assertThat(schedule.dueAt(DETROIT, Instant.parse(now))).isEmpty();
        }
    }

    @Test
    void aSendTimeInTheSpringForwardGapMovesForwardByTheGap() {
        // 02:30 on 2026-03-08 does not exist in Detroit: it becomes 03:30 EDT (07:30 UTC).
        ReminderSchedule schedule = new ReminderSchedule(List.of(8), LocalTime.of(2, 30), LocalTime.of(0, 0),
                LocalTime.of(0, 0));
        assertThat(schedule.sendTime(DETROIT, YearMonth.of(2026, 3), 8)).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
        assertThat(render(schedule.dueAt(DETROIT, Instant.parse("2026-03-08T07:29:00Z"))))
                .isEqualTo("MONTH_END_MISSED@2026-02");
        assertThat(render(schedule.dueAt(DETROIT, Instant.parse("2026-03-08T07:30:00Z"))))
                .isEqualTo("DAY_8@2026-03,MONTH_END_MISSED@2026-02");
    }

    @Test
    void aSendTimeThatOccursTwiceMeansTheFirst() {
        // 01:30 on 2026-11-01 occurs twice in Detroit; the first is EDT (05:30 UTC).
        ReminderSchedule schedule = new ReminderSchedule(List.of(1), LocalTime.of(1, 30), LocalTime.of(0, 0),
                LocalTime.of(0, 0));
        assertThat(schedule.sendTime(DETROIT, YearMonth.of(2026, 11), 1)).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    }

    @Test
    void aReminderDayBeyondTheMonthMeansItsLastDay() {
        ReminderSchedule schedule = new ReminderSchedule(List.of(31), LocalTime.of(9, 0), LocalTime.of(21, 0),
                LocalTime.of(8, 0));
        assertThat(render(schedule.dueAt(CHICAGO, Instant.parse("2027-02-28T15:00:00Z"))))
                .isEqualTo("DAY_28@2027-02,MONTH_END_MISSED@2027-01");
        assertThat(render(schedule.dueAt(CHICAGO, Instant.parse("2027-02-27T15:00:00Z"))))
                .isEqualTo("MONTH_END_MISSED@2027-01");
    }

    @Test
    void reminderDaysMustBeDaysOfAMonth() {
        assertThatThrownBy(() -> new ReminderSchedule(List.of(0), LocalTime.NOON, LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReminderSchedule(List.of(), LocalTime.NOON, LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ReminderSchedule(List.of(25, 15, 25), LocalTime.NOON, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)
                .reminderDays()).containsExactly(15, 25);
        assertThat(Stage.day(15).code()).isEqualTo("DAY_15");
        assertThat(Stage.MONTH_END_MISSED.isMonthEnd()).isTrue();
    }

    private static String render(List<Due> due) {
        return String.join(",", due.stream().map(d -> d.stage().code() + "@" + d.month()).toList());
    }
}
