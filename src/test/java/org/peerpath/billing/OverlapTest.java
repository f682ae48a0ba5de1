package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.billing.CaseFixture.codes;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MI", "IN", "TN"})
    void contactOverlappingAnotherSignedIndividualContactIsNotBillable(String pack) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack).overlapsAnotherIndividualContact(true).evaluate();

        assertThat(evaluation.billable()).isFalse();
        assertThat(codes(evaluation)).containsExactly("OVERLAPPING_SERVICE");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MI", "IN", "TN"})
    void contactOverlappingNothingHasNoOverlapFinding(String pack) {
        assertThat(CaseFixture.forPack(pack).overlapsAnotherIndividualContact(false).evaluate()
                .hasFinding("OVERLAPPING_SERVICE")).isFalse();
    }

    private static Instant at(String time) {
        return Instant.parse(DAY + "T" + time + ":00Z");
    }
}
