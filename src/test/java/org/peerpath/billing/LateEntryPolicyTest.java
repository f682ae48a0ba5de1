package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.peerpath.billing.CaseFixture.codes;
import static org.peerpath.billing.CaseFixture.finding;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerpath.billing.BillingCase.LateEntry;
import org.peerpath.billing.Finding.Severity;
import org.peerpath.billing.LateEntryPolicy.Timeliness;
import org.peerpath.billing.LateEntryPolicy.Verdict;

/**
 * Late entries (issue 11, item 7; CMS FAQ A1 safeguards against over-billing): the age of an entry in calendar
 * days of the organization's zone, at the edges of both limits and of the zone's midnight, and the warning the
 * billing engine shows for one.
 */
class LateEntryPolicyTest {

    private static final ZoneId DETROIT = ZoneId.of("America/Detroit");
    private static final LateEntryPolicy DEFAULTS = new LateEntryPolicy(30, 365);

    @ParameterizedTest(name = "service {0}, documented {1} (Detroit): {2} days, {3}")
    @CsvSource({
            // Same day, and a start a few minutes ahead of the clock: on time.
            "2026-12-01T09:00, 2026-12-01T17:00, 0, ON_TIME",
            "2026-12-01T17:04, 2026-12-01T17:00, 0, ON_TIME",
            "2026-12-01T23:59, 2026-12-02T00:00, 1, ON_TIME",
            // The late-entry limit: exactly 30 days is on time, 31 is late, whatever the hours.
            "2026-11-01T23:59, 2026-12-01T00:00, 30, ON_TIME",
            "2026-11-01T00:00, 2026-12-01T23:59, 30, ON_TIME",
            "2026-10-31T23:59, 2026-12-01T00:00, 31, LATE",
            // The hard limit: 365 days is late, 366 refused; across a leap day (2028-02-29) too.
            "2025-12-01T10:00, 2026-12-01T10:00, 365, LATE",
            "2025-11-30T10:00, 2026-12-01T10:00, 366, REFUSED",
            "2027-03-01T10:00, 2028-02-29T10:00, 365, LATE",
            "2027-03-01T10:00, 2028-03-01T10:00, 366, REFUSED",
            "2023-05-10T10:00, 2026-12-01T10:00, 1301, REFUSED"})
    void ageIsCountedInCalendarDaysOfTheOrganizationsZone(String serviceLocal, String documentedLocal, long days,
            Verdict verdict) {
        Timeliness timeliness = DEFAULTS.judge(detroit(serviceLocal), detroit(documentedLocal), DETROIT);

        assertThat(timeliness.daysAfterService()).isEqualTo(days);
        assertThat(timeliness.verdict()).isEqualTo(verdict);
    }

    @Test
    void onAUsEveningWhenUtcIsAlreadyTomorrowTheOrganizationsDateCounts() {
        // 20:00 on 1 December in Detroit is 01:00 on 2 December in UTC. A service on 1 November at 10:00 is 30
        // days old in Detroit (on time); counted in UTC it would be 31 days (late).
        Instant evening = Instant.parse("2026-12-02T01:00:00Z");
        assertThat(evening.atZone(DETROIT).toLocalDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        Instant service = detroit("2026-11-01T10:00");

        Timeliness inDetroit = DEFAULTS.judge(service, evening, DETROIT);
        assertThat(inDetroit.dateOfService()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(inDetroit.documentedOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(inDetroit.daysAfterService()).isEqualTo(30);
        assertThat(inDetroit.verdict()).isEqualTo(Verdict.ON_TIME);
        assertThat(DEFAULTS.judge(service, evening, ZoneId.of("UTC")).verdict()).isEqualTo(Verdict.LATE);

        // A service at 21:00 on 31 October in Detroit (already 1 November in UTC) is 31 days old the next
        // morning in Detroit: late, though UTC counts 30 days.
        Instant lateEvening = detroit("2026-10-31T21:00");
        Instant morning = detroit("2026-12-01T10:00");
        assertThat(DEFAULTS.judge(lateEvening, morning, DETROIT).verdict()).isEqualTo(Verdict.LATE);
        assertThat(DEFAULTS.judge(lateEvening, morning, ZoneId.of("UTC")).verdict()).isEqualTo(Verdict.ON_TIME);
    }

    @ParameterizedTest(name = "{0} days after the service with limits 7/14: {1}")
    @CsvSource({"7, ON_TIME", "8, LATE", "14, LATE", "15, REFUSED"})
    void anOrganizationsOwnLimitsApply(int days, Verdict verdict) {
        LateEntryPolicy policy = new LateEntryPolicy(7, 14);
        Instant service = detroit("2026-06-01T12:00");

        assertThat(policy.judge(service, service.plus(java.time.Duration.ofDays(days)), DETROIT).verdict())
                .isEqualTo(verdict);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 365", "-1, 365", "30, 30", "31, 30"})
    void limitsMustBePositiveWithTheLateEntryLimitBelowTheHardLimit(int late, int refused) {
        assertThatIllegalArgumentException().isThrownBy(() -> new LateEntryPolicy(late, refused));
    }

    // The LATE_ENTRY finding

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MI", "IN", "TN"})
    void aLateEntryIsBillableWithAWarningNamingHowLate(String pack) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack).lateEntry(new LateEntry(41, 30, true)).evaluate();

        assertThat(evaluation.billable()).isTrue();
        assertThat(codes(evaluation)).containsExactly("LATE_ENTRY");
        Finding finding = finding(evaluation, "LATE_ENTRY");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("41 days", "30 days", "reason is on the record");
        assertThat(finding.source()).contains("CMS FAQ A1 (seeds/004)");
        assertThat(evaluation.needsSupervisorReview()).isFalse();
    }

    @Test
    void aPreviewWithoutAReasonSaysOneIsNeeded() {
        BillingEvaluation evaluation = CaseFixture.michigan().unsigned().lateEntry(new LateEntry(31, 30, false))
                .evaluate();

        assertThat(codes(evaluation)).containsExactly("SIGNATURE_REQUIRED", "LATE_ENTRY");
        assertThat(finding(evaluation, "LATE_ENTRY").message()).contains("31 days", "reason is needed");
    }

    @Test
    void aLateEntryMustBeLaterThanItsLimit() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LateEntry(30, 30, true));
    }

    @Test
    void aLateEntryDoesNotHideWhatBlocksBilling() {
        BillingEvaluation evaluation = CaseFixture.michigan().lateEntry(new LateEntry(200, 30, true)).narrative(null)
                .evaluate();

        assertThat(evaluation.billable()).isFalse();
        assertThat(codes(evaluation)).containsExactly("DOCUMENTATION_INCOMPLETE", "LATE_ENTRY");
    }

    private static Instant detroit(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(DETROIT).toInstant();
    }
}
