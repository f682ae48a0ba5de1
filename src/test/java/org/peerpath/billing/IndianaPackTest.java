package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.billing.CaseFixture.codes;
import static org.peerpath.billing.CaseFixture.enums;
import static org.peerpath.billing.CaseFixture.finding;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerpath.billing.BillingCase.Activity;
import org.peerpath.billing.BillingCase.Authorization;
import org.peerpath.billing.BillingCase.AuthorizationKind;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.GroupFormat;
import org.peerpath.billing.BillingCase.SupervisorQualification;

class IndianaPackTest {

    private static final LocalDate WIDE_FROM = LocalDate.of(2024, 1, 1);
    private static final LocalDate WIDE_TO = LocalDate.of(2024, 12, 31);

    @Test
    void individualFaceToFaceContactIsH0038WithNoFundingChoiceAndNoAuthorization() {
        BillingEvaluation evaluation = CaseFixture.indiana().evaluate();

        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.procedureCode()).isEqualTo("H0038");
        assertThat(evaluation.modifiers()).isEmpty();
        assertThat(evaluation.units()).isEqualTo(2);
        assertThat(evaluation.fundingSource()).isNull();
        assertThat(evaluation.authorizationId()).isNull();
    }

    @Test
    void eightMinuteFaceToFaceContactIsOneUnitInIndiana() {
        BillingEvaluation evaluation = CaseFixture.indiana().lasting(8).evaluate();

        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.units()).isEqualTo(1);
    }

    // IN.FACE_TO_FACE_REQUIRED

    @ParameterizedTest(name = "{0}, client present {1}: face to face required = {2}")
    @CsvSource({
            "FACE_TO_FACE,            true,  false",
            "PHONE,                   false, true",
            "COLLATERAL_FAMILY,       false, true",
            "COLLATERAL_FAMILY,       true,  false",
            "COLLATERAL_PROFESSIONAL, false, true",
            "COLLATERAL_PROFESSIONAL, true,  false"})
    void onlyServicesWithTheClientPresentInPersonAreBillable(ContactType type, boolean clientPresent,
            boolean required) {
        BillingEvaluation evaluation = CaseFixture.indiana()
                .type(type, clientPresent)
                .personConsentActive(true)
                .evaluate();

        assertThat(codes(evaluation)).isEqualTo(required ? List.of("IN.FACE_TO_FACE_REQUIRED") : List.of());
    }

    // IN.GROUP_NOT_BILLABLE

    @ParameterizedTest(name = "{0}")
    @EnumSource(GroupFormat.class)
    void groupsOfAnyFormatAreNotBillableInIndiana(GroupFormat format) {
        BillingEvaluation evaluation = CaseFixture.indiana().group(format).evaluate();

        assertThat(codes(evaluation)).containsExactly("IN.GROUP_NOT_BILLABLE");
    }

    @Test
    void groupWithoutAFormatIsAlsoNotBillable() {
        assertThat(codes(CaseFixture.indiana().group(null).evaluate())).containsExactly("IN.GROUP_NOT_BILLABLE");
    }

    // IN.UNDER_MINIMUM_AGE

    @ParameterizedTest(name = "born {0}, service {1}: under 16 = {2}")
    @CsvSource({
            "2008-03-06, 2024-03-05, true",
            "2008-03-05, 2024-03-05, false",
            "2008-03-04, 2024-03-05, false",
            "2010-01-01, 2024-03-05, true",
            "1990-06-15, 2024-03-05, false",
            "2008-02-29, 2024-02-28, true",
            "2008-02-29, 2024-02-29, false"})
    void enrolleeUnder16IsNotBillableAndTheSixteenthBirthdayItselfIs(LocalDate bornOn, LocalDate dateOfService,
            boolean under16) {
        BillingEvaluation evaluation = CaseFixture.indiana()
                .bornOn(bornOn)
                .on(dateOfService)
                .evaluate();

        assertThat(evaluation.hasFinding("IN.UNDER_MINIMUM_AGE")).isEqualTo(under16);
        assertThat(evaluation.billable()).isEqualTo(!under16);
    }

    @Test
    void underAgeMessageSaysWhenTheEnrolleeTurns16() {
        BillingEvaluation evaluation = CaseFixture.indiana().bornOn(LocalDate.of(2008, 3, 6)).evaluate();

        assertThat(finding(evaluation, "IN.UNDER_MINIMUM_AGE").message()).endsWith("turns 16 on 2024-03-06.");
    }

    // IN.NO_THERAPEUTIC_CONTENT and IN.BILLABLE_AS_OTHER_SERVICE

    @ParameterizedTest(name = "[{0}]: no therapeutic content = {1}, billable as other service = {2}")
    @CsvSource({
            "RECOVERY_PLANNING,                       false, false",
            "PURELY_RECREATIONAL,                     true,  false",
            "'',                                      true,  false",
            "PURELY_RECREATIONAL RELATIONSHIP_BUILDING, false, false",
            "SKILLS_TRAINING,                         false, true",
            "CASE_MANAGEMENT,                         false, true",
            "SKILLS_TRAINING CASE_MANAGEMENT,         false, true",
            "SKILLS_TRAINING PURELY_RECREATIONAL,     false, true",
            "CASE_MANAGEMENT RESOURCE_LINKAGE,        false, false",
            "SKILLS_TRAINING RECOVERY_PLANNING,       false, false"})
    void contactMustHaveRecoveryContentBeyondRecreationOrOtherBillableServices(String activities,
            boolean noTherapeuticContent, boolean billableAsOther) {
        BillingEvaluation evaluation = CaseFixture.indiana()
                .activities(enums(Activity.class, activities))
                .evaluate();

        assertThat(evaluation.hasFinding("IN.NO_THERAPEUTIC_CONTENT")).isEqualTo(noTherapeuticContent);
        assertThat(evaluation.hasFinding("IN.BILLABLE_AS_OTHER_SERVICE")).isEqualTo(billableAsOther);
        assertThat(evaluation.billable()).isEqualTo(!noTherapeuticContent && !billableAsOther);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Activity.class, names = {"RECOVERY_PLANNING", "RELATIONSHIP_BUILDING", "LEISURE_PLANNING",
            "SUBSTANCE_USE_EDUCATION", "RESOURCE_LINKAGE", "ADVOCACY"})
    void eachPeerRecoveryActivityOnItsOwnIsBillable(Activity activity) {
        assertThat(CaseFixture.indiana().activities(activity).evaluate().billable()).isTrue();
    }

    // IN.ANNUAL_LIMIT_REACHED

    @ParameterizedTest(name = "{0} units used, {1} minutes: billable = {2}")
    @CsvSource({
            "0,    30, true",
            "1458, 30, true",
            "1459, 15, true",
            "1459, 30, false",
            "1460, 15, false",
            "1460, 7,  false",
            "2000, 30, false"})
    void the1460thUnitIsBillableAndThe1461stIsNot(int unitsUsed, int minutes, boolean billable) {
        BillingEvaluation evaluation = CaseFixture.indiana()
                .unitsUsedInRollingWindow(unitsUsed)
                .lasting(minutes)
                .evaluate();

        assertThat(evaluation.billable()).isEqualTo(billable);
        assertThat(evaluation.hasFinding("IN.ANNUAL_LIMIT_REACHED")).isEqualTo(!billable && minutes >= 8);
        assertThat(evaluation.authorizationId()).isNull();
    }

    @Test
    void contactThatWouldPartlyExceedTheAllowanceIsNotBillableAndTheMessageSaysWhatRemains() {
        BillingEvaluation evaluation = CaseFixture.indiana().unitsUsedInRollingWindow(1459).evaluate();

        assertThat(codes(evaluation)).containsExactly("IN.ANNUAL_LIMIT_REACHED");
        assertThat(finding(evaluation, "IN.ANNUAL_LIMIT_REACHED").message()).isEqualTo(
                "This contact needs 2 units but only 1 unit of the 1,460-unit allowance for 2023-03-06 to"
                        + " 2024-03-05 remain, and no prior authorization covers 2024-03-05. Request a prior"
                        + " authorization for more units.");
    }

    @Test
    void aBackDatedContactThatWouldOverfillALaterWindowNamesThatWindowAndItsDate() {
        BillingEvaluation evaluation = CaseFixture.indiana()
                .busiestRollingWindow(RollingWindow.of(LocalDate.of(2024, 6, 30)), 1_455)
                .lasting(120)
                .evaluate();

        assertThat(evaluation.billable()).isFalse();
        assertThat(finding(evaluation, "IN.ANNUAL_LIMIT_REACHED").message()).isEqualTo(
                "This contact needs 8 units but only 5 units of the 1,460-unit allowance for 2023-07-01 to"
                        + " 2024-06-30 (the 12 months ending 2024-06-30, which include this contact's date of"
                        + " service, 2024-03-05) remain, and no prior authorization covers 2024-03-05. Request a"
                        + " prior authorization for more units.");
    }

    @Test
    void priorAuthorizationTakesTheUnitsOnceTheAllowanceIsUsedUp() {
        BillingEvaluation evaluation = CaseFixture.indiana()
                .unitsUsedInRollingWindow(1460)
                .authorizations(priorAuthorization("PA-1", WIDE_FROM, WIDE_TO, 20, 18))
                .evaluate();

        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.authorizationId()).isEqualTo("PA-1");
    }

    @Test
    void priorAuthorizationIsNotChargedWhileTheAllowanceStillHasRoom() {
        BillingEvaluation evaluation = CaseFixture.indiana()
                .unitsUsedInRollingWindow(1458)
                .authorizations(priorAuthorization("PA-1", WIDE_FROM, WIDE_TO, 20, 0))
                .evaluate();

        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.authorizationId()).isNull();
    }

    @ParameterizedTest(name = "prior authorization {0} to {1}: covers 2024-03-05 = {2}")
    @CsvSource({
            "2024-03-05, 2024-06-30, true",
            "2024-03-06, 2024-06-30, false",
            "2024-01-01, 2024-03-05, true",
            "2024-01-01, 2024-03-04, false"})
    void priorAuthorizationMustCoverTheDateOfServiceInclusively(LocalDate validFrom, LocalDate validTo,
            boolean covered) {
        BillingEvaluation evaluation = CaseFixture.indiana()
                .unitsUsedInRollingWindow(1460)
                .authorizations(priorAuthorization("PA-2", validFrom, validTo, 20, 0))
                .evaluate();

        assertThat(evaluation.billable()).isEqualTo(covered);
        assertThat(evaluation.authorizationId()).isEqualTo(covered ? "PA-2" : null);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AuthorizationKind.class, names = {"PLAN_OF_CARE", "GENERAL"})
    void onlyPriorAuthorizationsAddUnitsBeyondTheAllowance(AuthorizationKind kind) {
        BillingEvaluation evaluation = CaseFixture.indiana()
                .unitsUsedInRollingWindow(1460)
                .authorizations(new Authorization("OTHER", kind, WIDE_FROM, WIDE_TO, 100, 0))
                .evaluate();

        assertThat(codes(evaluation)).containsExactly("IN.ANNUAL_LIMIT_REACHED");
    }

    @Test
    void priorAuthorizationWithTooFewUnitsLeftIsNotChargedAndTheMessageSaysWhatItHasLeft() {
        BillingEvaluation evaluation = CaseFixture.indiana()
                .unitsUsedInRollingWindow(1460)
                .authorizations(priorAuthorization("PA-3", WIDE_FROM, WIDE_TO, 20, 19))
                .evaluate();

        assertThat(evaluation.authorizationId()).isNull();
        assertThat(finding(evaluation, "IN.ANNUAL_LIMIT_REACHED").message()).isEqualTo(
                "This contact needs 2 units but only 0 units of the 1,460-unit allowance for 2023-03-06 to"
                        + " 2024-03-05 remain, and prior authorization PA-3 has only 1 unit left. Request a prior"
                        + " authorization for more units.");
    }

    // IN.SUPERVISION_NOT_QUALIFIED

    @ParameterizedTest(name = "supervisor {0}: qualified = {1}")
    @CsvSource({
            "LICENSED_PROFESSIONAL, true",
            "QBHP,                  true",
            "EXPERIENCED_PEER,      false",
            ",                      false"})
    void coachMustBeSupervisedByALicensedProfessionalOrQbhp(SupervisorQualification qualification,
            boolean qualified) {
        BillingEvaluation evaluation = CaseFixture.indiana().supervisor(qualification).evaluate();

        assertThat(codes(evaluation)).isEqualTo(qualified ? List.of() : List.of("IN.SUPERVISION_NOT_QUALIFIED"));
    }

    private static Authorization priorAuthorization(String id, LocalDate from, LocalDate to, int authorized,
            int used) {
        return new Authorization(id, AuthorizationKind.PRIOR_AUTHORIZATION, from, to, authorized, used);
    }
}
