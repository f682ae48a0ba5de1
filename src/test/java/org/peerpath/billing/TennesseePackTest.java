package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.billing.CaseFixture.codes;
import static org.peerpath.billing.CaseFixture.finding;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerpath.billing.BillingCase.Authorization;
import org.peerpath.billing.BillingCase.AuthorizationKind;
import org.peerpath.billing.BillingCase.PlaceOfService;

class TennesseePackTest {

    @Test
    void contactIsH0038WithNoFundingChoiceAndItsUnitsChargedToThePlanOfCare() {
        BillingEvaluation evaluation = CaseFixture.tennessee().lasting(23).evaluate();

        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.procedureCode()).isEqualTo("H0038");
        assertThat(evaluation.modifiers()).isEmpty();
        assertThat(evaluation.units()).isEqualTo(2);
        assertThat(evaluation.fundingSource()).isNull();
        assertThat(evaluation.authorizationId()).isEqualTo(CaseFixture.TN_PLAN_OF_CARE);
    }

    // TN.NOT_IN_PLAN_OF_CARE

    @ParameterizedTest(name = "plan of care {0} to {1}: covers 2024-03-05 = {2}")
    @CsvSource({
            "2024-03-04, 2024-12-31, true",
            "2024-03-05, 2024-12-31, true",
            "2024-03-06, 2024-12-31, false",
            "2024-01-01, 2024-03-06, true",
            "2024-01-01, 2024-03-05, true",
            "2024-01-01, 2024-03-04, false"})
    void serviceMustBeInAPlanOfCareCoveringTheDateOfService(LocalDate validFrom, LocalDate validTo,
            boolean covered) {
        BillingEvaluation evaluation = CaseFixture.tennessee()
                .authorizations(new Authorization("POC-9", AuthorizationKind.PLAN_OF_CARE, validFrom, validTo, null, 0))
                .evaluate();

        assertThat(codes(evaluation)).isEqualTo(covered ? List.of() : List.of("TN.NOT_IN_PLAN_OF_CARE"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = AuthorizationKind.class, names = {"PRIOR_AUTHORIZATION", "GENERAL"})
    void authorizationsOtherThanThePlanOfCareDoNotCount(AuthorizationKind kind) {
        BillingEvaluation evaluation = CaseFixture.tennessee()
                .authorizations(new Authorization("X", kind, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31),
                        100, 0))
                .evaluate();

        assertThat(codes(evaluation)).containsExactly("TN.NOT_IN_PLAN_OF_CARE");
    }

    // TN.PLAN_OF_CARE_EXCEEDED: a 30-minute contact is 2 units (midpoint rounding)

    @ParameterizedTest(name = "plan of care of {0} units, {1} used: billable = {2}")
    @CsvSource({
            "8, 0, true",
            "8, 6, true",
            "8, 7, false",
            "8, 8, false",
            "2, 0, true",
            "1, 0, false",
            ", 0, true",
            ", 5000, true"})
    void unitsOfAPlanOfCareAreConsumedLikeAnyAuthorization(Integer units, int used, boolean billable) {
        BillingEvaluation evaluation = CaseFixture.tennessee()
                .authorizations(new Authorization("POC-8", AuthorizationKind.PLAN_OF_CARE, LocalDate.of(2024, 1, 1),
                        LocalDate.of(2024, 12, 31), units, used))
                .evaluate();

        assertThat(evaluation.billable()).isEqualTo(billable);
        assertThat(codes(evaluation)).isEqualTo(billable ? List.of() : List.of("TN.PLAN_OF_CARE_EXCEEDED"));
        assertThat(evaluation.authorizationId()).isEqualTo(billable ? "POC-8" : null);
    }

    @Test
    void aPlanOfCareWithUnitsLeftIsChargedBeforeTheExceededMessageApplies() {
        BillingEvaluation evaluation = CaseFixture.tennessee()
                .authorizations(
                        new Authorization("POC-FULL", AuthorizationKind.PLAN_OF_CARE, LocalDate.of(2024, 1, 1),
                                LocalDate.of(2024, 6, 30), 8, 8),
                        new Authorization("POC-NEXT", AuthorizationKind.PLAN_OF_CARE, LocalDate.of(2024, 3, 1),
                                LocalDate.of(2024, 12, 31), 8, 0))
                .evaluate();
        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.authorizationId()).isEqualTo("POC-NEXT");

        BillingEvaluation exceeded = CaseFixture.tennessee()
                .authorizations(new Authorization("POC-8", AuthorizationKind.PLAN_OF_CARE, LocalDate.of(2024, 1, 1),
                        LocalDate.of(2024, 12, 31), 8, 7))
                .evaluate();
        assertThat(finding(exceeded, "TN.PLAN_OF_CARE_EXCEEDED").message()).contains("POC-8", "1 unit left");
        assertThat(finding(exceeded, "TN.PLAN_OF_CARE_EXCEEDED").source()).contains("TennCare", "CMS FAQ A1");
    }

    @Test
    void notInPlanOfCareMessageGivesTheDate() {
        BillingEvaluation evaluation = CaseFixture.tennessee().authorizations().evaluate();

        assertThat(finding(evaluation, "TN.NOT_IN_PLAN_OF_CARE").message()).contains("plan of care on 2024-03-05");
    }

    // TN.PROVIDER_NOT_ENROLLED

    @ParameterizedTest(name = "TennCare provider {0}")
    @CsvSource({"true, false", "false, true"})
    void coachMustWorkForAnEnrolledTennCareProvider(boolean provider, boolean finding) {
        BillingEvaluation evaluation = CaseFixture.tennessee().tennCareProvider(provider).evaluate();

        assertThat(codes(evaluation)).isEqualTo(finding ? List.of("TN.PROVIDER_NOT_ENROLLED") : List.of());
    }

    // TN.PRIVACY_NOT_ASSURED: "a Peer Support Center or any other place where other people may be present"

    @ParameterizedTest(name = "{0}, private area used {1}: not assured = {2}")
    @CsvSource({
            "PEER_SUPPORT_CENTER, true,  false",
            "PEER_SUPPORT_CENTER, false, true",
            "PEER_SUPPORT_CENTER,      , true",
            "COMMUNITY,           true,  false",
            "COMMUNITY,           false, true",
            "COMMUNITY,                , true",
            "JAIL,                true,  false",
            "JAIL,                     , true",
            "HOSPITAL,            true,  false",
            "HOSPITAL,                 , true",
            "OTHER,               true,  false",
            "OTHER,                    , true",
            // the enrollee's home and the provider's office: not asked, but a "no" is not private either
            "OFFICE,                   , false",
            "OFFICE,              true,  false",
            "OFFICE,              false, true",
            "HOME,                     , false",
            "HOME,                true,  false",
            "HOME,                false, true"})
    void serviceWhereOthersMayBePresentNeedsAPrivateArea(PlaceOfService place, Boolean privateAreaUsed,
            boolean notAssured) {
        BillingEvaluation evaluation = CaseFixture.tennessee()
                .placeOfService(place)
                .privateAreaUsed(privateAreaUsed)
                .evaluate();

        assertThat(codes(evaluation)).isEqualTo(notAssured ? List.of("TN.PRIVACY_NOT_ASSURED") : List.of());
        assertThat(evaluation.billable()).isEqualTo(!notAssured);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PHONE", "COLLATERAL_PROFESSIONAL"})
    void everyKindOfContactIsAskedWhereOthersMayBePresent(BillingCase.ContactType type) {
        BillingEvaluation evaluation = CaseFixture.tennessee()
                .type(type, false)
                .placeOfService(PlaceOfService.COMMUNITY)
                .evaluate();

        assertThat(codes(evaluation)).containsExactly("TN.PRIVACY_NOT_ASSURED");
    }

    @Test
    void withoutAPlaceOfServiceOnlyTheMissingDocumentationIsReported() {
        BillingEvaluation evaluation = CaseFixture.tennessee().placeOfService(null).evaluate();

        assertThat(codes(evaluation)).containsExactly("DOCUMENTATION_INCOMPLETE");
    }

    @Test
    void privacyFindingAsksTheQuestionWhenUnansweredAndCitesThePolicy() {
        Finding unanswered = finding(CaseFixture.tennessee().placeOfService(PlaceOfService.HOSPITAL).evaluate(),
                "TN.PRIVACY_NOT_ASSURED");
        assertThat(unanswered.message()).contains("at a hospital", "Record whether a private area was used");
        assertThat(unanswered.source()).contains("TennCare policy, Policy (seeds/000", "seeds/001");

        Finding no = finding(CaseFixture.tennessee().placeOfService(PlaceOfService.COMMUNITY).privateAreaUsed(false)
                .evaluate(), "TN.PRIVACY_NOT_ASSURED");
        assertThat(no.message()).contains("No private area was used in the community");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"MI", "IN"})
    void onlyTennesseeAsksAboutPrivacy(String pack) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack)
                .placeOfService(PlaceOfService.COMMUNITY)
                .privateAreaUsed(false)
                .evaluate();

        assertThat(codes(evaluation)).doesNotContain("TN.PRIVACY_NOT_ASSURED");
        assertThat(evaluation.billable()).isTrue();
    }

    // TN.NOT_FOR_CHILD_BENEFIT: the common rule under Tennessee's own code (ParentServiceTest has the edges)

    @ParameterizedTest(name = "parent or guardian {0}, directed to child {1}: finding = {2}")
    @CsvSource({
            "true,  true,  false",
            "true,  false, true",
            "true,       , true",
            "false,      , false",
            "false, false, false"})
    void serviceToAParentOrGuardianMustBeDirectedToTheChildsBenefit(boolean parentOrGuardian, Boolean directed,
            boolean finding) {
        BillingEvaluation evaluation = CaseFixture.tennessee()
                .parentOrGuardianOfChildEnrollee(parentOrGuardian)
                .directedToChildBenefit(directed)
                .evaluate();

        assertThat(codes(evaluation)).isEqualTo(finding ? List.of("TN.NOT_FOR_CHILD_BENEFIT") : List.of());
        if (finding) {
            assertThat(finding(evaluation, "TN.NOT_FOR_CHILD_BENEFIT").source())
                    .contains("TennCare policy, Policy (seeds/000)", "CMS FAQ A5 (seeds/004)");
        }
    }
}
