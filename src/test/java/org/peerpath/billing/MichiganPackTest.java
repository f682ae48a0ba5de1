package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.billing.CaseFixture.MI_AUTHORIZATION;
import static org.peerpath.billing.CaseFixture.codes;
import static org.peerpath.billing.CaseFixture.enums;
import static org.peerpath.billing.CaseFixture.finding;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerpath.billing.BillingCase.Authorization;
import org.peerpath.billing.BillingCase.AuthorizationKind;
import org.peerpath.billing.BillingCase.CoachRole;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.EligibilityCriterion;
import org.peerpath.billing.BillingCase.FundingSource;
import org.peerpath.billing.BillingCase.GroupFormat;
import org.peerpath.billing.BillingCase.SupportType;

class MichiganPackTest {

    private static final LocalDate WIDE_FROM = LocalDate.of(2023, 1, 1);
    private static final LocalDate WIDE_TO = LocalDate.of(2025, 12, 31);

    @Test
    void individualFaceToFaceContactIsT1012WithoutModifiersChargedToTheAuthorization() {
        BillingEvaluation evaluation = CaseFixture.michigan().evaluate();

        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.procedureCode()).isEqualTo("T1012");
        assertThat(evaluation.modifiers()).isEmpty();
        assertThat(evaluation.units()).isEqualTo(2);
        assertThat(evaluation.fundingSource()).isEqualTo(FundingSource.MEDICAID);
        assertThat(evaluation.authorizationId()).isEqualTo(MI_AUTHORIZATION);
    }

    // Codes, modifiers and funding (Michigan XII)

    @ParameterizedTest(name = "{0}, client present {1}, {2} by {3}: {4} {5} to {6}")
    @CsvSource({
            "FACE_TO_FACE,            true,  ,                  RECOVERY_COACH,     T1012, '',    MEDICAID",
            "FACE_TO_FACE,            true,  PEER_LED,          RECOVERY_COACH,     T1012, HQ,    MEDICAID",
            "FACE_TO_FACE,            true,  PEER_LED,          RECOVERY_ASSOCIATE, T1012, HQ,    MEDICAID",
            "FACE_TO_FACE,            true,  THERAPIST_PRESENT, RECOVERY_COACH,     T1012, TT,    MEDICAID",
            "FACE_TO_FACE,            true,  MAT_BY_COACH,      RECOVERY_COACH,     T1012, TG HG, MEDICAID",
            "FACE_TO_FACE,            true,  MAT_BY_ASSOCIATE,  RECOVERY_ASSOCIATE, T1012, HG,    MEDICAID",
            "COLLATERAL_PROFESSIONAL, true,  ,                  RECOVERY_COACH,     T1012, '',    MEDICAID",
            "COLLATERAL_FAMILY,       true,  ,                  RECOVERY_COACH,     T1012, '',    MEDICAID",
            "PHONE,                   false, ,                  RECOVERY_COACH,     H0038, '',    BLOCK_GRANT",
            "PHONE,                   false, ,                  RECOVERY_ASSOCIATE, H0038, '',    BLOCK_GRANT",
            "COLLATERAL_PROFESSIONAL, false, ,                  RECOVERY_COACH,     H0038, '',    BLOCK_GRANT",
            "COLLATERAL_FAMILY,       false, ,                  RECOVERY_COACH,     H0038, '',    BLOCK_GRANT"})
    void codeModifiersAndFundingFollowWhetherTheClientWasPresentAndTheGroupFormat(ContactType type,
            boolean clientPresent, GroupFormat groupFormat, CoachRole role, String code, String modifiers,
            FundingSource funding) {
        CaseFixture fixture = CaseFixture.michigan()
                .type(type, clientPresent)
                .personConsentActive(type == ContactType.COLLATERAL_FAMILY ? true : null)
                .role(role)
                .fundingSources(FundingSource.MEDICAID, FundingSource.BLOCK_GRANT);
        if (groupFormat != null) {
            fixture.group(groupFormat);
        }

        BillingEvaluation evaluation = fixture.evaluate();

        assertThat(evaluation.findings()).isEmpty();
        assertThat(evaluation.procedureCode()).isEqualTo(code);
        assertThat(evaluation.modifiers()).isEqualTo(modifiers.isBlank() ? List.of() : List.of(modifiers.split(" ")));
        assertThat(evaluation.fundingSource()).isEqualTo(funding);
    }

    @ParameterizedTest(name = "funding {0}, client present {1}: {2}")
    @CsvSource({
            "MEDICAID BLOCK_GRANT,           true,  MEDICAID",
            "BLOCK_GRANT MEDICAID,           true,  BLOCK_GRANT",
            "HEALTHY_MICHIGAN MEDICAID,      true,  HEALTHY_MICHIGAN",
            "OTHER HEALTHY_MICHIGAN,         true,  HEALTHY_MICHIGAN",
            "OTHER PA2 BLOCK_GRANT,          true,  PA2",
            "MEDICAID BLOCK_GRANT,           false, BLOCK_GRANT",
            "MEDICAID HEALTHY_MICHIGAN PA2,  false, PA2",
            "PA2 BLOCK_GRANT,                false, PA2",
            "OTHER MEDICAID BLOCK_GRANT PA2, false, BLOCK_GRANT"})
    void fundingIsTheEnrolleesFirstSourceAmongThoseThatMayPay(String sources, boolean clientPresent,
            FundingSource expected) {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .type(clientPresent ? ContactType.FACE_TO_FACE : ContactType.PHONE, clientPresent)
                .fundingSources(enums(FundingSource.class, sources))
                .evaluate();

        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.fundingSource()).isEqualTo(expected);
    }

    // MI.NON_FACE_TO_FACE_NOT_COVERED and MI.NO_FUNDING_SOURCE

    @ParameterizedTest(name = "funding [{0}]")
    @CsvSource({"MEDICAID", "HEALTHY_MICHIGAN", "MEDICAID HEALTHY_MICHIGAN OTHER", "''"})
    void contactWithoutTheClientIsNotCoveredWithoutBlockGrantOrPa2(String sources) {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .phone()
                .fundingSources(enums(FundingSource.class, sources))
                .evaluate();

        assertThat(codes(evaluation)).containsExactly("MI.NON_FACE_TO_FACE_NOT_COVERED");
        assertThat(evaluation.procedureCode()).isEqualTo("H0038");
        assertThat(evaluation.fundingSource()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FundingSource.class, names = {"BLOCK_GRANT", "PA2"})
    void contactWithoutTheClientIsCoveredByBlockGrantOrPa2(FundingSource source) {
        BillingEvaluation evaluation = CaseFixture.michigan().phone().fundingSources(source).evaluate();

        assertThat(evaluation.hasFinding("MI.NON_FACE_TO_FACE_NOT_COVERED")).isFalse();
        assertThat(evaluation.billable()).isTrue();
    }

    @ParameterizedTest(name = "funding [{0}]")
    @CsvSource({"OTHER", "''"})
    void clientPresentContactWithNoMichiganFundingSourceIsNotBillable(String sources) {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .fundingSources(enums(FundingSource.class, sources))
                .evaluate();

        assertThat(codes(evaluation)).containsExactly("MI.NO_FUNDING_SOURCE");
        assertThat(evaluation.fundingSource()).isNull();
    }

    // MI.MIN_DURATION

    @Test
    void phoneContactUnder15MinutesIsNotBillableInMichigan() {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .phone().fundingSources(FundingSource.BLOCK_GRANT).lasting(14)
                .evaluate();

        assertThat(evaluation.billable()).isFalse();
        assertThat(codes(evaluation)).containsExactly("UNITS_ZERO", "MI.MIN_DURATION");
        assertThat(finding(evaluation, "MI.MIN_DURATION").message()).isEqualTo(
                "Phone and collateral contacts without the client present must last at least 15 minutes;"
                        + " this one lasted 14.");
    }

    @ParameterizedTest(name = "{0}, client present {1}, {2} minutes: too short = {3}")
    @CsvSource({
            "PHONE,                   false, 14, true",
            "PHONE,                   false, 15, false",
            "PHONE,                   false, 1,  true",
            "COLLATERAL_FAMILY,       false, 14, true",
            "COLLATERAL_FAMILY,       false, 15, false",
            "COLLATERAL_PROFESSIONAL, false, 14, true",
            "COLLATERAL_PROFESSIONAL, false, 15, false",
            "COLLATERAL_PROFESSIONAL, true,  14, false",
            "COLLATERAL_FAMILY,       true,  14, false",
            "FACE_TO_FACE,            true,  14, false"})
    void contactsWithoutTheClientNeedAtLeast15Minutes(ContactType type, boolean clientPresent, int minutes,
            boolean tooShort) {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .type(type, clientPresent)
                .personConsentActive(true)
                .fundingSources(FundingSource.BLOCK_GRANT)
                .lasting(minutes)
                .evaluate();

        assertThat(evaluation.hasFinding("MI.MIN_DURATION")).isEqualTo(tooShort);
    }

    @ParameterizedTest(name = "{0} minutes")
    @CsvSource({"8", "14"})
    void minimumDurationStillBlocksWhenTheOrganizationRoundsAtMidpoint(int minutes) {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .unitRounding(UnitRounding.MIDPOINT)
                .phone().fundingSources(FundingSource.PA2).lasting(minutes)
                .evaluate();

        assertThat(evaluation.units()).isEqualTo(1);
        assertThat(codes(evaluation)).containsExactly("MI.MIN_DURATION");
    }

    @Test
    void faceToFace29MinutesIsOneWholeQuarterInMichigan() {
        BillingEvaluation evaluation = CaseFixture.michigan().lasting(29).evaluate();

        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.units()).isEqualTo(1);
    }

    // MI.GROUP_FORMAT_REQUIRED and MI.GROUP_PROVIDER_MISMATCH

    @Test
    void groupWithoutItsFormatCannotBeCoded() {
        BillingEvaluation evaluation = CaseFixture.michigan().group(null).evaluate();

        assertThat(codes(evaluation)).containsExactly("MI.GROUP_FORMAT_REQUIRED");
        assertThat(evaluation.modifiers()).isEmpty();
    }

    @ParameterizedTest(name = "{0} led by {1}: mismatch = {2}")
    @CsvSource({
            "MAT_BY_COACH,      RECOVERY_COACH,     false",
            "MAT_BY_COACH,      RECOVERY_ASSOCIATE, true",
            "MAT_BY_COACH,      SUPERVISOR,         true",
            "MAT_BY_ASSOCIATE,  RECOVERY_ASSOCIATE, false",
            "MAT_BY_ASSOCIATE,  RECOVERY_COACH,     true",
            "MAT_BY_ASSOCIATE,  ADMIN,              true",
            "PEER_LED,          RECOVERY_ASSOCIATE, false",
            "PEER_LED,          RECOVERY_COACH,     false",
            "THERAPIST_PRESENT, RECOVERY_ASSOCIATE, false"})
    void medicationAssistedTreatmentGroupsMustBeLedByTheRoleTheirModifierNames(GroupFormat format,
            CoachRole role, boolean mismatch) {
        BillingEvaluation evaluation = CaseFixture.michigan().group(format).role(role).evaluate();

        assertThat(evaluation.hasFinding("MI.GROUP_PROVIDER_MISMATCH")).isEqualTo(mismatch);
        assertThat(evaluation.billable()).isEqualTo(!mismatch);
    }

    @Test
    void groupProviderMismatchMessageNamesTheRoleNeeded() {
        assertThat(finding(CaseFixture.michigan().group(GroupFormat.MAT_BY_COACH)
                .role(CoachRole.RECOVERY_ASSOCIATE).evaluate(), "MI.GROUP_PROVIDER_MISMATCH").message())
                .contains("TG HG", "recovery coach");
        assertThat(finding(CaseFixture.michigan().group(GroupFormat.MAT_BY_ASSOCIATE)
                .role(CoachRole.RECOVERY_COACH).evaluate(), "MI.GROUP_PROVIDER_MISMATCH").message())
                .contains("T1012 HG", "recovery associate");
    }

    // MI.SUPPORT_TYPE_REQUIRED

    @Test
    void contactWithNoTypeOfSupportIsNotBillable() {
        BillingEvaluation evaluation = CaseFixture.michigan().supportTypes().evaluate();

        assertThat(codes(evaluation)).containsExactly("MI.SUPPORT_TYPE_REQUIRED");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SupportType.class)
    void anyOneTypeOfSupportIsEnough(SupportType supportType) {
        assertThat(CaseFixture.michigan().supportTypes(supportType).evaluate().billable()).isTrue();
    }

    // MI.ELIGIBILITY_NOT_DOCUMENTED

    @ParameterizedTest(name = "criteria [{0}], agreed {1}: documented = {2}")
    @CsvSource({
            "NEEDS_NOT_MET_ELSEWHERE FUNCTIONAL_NEED,             true,  true",
            "NEEDS_NOT_MET_ELSEWHERE HISTORY_OF_RECOVERY_FAILURE, true,  true",
            "NEEDS_NOT_MET_ELSEWHERE LONG_TERM_DRUG_OF_CHOICE,    true,  true",
            "NEEDS_NOT_MET_ELSEWHERE CHRONIC_OR_SEVERE,           true,  true",
            "NEEDS_NOT_MET_ELSEWHERE FUNCTIONAL_NEED CHRONIC_OR_SEVERE, true, true",
            "NEEDS_NOT_MET_ELSEWHERE,                             true,  false",
            "FUNCTIONAL_NEED CHRONIC_OR_SEVERE,                   true,  false",
            "NEEDS_NOT_MET_ELSEWHERE FUNCTIONAL_NEED,             false, false",
            "'',                                                  true,  false",
            "'',                                                  false, false"})
    void eligibilityNeedsCriterionOneAnotherCriterionAndTheClientsAgreement(String criteria, boolean agreed,
            boolean documented) {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .eligibilityCriteria(enums(EligibilityCriterion.class, criteria))
                .agreedToParticipate(agreed)
                .evaluate();

        assertThat(evaluation.hasFinding("MI.ELIGIBILITY_NOT_DOCUMENTED")).isEqualTo(!documented);
        assertThat(evaluation.billable()).isEqualTo(documented);
    }

    @Test
    void eligibilityMessageListsWhatIsMissing() {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .eligibilityCriteria(List.of())
                .agreedToParticipate(false)
                .evaluate();

        assertThat(finding(evaluation, "MI.ELIGIBILITY_NOT_DOCUMENTED").message()).isEqualTo(
                "The enrollee's eligibility is not documented: record criterion 1 (needs not met by another"
                        + " program), at least one of criteria 2 to 5 and the client's agreement to participate.");
    }

    // MI.STAND_ALONE_PERIOD_ENDED

    @ParameterizedTest(name = "stand-alone {0}, acute treatment ended {1}, service {2}: ended = {3}")
    @CsvSource({
            "true,  2024-01-31, 2024-07-30, false",
            "true,  2024-01-31, 2024-07-31, false",
            "true,  2024-01-31, 2024-08-01, true",
            "true,  2023-08-31, 2024-02-29, false",
            "true,  2023-08-31, 2024-03-01, true",
            "true,  2024-02-29, 2024-08-29, false",
            "true,  2024-02-29, 2024-08-30, true",
            "false, 2023-01-31, 2024-08-01, false",
            "true,            , 2024-08-01, false"})
    void standAloneServicesEndSixMonthsAfterAcuteTreatmentEnded(boolean standAlone, LocalDate acuteEnded,
            LocalDate dateOfService, boolean ended) {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .standAlone(standAlone, acuteEnded)
                .authorizations(new Authorization("AUTH-WIDE", AuthorizationKind.GENERAL, WIDE_FROM, WIDE_TO, 100, 0))
                .on(dateOfService)
                .evaluate();

        assertThat(evaluation.hasFinding("MI.STAND_ALONE_PERIOD_ENDED")).isEqualTo(ended);
        assertThat(evaluation.billable()).isEqualTo(!ended);
    }

    @Test
    void standAloneMessageGivesTheLastDay() {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .standAloneAfterAcuteTreatmentEnded(LocalDate.of(2023, 8, 31))
                .evaluate();

        assertThat(finding(evaluation, "MI.STAND_ALONE_PERIOD_ENDED").message()).isEqualTo(
                "Stand-alone services may continue only until 2024-02-29, six months after acute treatment ended"
                        + " on 2023-08-31.");
    }

    // MI.AUTHORIZATION_REQUIRED

    @ParameterizedTest(name = "authorized {0} to {1}: covers 2024-03-05 = {2}")
    @CsvSource({
            "2024-03-04, 2024-06-30, true",
            "2024-03-05, 2024-06-30, true",
            "2024-03-06, 2024-06-30, false",
            "2024-01-01, 2024-03-06, true",
            "2024-01-01, 2024-03-05, true",
            "2024-01-01, 2024-03-04, false",
            "2024-03-05, 2024-03-05, true"})
    void authorizationMustCoverTheDateOfServiceInclusively(LocalDate validFrom, LocalDate validTo,
            boolean covered) {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .authorizations(new Authorization("AUTH-7", AuthorizationKind.PRIOR_AUTHORIZATION, validFrom,
                        validTo, 10, 0))
                .evaluate();

        assertThat(codes(evaluation)).isEqualTo(covered ? List.of() : List.of("MI.AUTHORIZATION_REQUIRED"));
        assertThat(evaluation.authorizationId()).isEqualTo(covered ? "AUTH-7" : null);
    }

    @Test
    void enrolleeWithoutAnyAuthorizationCannotBeBilled() {
        BillingEvaluation evaluation = CaseFixture.michigan().authorizations().evaluate();

        assertThat(codes(evaluation)).containsExactly("MI.AUTHORIZATION_REQUIRED");
        assertThat(finding(evaluation, "MI.AUTHORIZATION_REQUIRED").message()).contains("2024-03-05");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AuthorizationKind.class)
    void anyKindOfAuthorizationCoveringTheDateCounts(AuthorizationKind kind) {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .authorizations(new Authorization("AUTH-K", kind, WIDE_FROM, WIDE_TO, 10, 0))
                .evaluate();

        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.authorizationId()).isEqualTo("AUTH-K");
    }

    // MI.AUTHORIZATION_EXCEEDED

    @ParameterizedTest(name = "{0} authorized, {1} used, {2} minutes: exceeded = {3}")
    @CsvSource({
            "10, 8,  30, false",
            "10, 9,  30, true",
            "10, 9,  15, false",
            "10, 10, 15, true",
            "10, 12, 15, true",
            "2,  0,  30, false",
            "2,  0,  45, true",
            "0,  0,  14, false"})
    void contactMustFitWhollyInTheAuthorizationsRemainingUnits(int authorized, int used, int minutes,
            boolean exceeded) {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .authorizations(new Authorization("AUTH-8", AuthorizationKind.PRIOR_AUTHORIZATION, WIDE_FROM,
                        WIDE_TO, authorized, used))
                .lasting(minutes)
                .evaluate();

        assertThat(evaluation.hasFinding("MI.AUTHORIZATION_EXCEEDED")).isEqualTo(exceeded);
        assertThat(evaluation.authorizationId()).isEqualTo(exceeded ? null : "AUTH-8");
    }

    @Test
    void exceededMessageSaysHowManyUnitsRemain() {
        BillingEvaluation evaluation = CaseFixture.michigan()
                .authorizations(new Authorization("AUTH-9", AuthorizationKind.PRIOR_AUTHORIZATION, WIDE_FROM,
                        WIDE_TO, 40, 39))
                .evaluate();

        assertThat(codes(evaluation)).containsExactly("MI.AUTHORIZATION_EXCEEDED");
        assertThat(finding(evaluation, "MI.AUTHORIZATION_EXCEEDED").message()).isEqualTo(
                "This contact needs 2 units but authorization AUTH-9 has only 1 unit left. Request more units"
                        + " before billing it.");
    }

    @Test
    void unitsAreChargedToTheCoveringAuthorizationEndingFirstThatHasEnoughLeft() {
        Authorization endsLater = new Authorization("LATER", AuthorizationKind.GENERAL, WIDE_FROM, WIDE_TO, 50, 0);
        Authorization endsSooner = new Authorization("SOONER", AuthorizationKind.GENERAL, WIDE_FROM,
                LocalDate.of(2024, 4, 30), 5, 0);
        Authorization expired = new Authorization("EXPIRED", AuthorizationKind.GENERAL, WIDE_FROM,
                LocalDate.of(2024, 3, 4), 50, 0);

        assertThat(CaseFixture.michigan().authorizations(endsLater, endsSooner, expired).evaluate()
                .authorizationId()).isEqualTo("SOONER");
    }

    @Test
    void authorizationWithTooFewUnitsIsPassedOverForOneWithEnough() {
        Authorization nearlyUsedUp = new Authorization("NEARLY", AuthorizationKind.GENERAL, WIDE_FROM,
                LocalDate.of(2024, 4, 30), 5, 4);
        Authorization roomy = new Authorization("ROOMY", AuthorizationKind.GENERAL, WIDE_FROM, WIDE_TO, 50, 0);

        BillingEvaluation evaluation = CaseFixture.michigan().authorizations(nearlyUsedUp, roomy).evaluate();

        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.authorizationId()).isEqualTo("ROOMY");
    }

    @Test
    void whenNoCoveringAuthorizationHasEnoughTheMessageNamesTheFullestOne() {
        Authorization one = new Authorization("ONE", AuthorizationKind.GENERAL, WIDE_FROM, WIDE_TO, 5, 4);
        Authorization three = new Authorization("THREE", AuthorizationKind.GENERAL, WIDE_FROM, WIDE_TO, 5, 2);

        BillingEvaluation evaluation = CaseFixture.michigan().authorizations(one, three).lasting(60).evaluate();

        assertThat(finding(evaluation, "MI.AUTHORIZATION_EXCEEDED").message())
                .startsWith("This contact needs 4 units but authorization THREE has only 3 units left.");
    }
}
