package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.billing.CaseFixture.codes;
import static org.peerpath.billing.CaseFixture.finding;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerpath.billing.BillingCase.Activity;
import org.peerpath.billing.BillingCase.Authorization;
import org.peerpath.billing.BillingCase.AuthorizationKind;
import org.peerpath.billing.BillingCase.FundingSource;
import org.peerpath.billing.BillingCase.GroupFormat;
import org.peerpath.billing.BillingCase.PlaceOfService;
import org.peerpath.billing.BillingCase.SupervisorQualification;
import org.peerpath.billing.Finding.Severity;

/**
 * Every finding code of every pack, reached once from that pack's billable baseline. The table is checked
 * against the packs' own code lists, so a rule added without a case here fails the build.
 */
class FindingCoverageTest {

    private static final List<String> PACKS = List.of("MI", "IN", "TN");

    static Stream<Arguments> everyFindingCode() {
        Stream<Arguments> common = PACKS.stream().flatMap(pack -> Stream.of(
                row(pack, "SIGNATURE_REQUIRED", CaseFixture::unsigned),
                row(pack, "DOCUMENTATION_INCOMPLETE", fixture -> fixture.narrative(null)),
                row(pack, "UNITS_ZERO", fixture -> fixture.lasting(7)),
                row(pack, "OVERLAPPING_SERVICE", CaseFixture::overlappingOwnIndividualContact),
                row(pack, "PROVIDER_NOT_QUALIFIED", CaseFixture::certifications),
                row(pack, "SUPERVISION_NOT_DOCUMENTED", fixture -> fixture.supervisor((BillingCase.Supervisor) null)),
                row(pack, "ENROLLEE_NOT_ACTIVE", fixture -> fixture.dischargedOn(LocalDate.of(2024, 3, 1))),
                row(pack, "CONSENT_MISSING",
                        fixture -> fixture.collateralFamily(true).personConsentActive(false)),
                row(pack, "CHILD_NOT_ELIGIBLE",
                        fixture -> fixture.parentOf(LocalDate.of(2006, 3, 5), true).directedToChildBenefit(true)),
                row(pack, pack.equals("TN") ? "TN.NOT_FOR_CHILD_BENEFIT" : "NOT_FOR_CHILD_BENEFIT",
                        fixture -> fixture.parentOrGuardianOfChildEnrollee(true))));
        Stream<Arguments> michigan = Stream.of(
                row("MI", "MI.AUTHORIZATION_REQUIRED", CaseFixture::authorizations),
                row("MI", "MI.AUTHORIZATION_EXCEEDED", fixture -> fixture.authorizations(new Authorization(
                        "A", AuthorizationKind.GENERAL, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), 5, 4))),
                row("MI", "MI.MIN_DURATION",
                        fixture -> fixture.phone().fundingSources(FundingSource.BLOCK_GRANT).lasting(14)),
                row("MI", "MI.NON_FACE_TO_FACE_NOT_COVERED", CaseFixture::phone),
                row("MI", "MI.NO_FUNDING_SOURCE", fixture -> fixture.fundingSources(FundingSource.OTHER)),
                row("MI", "MI.GROUP_FORMAT_REQUIRED", fixture -> fixture.group(null)),
                row("MI", "MI.GROUP_PROVIDER_MISMATCH", fixture -> fixture.group(GroupFormat.MAT_BY_ASSOCIATE)),
                row("MI", "MI.SUPPORT_TYPE_REQUIRED", CaseFixture::supportTypes),
                row("MI", "MI.ELIGIBILITY_NOT_DOCUMENTED", fixture -> fixture.agreedToParticipate(false)),
                row("MI", "MI.SUPERVISOR_NOT_MCBAP", fixture -> fixture.supervisor(new BillingCase.Supervisor(
                        SupervisorQualification.LICENSED_PROFESSIONAL, List.of()))),
                row("MI", "MI.STAND_ALONE_PERIOD_ENDED",
                        fixture -> fixture.standAloneAfterAcuteTreatmentEnded(LocalDate.of(2023, 6, 30))));
        Stream<Arguments> indiana = Stream.of(
                row("IN", "IN.FACE_TO_FACE_REQUIRED", CaseFixture::phone),
                row("IN", "IN.GROUP_NOT_BILLABLE", fixture -> fixture.group(GroupFormat.PEER_LED)),
                row("IN", "IN.UNDER_MINIMUM_AGE", fixture -> fixture.bornOn(LocalDate.of(2010, 1, 1))),
                row("IN", "IN.NO_THERAPEUTIC_CONTENT", fixture -> fixture.activities(Activity.PURELY_RECREATIONAL)),
                row("IN", "IN.BILLABLE_AS_OTHER_SERVICE", fixture -> fixture.activities(Activity.CASE_MANAGEMENT)),
                row("IN", "IN.ANNUAL_LIMIT_REACHED", fixture -> fixture.unitsUsedInRollingWindow(1460)),
                row("IN", "IN.SUPERVISION_NOT_QUALIFIED",
                        fixture -> fixture.supervisor(SupervisorQualification.EXPERIENCED_PEER)));
        Stream<Arguments> tennessee = Stream.of(
                row("TN", "TN.NOT_IN_PLAN_OF_CARE", CaseFixture::authorizations),
                row("TN", "TN.PLAN_OF_CARE_EXCEEDED", fixture -> fixture.authorizations(new Authorization(
                        "P", AuthorizationKind.PLAN_OF_CARE, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), 8, 8))),
                row("TN", "TN.PROVIDER_NOT_ENROLLED", fixture -> fixture.tennCareProvider(false)),
                row("TN", "TN.PRIVACY_NOT_ASSURED",
                        fixture -> fixture.placeOfService(PlaceOfService.PEER_SUPPORT_CENTER)));
        return Stream.of(common, michigan, indiana, tennessee).flatMap(rows -> rows);
    }

    /** Findings that are shown but leave the contact billable. */
    static Stream<Arguments> everyWarningCode() {
        return PACKS.stream().map(pack -> row(pack, "LATE_ENTRY",
                fixture -> fixture.lateEntry(new BillingCase.LateEntry(31, 30, true))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyWarningCode")
    void warningIsReportedWithAPlainSentenceAndItsSourceAndLeavesTheContactBillable(String pack, String code,
            UnaryOperator<CaseFixture> trigger) {
        assertThat(reported(pack, code, trigger, Severity.WARNING).billable()).isTrue();
        assertThat(CaseFixture.forPack(pack).evaluate().hasFinding(code)).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyFindingCode")
    void findingIsReportedAsBlockingWithAPlainSentenceAndItsSource(String pack, String code,
            UnaryOperator<CaseFixture> trigger) {
        assertThat(reported(pack, code, trigger, Severity.BLOCKING).billable()).isFalse();
    }

    /** The evaluation of the triggered case, after checking its finding's severity, sentence and source. */
    private static BillingEvaluation reported(String pack, String code, UnaryOperator<CaseFixture> trigger,
            Severity severity) {
        BillingEvaluation evaluation = trigger.apply(CaseFixture.forPack(pack)).evaluate();

        Finding finding = finding(evaluation, code);
        assertThat(finding.severity()).isEqualTo(severity);
        assertThat(finding.message()).isNotBlank().endsWith(".").doesNotContain("null");
        assertThat(finding.source()).containsPattern("seeds/00[0-4]|docs/billing-rules\\.md");
        return evaluation;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyFindingCode")
    void findingIsAbsentFromThePacksBillableBaseline(String pack, String code, UnaryOperator<CaseFixture> trigger) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack).evaluate();

        assertThat(evaluation.hasFinding(code)).isFalse();
        assertThat(evaluation.billable()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MI", "IN", "TN"})
    void tableCoversEveryCodeThePackCanReport(String pack) {
        Set<String> covered = Stream.concat(everyFindingCode(), everyWarningCode())
                .filter(arguments -> arguments.get()[0].equals(pack))
                .map(arguments -> (String) arguments.get()[1])
                .collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrderElementsOf(RulePacks.forId(pack).findingCodes());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MI", "IN", "TN"})
    void packReportsOnlyCommonFindingsAndItsOwnWhereOtherStatesRulesAreBroken(String pack) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack)
                .placeOfService(PlaceOfService.PEER_SUPPORT_CENTER)
                .tennCareProvider(false)
                .authorizations()
                .supervisor(SupervisorQualification.EXPERIENCED_PEER)
                .activities(Activity.PURELY_RECREATIONAL)
                .bornOn(LocalDate.of(2010, 1, 1))
                .group(GroupFormat.PEER_LED)
                .supportTypes()
                .agreedToParticipate(false)
                .evaluate();

        assertThat(codes(evaluation)).isNotEmpty().allMatch(code -> code.startsWith(pack + "."));
    }

    private static Arguments row(String pack, String code, UnaryOperator<CaseFixture> trigger) {
        return Arguments.of(pack, code, trigger);
    }
}
