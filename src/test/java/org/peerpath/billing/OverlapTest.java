package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.billing.CaseFixture.codes;
import static org.peerpath.billing.CaseFixture.finding;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerpath.billing.BillingCase.GroupFormat;
import org.peerpath.billing.BillingCase.Setting;

/** One provider per unit of service (CMS FAQ A1): overlaps for the enrollee and for the coach. */
class OverlapTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 5);

    @ParameterizedTest(name = "{0}-{1} and {2}-{3} overlap: {4}")
    @CsvSource({
            "10:00, 10:30, 10:30, 11:00, false",
            "10:30, 11:00, 10:00, 10:30, false",
            "10:00, 10:31, 10:30, 11:00, true",
            "10:29, 11:00, 10:00, 10:30, true",
            "10:00, 11:00, 10:15, 10:45, true",
            "10:15, 10:45, 10:00, 11:00, true",
            "10:00, 10:30, 10:00, 10:30, true",
            "10:00, 10:30, 11:00, 11:30, false",
            "11:00, 11:30, 10:00, 10:30, false"})
    void touchingIntervalsDoNotOverlapButOneMinuteInCommonDoes(String start, String end, String otherStart,
            String otherEnd, boolean overlaps) {
        assertThat(BillingCase.overlaps(at(start), at(end), at(otherStart), at(otherEnd))).isEqualTo(overlaps);
    }

    /**
     * The baseline contact is an individual service 10:00 to 10:30 (or a group, when {@code thisSetting} says so);
     * the other service is as the row says. Who: ENROLLEE = same client, another coach; COACH = same coach,
     * another client; BOTH = same coach and client.
     */
    @ParameterizedTest(name = "{0}: this {1}, other {2} {3} {4} {5}-{6} -> conflict {7}")
    @CsvSource({
            // the enrollee: no two billable services at once, whoever delivers them
            "MI, INDIVIDUAL, ENROLLEE, true,  INDIVIDUAL, 10:15, 10:45, true",
            "MI, INDIVIDUAL, ENROLLEE, true,  INDIVIDUAL, 10:29, 11:00, true",
            "MI, INDIVIDUAL, ENROLLEE, true,  INDIVIDUAL, 10:30, 11:00, false",
            "MI, INDIVIDUAL, ENROLLEE, true,  INDIVIDUAL, 09:30, 10:00, false",
            "MI, INDIVIDUAL, ENROLLEE, false, INDIVIDUAL, 10:00, 10:30, false",
            "MI, INDIVIDUAL, ENROLLEE, true,  GROUP,      09:00, 12:00, true",
            "MI, GROUP,      ENROLLEE, true,  GROUP,      10:00, 10:30, true",
            "IN, INDIVIDUAL, ENROLLEE, true,  INDIVIDUAL, 10:00, 10:01, true",
            "TN, INDIVIDUAL, ENROLLEE, true,  INDIVIDUAL, 10:10, 10:20, true",
            // the coach: no individual service during another service of their own, billable or not
            "MI, INDIVIDUAL, COACH,    true,  INDIVIDUAL, 10:15, 10:45, true",
            "MI, INDIVIDUAL, COACH,    false, INDIVIDUAL, 10:15, 10:45, true",
            "MI, INDIVIDUAL, COACH,    true,  GROUP,      09:00, 11:00, true",
            "MI, GROUP,      COACH,    true,  INDIVIDUAL, 10:00, 10:30, true",
            "MI, GROUP,      COACH,    true,  GROUP,      10:00, 10:30, false",
            "MI, INDIVIDUAL, COACH,    true,  GROUP,      10:30, 11:30, false",
            "IN, INDIVIDUAL, COACH,    false, GROUP,      10:00, 11:00, true",
            "TN, INDIVIDUAL, BOTH,     true,  INDIVIDUAL, 10:00, 10:30, true"})
    void overlapForTheEnrolleeAndForTheCoach(String pack, Setting thisSetting, String who, boolean billable,
            Setting otherSetting, String from, String to, boolean conflict) {
        CaseFixture fixture = CaseFixture.forPack(pack).otherService("OTHER-7", who, billable, otherSetting, from, to);
        if (thisSetting == Setting.GROUP) {
            fixture.group(GroupFormat.PEER_LED);
        }
        BillingEvaluation evaluation = fixture.evaluate();
        assertThat(evaluation.hasFinding("OVERLAPPING_SERVICE")).isEqualTo(conflict);
        if (conflict) {
            assertThat(evaluation.billable()).isFalse();
            assertThat(finding(evaluation, "OVERLAPPING_SERVICE").message()).contains("OTHER-7");
            assertThat(finding(evaluation, "OVERLAPPING_SERVICE").source()).contains("CMS FAQ A1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MI", "IN", "TN"})
    void contactOverlappingAnotherSignedIndividualContactIsNotBillable(String pack) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack).overlappingOwnIndividualContact().evaluate();

        assertThat(evaluation.billable()).isFalse();
        assertThat(codes(evaluation)).containsExactly("OVERLAPPING_SERVICE");
        assertThat(finding(evaluation, "OVERLAPPING_SERVICE").message()).contains("OTHER-1", "10:00 to 10:30");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MI", "IN", "TN"})
    void contactOverlappingNothingHasNoOverlapFinding(String pack) {
        assertThat(CaseFixture.forPack(pack).evaluate().hasFinding("OVERLAPPING_SERVICE")).isFalse();
    }

    @ParameterizedTest(name = "{0}-{1}: conflict {2}")
    @CsvSource({
            "10:15, 10:45, true",
            "09:00, 12:00, true",
            "10:30, 11:30, false"})
    void aCoachFacilitatesOneGroupSessionAtATime(String from, String to, boolean conflict) {
        BillingEvaluation evaluation = CaseFixture.forPack("MI").group(GroupFormat.PEER_LED)
                .anotherGroupSessionOfTheCoach("GROUP-9", from, to).evaluate();

        assertThat(evaluation.hasFinding("OVERLAPPING_SERVICE")).isEqualTo(conflict);
        if (conflict) {
            assertThat(finding(evaluation, "OVERLAPPING_SERVICE").message()).contains("GROUP-9",
                    "another group session");
        }
    }

    private static Instant at(String time) {
        return Instant.parse(DAY + "T" + time + ":00Z");
    }
}
