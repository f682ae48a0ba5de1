package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.billing.CaseFixture.SERVICE_DAY;
import static org.peerpath.billing.CaseFixture.codes;
import static org.peerpath.billing.CaseFixture.finding;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerpath.billing.BillingCase.Certification;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.FundingSource;
import org.peerpath.billing.BillingCase.SupportType;
import org.peerpath.billing.Finding.Severity;

/** The rules every pack applies. */
class CommonRulesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MI", "IN", "TN"})
    void baselineContactIsBillableWithNoFindings(String pack) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack).evaluate();

        assertThat(evaluation.findings()).isEmpty();
        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.needsSupervisorReview()).isFalse();
        assertThat(evaluation.dateOfService()).isEqualTo(SERVICE_DAY);
        assertThat(evaluation.minutes()).isEqualTo(30);
        assertThat(evaluation.units()).isEqualTo(2);
    }

    // SIGNATURE_REQUIRED

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MI", "IN", "TN"})
    void unsignedContactIsADraftAndNeverBillable(String pack) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack).unsigned().evaluate();

        assertThat(evaluation.billable()).isFalse();
        assertThat(codes(evaluation)).containsExactly("SIGNATURE_REQUIRED");
        assertThat(finding(evaluation, "SIGNATURE_REQUIRED").severity()).isEqualTo(Severity.BLOCKING);
        assertThat(finding(evaluation, "SIGNATURE_REQUIRED").source())
                .isEqualTo("Michigan guidance XI.B.4 (seeds/003)");
    }

    @Test
    void draftPreviewStillShowsWhatSigningWouldBill() {
        BillingEvaluation evaluation = CaseFixture.michigan().unsigned().evaluate();

        assertThat(evaluation.procedureCode()).isEqualTo("T1012");
        assertThat(evaluation.units()).isEqualTo(2);
        assertThat(evaluation.fundingSource()).isEqualTo(FundingSource.MEDICAID);
        assertThat(evaluation.authorizationId()).isEqualTo(CaseFixture.MI_AUTHORIZATION);
    }

    @Test
    void draftPreviewReportsEveryProblemAtOnce() {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .unsigned()
                .phone()
                .lasting(10)
                .narrative(null)
                .supportTypes()
                .authorizations()
                .evaluate();

        assertThat(codes(evaluation)).containsExactly(
                "SIGNATURE_REQUIRED",
                "DOCUMENTATION_INCOMPLETE",
                "UNITS_ZERO",
                "MI.AUTHORIZATION_REQUIRED",
                "MI.MIN_DURATION",
                "MI.NON_FACE_TO_FACE_NOT_COVERED",
                "MI.SUPPORT_TYPE_REQUIRED");
    }

    // DOCUMENTATION_INCOMPLETE

    static Stream<Arguments> incompleteDocumentation() {
        return Stream.of(
                Arguments.of("no start", CaseFixture.michigan().withoutStart(), "the date and start time"),
                Arguments.of("no end", CaseFixture.michigan().withoutEnd(), "the end time"),
                Arguments.of("end before start", CaseFixture.michigan().lasting(-5),
                        "an end time after the start time"),
                Arguments.of("no narrative", CaseFixture.indiana().narrative(null), "the narrative"),
                Arguments.of("blank narrative", CaseFixture.indiana().narrative("   "), "the narrative"),
                Arguments.of("no place of service", CaseFixture.tennessee().placeOfService(null),
                        "the place of service"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompleteDocumentation")
    void contactMissingARequiredElementCannotBeBilled(String description, CaseFixture fixture, String missing) {
        BillingEvaluation evaluation = fixture.evaluate();

        assertThat(evaluation.billable()).isFalse();
        assertThat(codes(evaluation)).containsExactly("DOCUMENTATION_INCOMPLETE");
        assertThat(finding(evaluation, "DOCUMENTATION_INCOMPLETE").message()).contains(missing);
    }

    @Test
    void documentationMessageListsEveryMissingElement() {
        BillingEvaluation evaluation = CaseFixture.tennessee()
                .withoutStart().withoutEnd().narrative("").placeOfService(null)
                .evaluate();

        assertThat(finding(evaluation, "DOCUMENTATION_INCOMPLETE").message()).isEqualTo(
                "Add the date and start time, the end time, the narrative (nature and extent of the service)"
                        + " and the place of service before signing.");
    }

    @Test
    void contactWithoutStartHasNoDateOfServiceSoDateRulesAreNotJudged() {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .withoutStart()
                .authorizations()
                .certifications()
                .evaluate();

        assertThat(evaluation.dateOfService()).isNull();
        assertThat(evaluation.minutes()).isZero();
        assertThat(evaluation.authorizationId()).isNull();
        assertThat(codes(evaluation)).containsExactly("DOCUMENTATION_INCOMPLETE");
    }

    @Test
    void contactWithoutEndHasADateOfServiceButNoUnitsYet() {
        BillingEvaluation evaluation = CaseFixture.indiana().withoutEnd().evaluate();

        assertThat(evaluation.dateOfService()).isEqualTo(SERVICE_DAY);
        assertThat(evaluation.units()).isZero();
        assertThat(codes(evaluation)).containsExactly("DOCUMENTATION_INCOMPLETE");
    }

    // PROVIDER_NOT_QUALIFIED

    @ParameterizedTest(name = "certified {0} to {1}: qualified on 2024-03-05 = {2}")
    @CsvSource({
            "2024-03-04, 2024-12-31, true",
            "2024-03-05, 2024-12-31, true",
            "2024-03-06, 2024-12-31, false",
            "2023-01-01, 2024-03-06, true",
            "2023-01-01, 2024-03-05, true",
            "2023-01-01, 2024-03-04, false",
            "2024-03-05, 2024-03-05, true",
            "2023-01-01,           , true"})
    void coachNeedsACertificationActiveOnTheDateOfServiceWithInclusiveBounds(LocalDate validFrom,
            LocalDate validTo, boolean qualified) {
        for (String pack : new String[] {"MI", "IN", "TN"}) {
            BillingEvaluation evaluation = CaseFixture.forPack(pack)
                    .certifications(CaseFixture.qualifying(pack, validFrom, validTo))
                    .evaluate();

            assertThat(evaluation.hasFinding("PROVIDER_NOT_QUALIFIED")).as(pack).isEqualTo(!qualified);
            assertThat(evaluation.billable()).as(pack).isEqualTo(qualified);
        }
    }

    @Test
    void coachWithoutAnyCertificationIsNotQualified() {
        BillingEvaluation evaluation = CaseFixture.indiana().certifications().evaluate();

        assertThat(codes(evaluation)).containsExactly("PROVIDER_NOT_QUALIFIED");
        assertThat(finding(evaluation, "PROVIDER_NOT_QUALIFIED").message()).contains("2024-03-05");
    }

    @Test
    void oneActiveCertificationAmongExpiredOnesQualifiesTheCoach() {
        BillingEvaluation evaluation = CaseFixture.tennessee()
                .certifications(
                        CaseFixture.qualifying("TN", LocalDate.of(2020, 1, 1), LocalDate.of(2022, 12, 31)),
                        CaseFixture.qualifying("TN", LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31)))
                .evaluate();

        assertThat(evaluation.billable()).isTrue();
    }

    // ENROLLEE_NOT_ACTIVE

    @ParameterizedTest(name = "enrolled {0}, discharged {1}: active on 2024-03-05 = {2}")
    @CsvSource({
            "2024-03-04,           , true",
            "2024-03-05,           , true",
            "2024-03-06,           , false",
            "2024-01-01, 2024-03-06, true",
            "2024-01-01, 2024-03-05, true",
            "2024-01-01, 2024-03-04, false"})
    void enrolleeMustBeEnrolledAndNotDischargedOnTheDateOfService(LocalDate enrolledOn, LocalDate dischargedOn,
            boolean active) {
        for (String pack : new String[] {"MI", "IN", "TN"}) {
            BillingEvaluation evaluation = CaseFixture.forPack(pack)
                    .enrolledOn(enrolledOn)
                    .dischargedOn(dischargedOn)
                    .evaluate();

            assertThat(evaluation.hasFinding("ENROLLEE_NOT_ACTIVE")).as(pack).isEqualTo(!active);
            assertThat(evaluation.billable()).as(pack).isEqualTo(active);
        }
    }

    @Test
    void messagesSayWhyTheEnrolleeWasNotActive() {
        assertThat(finding(CaseFixture.michigan().enrolledOn(LocalDate.of(2024, 3, 6)).evaluate(),
                "ENROLLEE_NOT_ACTIVE").message())
                .isEqualTo("The enrollee was not enrolled on 2024-03-05: the episode covering that day begins with"
                        + " enrolment on 2024-03-06.");
        assertThat(finding(CaseFixture.michigan().dischargedOn(LocalDate.of(2024, 3, 4)).evaluate(),
                "ENROLLEE_NOT_ACTIVE").message())
                .isEqualTo("The enrollee was not enrolled on 2024-03-05: the episode enrolled on 2024-01-01"
                        + " ended with discharge on 2024-03-04. Services between episodes cannot be billed.");
        assertThat(finding(CaseFixture.michigan().enrolledOn(null).evaluate(), "ENROLLEE_NOT_ACTIVE").message())
                .contains("no enrollment on file");
    }

    // CONSENT_MISSING

    @ParameterizedTest(name = "{0}: consent {1}")
    @CsvSource({
            "MI, true,  false",
            "MI, false, true",
            "MI,      , true",
            "IN, true,  false",
            "IN, false, true",
            "IN,      , true",
            "TN, true,  false",
            "TN, false, true",
            "TN,      , true"})
    void familyContactWithoutActiveConsentIsNotBillableAndGoesToTheSupervisor(String pack, Boolean consent,
            boolean missing) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack)
                .collateralFamily(true)
                .personConsentActive(consent)
                .evaluate();

        assertThat(codes(evaluation)).isEqualTo(missing ? List.of("CONSENT_MISSING") : List.of());
        assertThat(evaluation.billable()).isEqualTo(!missing);
        assertThat(evaluation.needsSupervisorReview()).isEqualTo(missing);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ContactType.class, names = {"FACE_TO_FACE", "COLLATERAL_PROFESSIONAL"})
    void contactsWithoutAFamilyMemberNeedNoConsent(ContactType type) {
        BillingEvaluation evaluation = CaseFixture.tennessee()
                .type(type, true)
                .personConsentActive(null)
                .evaluate();

        assertThat(evaluation.hasFinding("CONSENT_MISSING")).isFalse();
        assertThat(evaluation.needsSupervisorReview()).isFalse();
    }

    // Consent follows the person (42 CFR Part 2 §2.31): whoever other than the enrollee was contacted, whatever
    // the contact type. null: no one else was contacted.
    @ParameterizedTest(name = "{0}, client present {1}, consent {2}: missing {3}")
    @CsvSource({
            "COLLATERAL_PROFESSIONAL, true,  false, true",
            "COLLATERAL_PROFESSIONAL, true,  true,  false",
            "COLLATERAL_PROFESSIONAL, true,       , false",
            "COLLATERAL_FAMILY,       true,  false, true",
            "COLLATERAL_FAMILY,       true,       , true",
            "COLLATERAL_FAMILY,       true,  true,  false",
            "FACE_TO_FACE,            true,  false, true",
            "FACE_TO_FACE,            true,       , false"})
    void consentFollowsThePersonNotTheContactType(ContactType type, boolean present, Boolean consent,
            boolean missing) {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .type(type, present)
                .personConsentActive(consent)
                .evaluate();

        assertThat(evaluation.hasFinding("CONSENT_MISSING")).isEqualTo(missing);
        assertThat(evaluation.needsSupervisorReview()).isEqualTo(missing);
    }

    @Test
    void consentMessageTellsTheCoachTheContactIsKeptAndReviewed() {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .collateralFamily(true)
                .personConsentActive(false)
                .supportTypes(SupportType.INFORMATIONAL)
                .evaluate();

        Finding consent = finding(evaluation, "CONSENT_MISSING");
        assertThat(consent.severity()).isEqualTo(Severity.BLOCKING);
        assertThat(consent.message()).contains("saved", "supervisor");
        assertThat(consent.source()).contains("42 CFR Part 2, §2.31", "Michigan guidance V");
    }
}
