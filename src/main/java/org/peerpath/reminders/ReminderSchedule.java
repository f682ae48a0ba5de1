package org.peerpath.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When reminders are due, as pure rules over an organization's zone and an instant: no Spring, no database, so
 * month ends, daylight-saving changes and quiet hours can be tested as tables.
 *
 * <p>Every date and time is read in the organization's zone: a month ends at local midnight, not at UTC
 * midnight, because dates of service (and so the face-to-face of Michigan XI.E, seeds/003) are local dates.
 * A reminder day's send time that does not exist locally (a spring-forward gap) moves forward by the gap's
 * length, as {@link ZonedDateTime#of} does; a time that exists twice (fall back) means its first occurrence.
 *
 * <p>Only the latest reminder day that has passed in the month is due: when the service was down on the 15th
 * and comes back on the 26th, the coach gets the 25th's reminder, not two at once. The month-end stage for the
 * previous month is due throughout the next month, so a service that was down on the 1st still sends it; the
 * reminder ledger makes each stage go out once per client and month however often it is found due.
 *
 * @param reminderDays days of the month on which coaches are reminded (a day beyond the month's length means its
 *     last day)
 * @param sendAt local time of day at which a reminder day's reminder becomes due
 * @param quietFrom start of quiet hours (local), when nothing is sent
 * @param quietUntil end of quiet hours (local); before {@code quietFrom} when quiet hours span midnight
 */
public record ReminderSchedule(List<Integer> reminderDays, LocalTime sendAt, LocalTime quietFrom,
        LocalTime quietUntil) {

    public static final ReminderSchedule DEFAULT = new ReminderSchedule(List.of(15, 25), LocalTime.of(9, 0),
            LocalTime.of(21, 0), LocalTime.of(8, 0));

    public ReminderSchedule {
        Objects.requireNonNull(sendAt, "sendAt");
        Objects.requireNonNull(quietFrom, "quietFrom");
        Objects.requireNonNull(quietUntil, "quietUntil");
        reminderDays = List.copyOf(new TreeSet<>(reminderDays));
        if (reminderDays.isEmpty() || reminderDays.get(0) < 1 || reminderDays.get(reminderDays.size() - 1) > 31) {
            throw new IllegalArgumentException("Reminder days must be between 1 and 31, at least one.");
        }
    }

    /** A reminder stage of one month; with the enrollee it names a ledger entry. */
    public record Due(Stage stage, YearMonth month) {
    }

    /**
     * The stages due at {@code now} in {@code zone} and sendable now: empty during quiet hours. At most one
     * reminder stage of the current month, and the month-end stage of the previous month.
     */
    public List<Due> dueAt(ZoneId zone, Instant now) {
        if (isQuiet(zone, now)) {
            return List.of();
        }
        ZonedDateTime local = now.atZone(zone);
        YearMonth month = YearMonth.from(local);
        List<Due> due = new ArrayList<>();
        latestReminderDay(zone, month, now).ifPresent(day -> due.add(new Due(Stage.day(day), month)));
        due.add(new Due(Stage.MONTH_END_MISSED, month.minusMonths(1)));
        return due;
    }

    /**
     * The local day whose daily reminders (the optional ones: unsigned drafts, expiring consents and
     * certifications) may be sent at {@code now}: today once today's send time has passed, empty before it and in
     * quiet hours. Callers send at most once per day they are given.
     */
    public Optional<LocalDate> dailyDueOn(ZoneId zone, Instant now) {
        if (isQuiet(zone, now)) {
            return Optional.empty();
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant sendTime = ZonedDateTime.of(today.atTime(sendAt), zone).toInstant();
        return now.isBefore(sendTime) ? Optional.empty() : Optional.of(today);
    }

    /** Whether {@code now} falls in quiet hours in {@code zone} (start inclusive, end exclusive). */
    public boolean isQuiet(ZoneId zone, Instant now) {
        LocalTime time = now.atZone(zone).toLocalTime();
        if (quietFrom.equals(quietUntil)) {
            return false;
        }
        if (quietFrom.isBefore(quietUntil)) {
            return !time.isBefore(quietFrom) && time.isBefore(quietUntil);
        }
        return !time.isBefore(quietFrom) || time.isBefore(quietUntil);
    }

    /** The instant a reminder day's reminder becomes due in {@code zone}. */
    public Instant sendTime(ZoneId zone, YearMonth month, int reminderDay) {
        LocalDateTime local = month.atDay(Math.min(reminderDay, month.lengthOfMonth())).atTime(sendAt);
        return ZonedDateTime.of(local, zone).toInstant();
    }

    private Optional<Integer> latestReminderDay(ZoneId zone, YearMonth month, Instant now) {
        Integer latest = null;
        for (int day : reminderDays) {
            if (!now.isBefore(sendTime(zone, month, day))) {
                latest = Math.min(day, month.lengthOfMonth());
            }
        }
        return Optional.ofNullable(latest);
    }

    /**
     * A reminder stage: {@code DAY_15}, {@code DAY_25} (coach reminders on that day of the month) or
     * {@code MONTH_END_MISSED} (the month ended without the face-to-face).
     */
    public record Stage(String code) {

        public static final Stage MONTH_END_MISSED = new Stage("MONTH_END_MISSED");

        public static Stage day(int dayOfMonth) {
            return new Stage("DAY_" + dayOfMonth);
        }

        public boolean isMonthEnd() {
            return this.equals(MONTH_END_MISSED);
        }

        @Override
        public String toString() {
            return code;
        }
    }
}
