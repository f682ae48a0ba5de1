package org.peerpath.billing;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.peerpath.billing.BillingCase.Certification;
import org.peerpath.billing.BillingCase.CoachRole;
import org.peerpath.billing.BillingCase.CredentialType;
import org.peerpath.billing.BillingCase.Supervisor;
import org.peerpath.billing.BillingCase.SupervisorQualification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which credential qualifies a provider in each pack (TennCare policy; Indiana guide, Provider Qualifications;
 * Michigan guidance VIII and X) and supervision on the date of service (CMS FAQ A4; Michigan IX), at the edges:
 * the credential's last valid day, the state that issued it, first aid and CPR, the Michigan associate.
 */
class ProviderCredentialsTest {

    /** The fixture's date of service. */
    private static final LocalDate DAY = LocalDate.of(2024, 3, 5);

    @ParameterizedTest(name = "{0} {1}: {2} from {3}, valid to {4} -> qualified {5}")
    @CsvSource(nullValues = "-", value = {
            "TN, RECOVERY_COACH,     CPRS,                             TN, 2024-03-05, true",
            "TN, RECOVERY_COACH,     CPRS,                             TN, 2024-03-04, false",
            "TN, RECOVERY_COACH,     CPRS,                             IN, -,          false",
            "TN, RECOVERY_COACH,     FIRST_AID,                        IN, -,          false",
            "TN, RECOVERY_COACH,     CPR,                              TN, -,          false",
            "IN, RECOVERY_COACH,     CAPRC,                            IN, 2024-03-05, true",
            "IN, RECOVERY_COACH,     CPSP,                             IN, -,          true",
            "IN, RECOVERY_COACH,     CRS,                              IN, -,          true",
            "IN, RECOVERY_COACH,     CRS,                              MI, -,          false",
            "IN, RECOVERY_COACH,     OTHER,                            IN, -,          false",
            "IN, RECOVERY_COACH,     FIRST_AID,                        IN, -,          false",
            "MI, RECOVERY_COACH,     PEER_RECOVERY_COACH_TRAINING,     CT, -,          true",
            "MI, RECOVERY_COACH,     PEER_RECOVERY_ASSOCIATE_TRAINING, MI, -,          false",
            "MI, RECOVERY_ASSOCIATE, PEER_RECOVERY_ASSOCIATE_TRAINING, MI, -,          true",
            "MI, RECOVERY_ASSOCIATE, PEER_RECOVERY_COACH_TRAINING,     MI, 2024-03-04, false",
            "MI, RECOVERY_COACH,     CPR,                              MI, -,          false",
            "MI, RECOVERY_COACH,     MCBAP,                            MI, -,          false"})
    void onlyThePacksCredentialQualifies(String pack, CoachRole role, CredentialType type, String state,
            LocalDate validTo, boolean qualified) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack).role(role)
                .certifications(new Certification(type, state, LocalDate.of(2020, 1, 1), validTo)).evaluate();

        assertThat(evaluation.hasFinding("PROVIDER_NOT_QUALIFIED")).isEqualTo(!qualified);
        if (!qualified) {
            assertThat(evaluation.findings().stream().filter(f -> f.code().equals("PROVIDER_NOT_QUALIFIED"))
                    .findFirst().orElseThrow().message())
                    .contains(RulePacks.forId(pack).credentialFor(role).credential(), DAY.toString());
        }
    }

    @ParameterizedTest(name = "{0}: supervisor {1}, MCBAP to {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "MI, -,                     -,          SUPERVISION_NOT_DOCUMENTED",
            "IN, -,                     -,          SUPERVISION_NOT_DOCUMENTED",
            "TN, -,                     -,          SUPERVISION_NOT_DOCUMENTED",
            "MI, LICENSED_PROFESSIONAL, 2024-03-05, -",
            "MI, LICENSED_PROFESSIONAL, 2024-03-04, MI.SUPERVISOR_NOT_MCBAP",
            "IN, EXPERIENCED_PEER,      -,          IN.SUPERVISION_NOT_QUALIFIED",
            "IN, QBHP,                  -,          -",
            "TN, EXPERIENCED_PEER,      -,          -"})
    void everyPackNeedsASupervisorOnTheDateOfService(String pack, SupervisorQualification qualification,
            LocalDate mcbapValidTo, String finding) {
        Supervisor supervisor = qualification == null ? null : new Supervisor(qualification, List.of(
                new Certification(CredentialType.MCBAP, "MI", LocalDate.of(2020, 1, 1),
                        mcbapValidTo == null ? LocalDate.of(2020, 12, 31) : mcbapValidTo)));
        BillingEvaluation evaluation = CaseFixture.forPack(pack).supervisor(supervisor).evaluate();

        if (finding == null) {
            assertThat(evaluation.billable()).isTrue();
        }
        else {
            assertThat(evaluation.findings()).extracting(Finding::code).containsExactly(finding);
        }
    }
}
