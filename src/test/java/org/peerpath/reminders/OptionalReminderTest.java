package org.peerpath.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The optional daily reminders' pure rules: when a day's digests may go, which dates count, the ledger ids. */
class OptionalReminderTest {

    private static final ZoneId DETROIT = ZoneId.of("America/Detroit");
    private static final LocalDate OCTOBER_15 = LocalDate.of(2026, 10, 15);

    @Test
    void dailyRemindersAreDueFromTheSendTimeOfEachLocalDayAndNeverInQuietHours() {
        ReminderSchedule schedule = ReminderSchedule.DEFAULT; // 09:00, quiet 21:00 to 08:00
        // 08:59 on the 15th in Detroit (EDT, UTC-4): not yet.
        assertThat(schedule.dailyDueOn(DETROIT, Instant.parse("2026-10-15T12:59:00Z"))).isEmpty();
        assertThat(schedule.dailyDueOn(DETROIT, Instant.parse("2026-10-15T13:00:00Z"))).contains(OCTOBER_15);
        assertThat(schedule.dailyDueOn(DETROIT, Instant.parse("2026-10-16T00:59:00Z"))).contains(OCTOBER_15);
        // 21:00 local: quiet hours, though the 15th's send time has passed.
        assertThat(schedule.dailyDueOn(DETROIT, Instant.parse("2026-10-16T01:00:00Z"))).isEmpty();
        // UTC is on the 16th, Detroit still on the 15th at 20:30: the local day counts.
        assertThat(schedule.dailyDueOn(DETROIT, Instant.parse("2026-10-16T00:30:00Z"))).contains(OCTOBER_15);
        // 08:30 on the 16th: quiet hours are over, the send time has not come.
        assertThat(schedule.dailyDueOn(DETROIT, Instant.parse("2026-10-16T12:30:00Z"))).isEmpty();
    }

    @Test
    void aSendTimeInsideQuietHoursWaitsForTheirEnd() {
        ReminderSchedule early = new ReminderSchedule(List.of(15), LocalTime.of(7, 0), LocalTime.of(21, 0),
                LocalTime.of(8, 0));
        assertThat(early.dailyDueOn(DETROIT, Instant.parse("2026-10-15T11:30:00Z"))).isEmpty();
        assertThat(early.dailyDueOn(DETROIT, Instant.parse("2026-10-15T12:00:00Z")))
                .isEqualTo(Optional.of(OCTOBER_15));
    }

    @Test
    void draftsAreOverdueWhenCreatedOrStartedTwoLocalDaysAgoOrEarlier() {
        Instant before = OptionalReminder.UNSIGNED_DRAFTS.draftsBefore(OCTOBER_15, DETROIT);
        // The start of the 14th in Detroit: a draft of the 13th at 23:59 local is overdue, one of the 14th is not.
        assertThat(before).isEqualTo(Instant.parse("2026-10-14T04:00:00Z"));
        assertThat(Instant.parse("2026-10-14T03:59:00Z")).isBefore(before);
    }

    @Test
    void expiringWindowsIncludeTodayAndTheirLastDay() {
        assertThat(OptionalReminder.EXPIRING_CONSENTS.expiringThrough(OCTOBER_15)).isEqualTo("2026-10-29");
        assertThat(OptionalReminder.EXPIRING_CERTIFICATIONS.expiringThrough(OCTOBER_15)).isEqualTo("2026-11-14");
    }

    @Test
    void ledgerIdsNameTheItemAndItsStageOnce() {
        assertThat(OptionalReminder.UNSIGNED_DRAFTS.claimId("c1")).isEqualTo("draft:c1:unsigned-2d");
        assertThat(OptionalReminder.EXPIRING_CONSENTS.claimId("k1")).isEqualTo("consent:k1:expiring-14d");
        assertThat(OptionalReminder.EXPIRING_CERTIFICATIONS.claimId("s1", "cert1"))
                .isEqualTo("certification:s1:cert1:expiring-30d");
        assertThat(OptionalReminder.UNSIGNED_DRAFTS.dailyId("s1", OCTOBER_15))
                .isEqualTo("daily:s1:DRAFTS_UNSIGNED:2026-10-15");
    }

    @Test
    void lockScreenTextsCountAndNeverName() {
        assertThat(PushNotifications.body(Notification.Kind.DRAFTS_UNSIGNED, 2))
                .isEqualTo("2 contact drafts have been unsigned for 2 days or more");
        assertThat(PushNotifications.body(Notification.Kind.DRAFTS_UNSIGNED, 1))
                .isEqualTo("1 contact draft has been unsigned for 2 days or more");
        assertThat(PushNotifications.body(Notification.Kind.CONSENTS_EXPIRING, 1))
                .isEqualTo("1 consent expires within 14 days");
        assertThat(PushNotifications.body(Notification.Kind.CONSENTS_EXPIRING, 3))
                .isEqualTo("3 consents expire within 14 days");
        assertThat(PushNotifications.body(Notification.Kind.CERTIFICATION_EXPIRING, 1))
                .isEqualTo("Your certification expires within 30 days");
    }
}
