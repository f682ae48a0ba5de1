package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.billing.CaseFixture.codes;
import static org.peerpath.billing.CaseFixture.finding;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Services to a parent or legal guardian of a child enrollee, in every pack (CMS FAQ A5, seeds/004; TennCare
 * policy, seeds/000): billable only while the child the record names is a Medicaid-eligible minor on the date of
 * service, and only when the service was directed to the child's benefit, reported under the pack's own code where
 * it has one. The service day is {@link CaseFixture#SERVICE_DAY}, 2024-03-05.
 */
class ParentServiceTest {

    /** The pack's code for a service not directed to the child's benefit. */
    private static String benefitCode(String pack) {
        return pack.equals("TN") ? "TN.NOT_FOR_CHILD_BENEFIT" : "NOT_FOR_CHILD_BENEFIT";
    }

    // CHILD_NOT_ELIGIBLE: a Medicaid-eligible minor on the date of service

    @ParameterizedTest(name = "{0}: child born {1}, Medicaid {2}: eligible = {3}")
    @CsvSource({
            // turns 18 on the date of service: no longer a child that day
            "MI, 2006-03-05, true,  false",
            "IN, 2006-03-05, true,  false",
            "TN, 2006-03-05, true,  false",
            // turns 18 the day after: still a child
            "MI, 2006-03-06, true,  true",
            "IN, 2006-03-06, true,  true",
            "TN, 2006-03-06, true,  true",
            // turned 18 the day before
            "TN, 2006-03-04, true,  false",
            // born that very day
            "MI, 2024-03-05, true,  true",
            // a child without Medicaid
            "MI, 2015-01-01, false, false",
            "IN, 2015-01-01, false, false",
            "TN, 2015-01-01, false, false",
            // no child named (a record flagged before children were named)
            "MI,           , true,  false",
            "IN,           , true,  false",
            "TN,           , true,  false"})
    void theChildMustBeAMedicaidEligibleMinorOnTheDateOfService(String pack, LocalDate childBorn,
            boolean childOnMedicaid, boolean eligible) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack)
                .parentOf(childBorn, childOnMedicaid)
                .directedToChildBenefit(true)
                .evaluate();

        assertThat(codes(evaluation)).isEqualTo(eligible ? List.of() : List.of("CHILD_NOT_ELIGIBLE"));
        assertThat(evaluation.billable()).isEqualTo(eligible);
    }

    @ParameterizedTest(name = "child born {0}, service on {1}: minor = {2}")
    @CsvSource({
            "2006-03-05, 2024-03-04, true",
            "2006-03-05, 2024-03-05, false",
            // born on 29 February: the 18th birthday never falls in a leap year, so 18 on 1 March
            "2008-02-29, 2026-02-28, true",
            "2008-02-29, 2026-03-01, false",
            // 28 February in a leap year of service
            "2010-02-28, 2028-02-27, true",
            "2010-02-28, 2028-02-28, false",
            "2010-02-28, 2028-02-29, false"})
    void aChildIsAMinorUntilTheDayTheyTurn18(LocalDate childBorn, LocalDate dateOfService, boolean minor) {
        BillingCase.ChildEnrollee child = new BillingCase.ChildEnrollee(childBorn, true);

        assertThat(child.eligibleOn(dateOfService)).isEqualTo(minor);
        assertThat(child.eligibleOn(dateOfService)).isEqualTo(
                java.time.Period.between(child.dateOfBirth(), dateOfService).getYears() < 18);
    }

    @Test
    void theMessageSaysWhyWithoutTheChildsDateOfBirth() {
        Finding adult = finding(CaseFixture.michigan().parentOf(LocalDate.of(2006, 3, 5), true)
                .directedToChildBenefit(true).evaluate(), "CHILD_NOT_ELIGIBLE");
        assertThat(adult.message()).contains("18 or older on 2024-03-05").doesNotContain("2006");
        assertThat(adult.source()).contains("CMS FAQ A5 (seeds/004)", "TennCare policy");

        assertThat(finding(CaseFixture.indiana().parentOf(LocalDate.of(2015, 1, 1), false)
                .directedToChildBenefit(true).evaluate(), "CHILD_NOT_ELIGIBLE").message()).contains("no Medicaid");
        assertThat(finding(CaseFixture.tennessee().parentOf(null, false)
                .directedToChildBenefit(true).evaluate(), "CHILD_NOT_ELIGIBLE").message()).contains("names no child");
    }

    @Test
    void aDraftWithoutADateIsNotJudgedOnTheChildsAge() {
        BillingEvaluation evaluation = CaseFixture.michigan().parentOf(LocalDate.of(2006, 3, 5), true)
                .directedToChildBenefit(true).withoutStart().evaluate();

        assertThat(codes(evaluation)).doesNotContain("CHILD_NOT_ELIGIBLE");
    }

    // NOT_FOR_CHILD_BENEFIT (TN.NOT_FOR_CHILD_BENEFIT in Tennessee): directed to the child's benefit

    @ParameterizedTest(name = "{0}: parent {1}, directed to child {2}: finding = {3}")
    @CsvSource({
            "MI, true,  true,  false",
            "MI, true,  false, true",
            "MI, true,       , true",
            "MI, false,      , false",
            "IN, true,  true,  false",
            "IN, true,  false, true",
            "IN, true,       , true",
            "IN, false, false, false",
            "TN, true,  true,  false",
            "TN, true,  false, true",
            "TN, true,       , true",
            "TN, false,      , false"})
    void aServiceToAParentMustBeDirectedToTheChildsBenefitInEveryPack(String pack, boolean parent,
            Boolean directed, boolean finding) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack)
                .parentOrGuardianOfChildEnrollee(parent)
                .directedToChildBenefit(directed)
                .evaluate();

        assertThat(codes(evaluation)).isEqualTo(finding ? List.of(benefitCode(pack)) : List.of());
        assertThat(evaluation.billable()).isEqualTo(!finding);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MI", "IN", "TN"})
    void eachPackCitesItsSourcesAndReportsBothProblemsAtOnce(String pack) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack).parentOf(LocalDate.of(2006, 3, 5), true)
                .evaluate();

        assertThat(codes(evaluation)).containsExactly("CHILD_NOT_ELIGIBLE", benefitCode(pack));
        List<String> expectedSources = new ArrayList<>(List.of("CMS FAQ A5 (seeds/004)"));
        if (pack.equals("TN")) {
            expectedSources.add("TennCare policy, Policy (seeds/000)");
        }
        assertThat(finding(evaluation, benefitCode(pack)).source()).contains(expectedSources);
        assertThat(RulePacks.forId(pack).findingCodes()).contains("CHILD_NOT_ELIGIBLE", benefitCode(pack));
    }
}
