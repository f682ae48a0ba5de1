package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.billing.CaseFixture.codes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerpath.billing.BillingCase.Authorization;
import org.peerpath.billing.BillingCase.AuthorizationKind;
import org.peerpath.billing.BillingCase.Certification;

class DateOfServiceTest {

    @ParameterizedTest(name = "{0} contact starting {1} is on {2}")
    @CsvSource({
            "MI, 2024-03-06T03:30:00Z, 2024-03-05",
            "MI, 2024-03-06T04:59:00Z, 2024-03-05",
            "MI, 2024-03-06T05:15:00Z, 2024-03-06",
            "MI, 2024-07-01T03:30:00Z, 2024-06-30",
            "MI, 2024-07-01T04:15:00Z, 2024-07-01",
            "IN, 2024-03-06T04:30:00Z, 2024-03-05",
            "TN, 2024-03-06T05:30:00Z, 2024-03-05",
            "TN, 2024-03-06T06:00:00Z, 2024-03-06"})
    void dateOfServiceIsTheStartsDateInTheOrganizationsZone(String pack, Instant start, LocalDate dateOfService) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack).startingAt(start).evaluate();

        assertThat(evaluation.dateOfService()).isEqualTo(dateOfService);
    }

    @Test
    void contactAt2330InDetroitIsOnTheLocalDateThoughUtcIsAlreadyTheNextDay() {
        BillingCase billingCase = CaseFixture.michigan().startingAt(LocalDate.of(2024, 3, 5).atTime(23, 30)).build();

        assertThat(billingCase.contact().start()).isEqualTo(Instant.parse("2024-03-06T04:30:00Z"));
        assertThat(BillingEngine.evaluate(billingCase).dateOfService()).isEqualTo(LocalDate.of(2024, 3, 5));
    }

    @Test
    void sameInstantFallsOnDifferentDatesInDifferentOrganizationZones() {
        Instant start = Instant.parse("2024-03-06T04:30:00Z");

        assertThat(CaseFixture.michigan().startingAt(start).evaluate().dateOfService())
                .isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(CaseFixture.michigan().zone(ZoneId.of("Europe/Berlin")).startingAt(start).evaluate()
                .dateOfService()).isEqualTo(LocalDate.of(2024, 3, 6));
    }

    @Test
    void authorizationEndingOnTheLocalDateCoversAContactAt2330LocalTime() {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .startingAt(LocalDate.of(2024, 6, 30).atTime(23, 30))
                .evaluate();

        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.authorizationId()).isEqualTo(CaseFixture.MI_AUTHORIZATION);
    }

    @Test
    void authorizationEndingTheDayBeforeDoesNotCoverAContactAfterLocalMidnight() {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .startingAt(LocalDate.of(2024, 7, 1).atTime(0, 15))
                .evaluate();

        assertThat(codes(evaluation)).containsExactly("MI.AUTHORIZATION_REQUIRED");
    }

    @Test
    void certificationEndingOnTheLocalDateCoversAContactAt2330LocalTime() {
        BillingEvaluation evaluation = CaseFixture.tennessee()
                .certifications(CaseFixture.qualifying("TN", LocalDate.of(2023, 1, 1), LocalDate.of(2024, 3, 5)))
                .startingAt(LocalDate.of(2024, 3, 5).atTime(23, 30))
                .evaluate();

        assertThat(evaluation.billable()).isTrue();
    }

    @Test
    void enrolleeTurning16AtLocalMidnightIsStillUnder16At2330TheEveningBefore() {
        BillingEvaluation evaluation = CaseFixture.indiana()
                .bornOn(LocalDate.of(2008, 3, 6))
                .startingAt(LocalDate.of(2024, 3, 5).atTime(23, 30))
                .evaluate();

        assertThat(codes(evaluation)).containsExactly("IN.UNDER_MINIMUM_AGE");
    }

    @Test
    void planOfCareStartingOnTheLocalDateCoversAContactJustAfterLocalMidnight() {
        BillingEvaluation evaluation = CaseFixture.tennessee()
                .authorizations(new Authorization("POC-2", AuthorizationKind.PLAN_OF_CARE,
                        LocalDate.of(2024, 3, 6), LocalDate.of(2024, 12, 31), 10, 0))
                .startingAt(LocalDate.of(2024, 3, 6).atTime(0, 5))
                .evaluate();

        assertThat(evaluation.billable()).isTrue();
    }
}
