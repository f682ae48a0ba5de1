package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.billing.StandAloneCompliance.MET;
import static org.peerpath.billing.StandAloneCompliance.MISSED;
import static org.peerpath.billing.StandAloneCompliance.NOT_APPLICABLE;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerpath.billing.BillingCase.Enrollee;

class StandAloneComplianceTest {

    @ParameterizedTest(name = "signed {0}, client present in person {1}: counts {2}")
    @CsvSource({"true, true, true", "true, false, false", "false, true, false", "false, false, false"})
    void everySignedServiceWithTheClientPresentCountsAsTheMonthlyFaceToFace(boolean signed, boolean present,
            boolean counts) {
        assertThat(StandAloneCompliance.countsAsFaceToFace(signed, present)).isEqualTo(counts);
    }

    private static final LocalDate ACUTE_ENDED = LocalDate.of(2024, 1, 15);

    @ParameterizedTest(name = "acute treatment ended 2024-01-15, {0}, face to face [{1}]: {2}")
    @CsvSource({
            "2023-12, '',                    NOT_APPLICABLE",
            "2024-01, '',                    MISSED",
            "2024-01, 2024-01-05,            MET",
            "2024-01, 2024-01-31,            MET",
            "2024-02, 2024-02-29,            MET",
            "2024-02, 2024-01-31 2024-03-01, MISSED",
            "2024-04, 2024-04-01,            MET",
            "2024-07, '',                    MISSED",
            "2024-07, 2024-07-20,            MET",
            "2024-08, '',                    NOT_APPLICABLE"})
    void eachCalendarMonthOfTheStandAlonePeriodNeedsOneFaceToFaceContact(YearMonth month, String dates,
            StandAloneCompliance expected) {
        Enrollee enrollee = enrollee(true, ACUTE_ENDED, LocalDate.of(2023, 10, 1), null);

        assertThat(StandAloneCompliance.forMonth(enrollee, month, dates(dates))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "acute treatment ended {0}: {1} is {2}")
    @CsvSource({
            "2024-01-31, 2024-01, NOT_APPLICABLE",
            "2024-01-31, 2024-02, MISSED",
            "2024-01-31, 2024-07, MISSED",
            "2024-01-31, 2024-08, NOT_APPLICABLE",
            "2024-01-30, 2024-01, MISSED"})
    void periodStartsTheDayAfterAcuteTreatmentEndsAndLastsSixMonths(LocalDate acuteEnded, YearMonth month,
            StandAloneCompliance expected) {
        Enrollee enrollee = enrollee(true, acuteEnded, LocalDate.of(2023, 10, 1), null);

        assertThat(StandAloneCompliance.forMonth(enrollee, month, List.of())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "2024-02, NOT_APPLICABLE",
            "2024-04, NOT_APPLICABLE",
            "2024-05, MISSED",
            "2024-06, MISSED"})
    void requirementAppliesOnlyWhileEnrolled(YearMonth month, StandAloneCompliance expected) {
        Enrollee enrolledLateDischargedEarly =
                enrollee(true, ACUTE_ENDED, LocalDate.of(2024, 5, 20), LocalDate.of(2024, 6, 3));

        assertThat(StandAloneCompliance.forMonth(enrolledLateDischargedEarly, month, List.of()))
                .isEqualTo(expected);
    }

    @Test
    void enrolleeNotInStandAloneServicesHasNoRequirement() {
        Enrollee supplementing = enrollee(false, ACUTE_ENDED, LocalDate.of(2023, 10, 1), null);

        assertThat(StandAloneCompliance.forMonth(supplementing, YearMonth.of(2024, 3), List.of()))
                .isEqualTo(NOT_APPLICABLE);
        assertThat(NOT_APPLICABLE.applies()).isFalse();
    }

    @Test
    void standAloneEnrolleeWithoutAnAcuteTreatmentEndDateHasNoRequirementToCheck() {
        Enrollee unknownEnd = enrollee(true, null, LocalDate.of(2023, 10, 1), null);

        assertThat(StandAloneCompliance.forMonth(unknownEnd, YearMonth.of(2024, 3), List.of()))
                .isEqualTo(NOT_APPLICABLE);
    }

    @Test
    void enrolleeNeverEnrolledHasNoRequirement() {
        Enrollee neverEnrolled = enrollee(true, ACUTE_ENDED, null, null);

        assertThat(StandAloneCompliance.forMonth(neverEnrolled, YearMonth.of(2024, 3), List.of()))
                .isEqualTo(NOT_APPLICABLE);
    }

    @Test
    void metAndMissedBothMeanTheRequirementApplied() {
        assertThat(MET.applies()).isTrue();
        assertThat(MISSED.applies()).isTrue();
    }

    /**
     * The dashboard narrows its count to clients whose acute treatment ended from {@link
     * StandAloneCompliance#earliestAcuteTreatmentEndConcerning} through the month's last day: every end date over
     * two years (month ends, leap days) against every month, with enrollments starting and discharges falling on
     * either side of the period, none the rule applies to is left outside that range.
     */
    @Test
    void everyAcuteEndTheRequirementCanApplyForLiesInTheRangeTheDashboardCounts() {
        int applying = 0;
        for (YearMonth month = YearMonth.of(2023, 7); !month.isAfter(YearMonth.of(2025, 6)); month = month.plusMonths(1)) {
            LocalDate from = StandAloneCompliance.earliestAcuteTreatmentEndConcerning(month);
            for (LocalDate ended = LocalDate.of(2022, 12, 1); ended.isBefore(LocalDate.of(2025, 7, 1));
                    ended = ended.plusDays(1)) {
                for (LocalDate enrolledOn : List.of(LocalDate.of(2022, 1, 1), ended.plusMonths(6), ended.plusMonths(6)
                        .plusDays(1), month.atDay(1))) {
                    for (LocalDate dischargedOn : java.util.Arrays.asList(null, ended, ended.plusDays(1),
                            month.atDay(1).minusDays(1), month.atEndOfMonth())) {
                        if (dischargedOn != null && dischargedOn.isBefore(enrolledOn)) {
                            continue;
                        }
                        boolean applies = StandAloneCompliance.forMonth(enrollee(true, ended, enrolledOn,
                                dischargedOn), month, List.of()).applies();
                        assertThat(StandAloneCompliance.appliesIn(month, enrolledOn, dischargedOn, ended))
                                .as("%s: ended %s, enrolled %s to %s", month, ended, enrolledOn, dischargedOn)
                                .isEqualTo(applies);
                        if (applies) {
                            applying++;
                            assertThat(ended).as("%s: ended %s, enrolled %s to %s", month, ended, enrolledOn,
                                    dischargedOn).isBetween(from, month.atEndOfMonth());
                        }
                    }
                }
            }
        }
        assertThat(applying).as("situations the rule applied to").isGreaterThan(10_000);
    }

    private static Enrollee enrollee(boolean standAlone, LocalDate acuteEnded, LocalDate enrolledOn,
            LocalDate dischargedOn) {
        return new Enrollee(LocalDate.of(1990, 6, 15), enrolledOn, dischargedOn, List.of(), standAlone, acuteEnded,
                null, true, null);
    }

    private static List<LocalDate> dates(String spaceSeparated) {
        return spaceSeparated.isBlank()
                ? List.of()
                : Arrays.stream(spaceSeparated.trim().split("\\s+")).map(LocalDate::parse).toList();
    }
}
