package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.peerpath.billing.CaseFixture.codes;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitRoundingTest {

    @ParameterizedTest(name = "{0} minutes = {1} whole quarters, {2} at midpoint")
    @CsvSource({
            "0,  0, 0",
            "1,  0, 0",
            "7,  0, 0",
            "8,  0, 1",
            "14, 0, 1",
            "15, 1, 1",
            "16, 1, 1",
            "22, 1, 1",
            "23, 1, 2",
            "29, 1, 2",
            "30, 2, 2",
            "37, 2, 2",
            "38, 2, 3",
            "45, 3, 3",
            "60, 4, 4",
            "67, 4, 4",
            "68, 4, 5",
            "480, 32, 32"})
    void minutesBecomeUnitsUnderEachRounding(int minutes, int wholeQuarters, int midpoint) {
        assertThat(UnitRounding.WHOLE_QUARTERS.units(minutes)).isEqualTo(wholeQuarters);
        assertThat(UnitRounding.MIDPOINT.units(minutes)).isEqualTo(midpoint);
    }

    @Test
    void negativeMinutesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> UnitRounding.MIDPOINT.units(-1));
    }

    @ParameterizedTest(name = "{0}: {1} minutes = {2} units")
    @CsvSource({
            "MI, 7, 0", "MI, 8, 0", "MI, 14, 0", "MI, 15, 1", "MI, 22, 1", "MI, 23, 1", "MI, 29, 1", "MI, 30, 2",
            "IN, 7, 0", "IN, 8, 1", "IN, 14, 1", "IN, 15, 1", "IN, 22, 1", "IN, 23, 2", "IN, 29, 2", "IN, 30, 2",
            "TN, 7, 0", "TN, 8, 1", "TN, 14, 1", "TN, 15, 1", "TN, 22, 1", "TN, 23, 2", "TN, 29, 2", "TN, 30, 2",
            "IN, 60, 4", "TN, 60, 4", "MI, 60, 4"})
    void contactUnitsFollowThePacksRoundingAndZeroUnitsAreNotBillable(String pack, int minutes, int units) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack).lasting(minutes).evaluate();

        assertThat(evaluation.minutes()).isEqualTo(minutes);
        assertThat(evaluation.units()).isEqualTo(units);
        assertThat(evaluation.billable()).isEqualTo(units > 0);
        assertThat(codes(evaluation)).isEqualTo(units > 0 ? List.of() : List.of("UNITS_ZERO"));
    }

    @ParameterizedTest(name = "{0} with {1}: {2} minutes = {3} units")
    @CsvSource({
            "MI, MIDPOINT, 8, 1",
            "MI, MIDPOINT, 23, 2",
            "IN, WHOLE_QUARTERS, 14, 0",
            "IN, WHOLE_QUARTERS, 29, 1",
            "TN, WHOLE_QUARTERS, 22, 1",
            "TN, MIDPOINT, 22, 1"})
    void organizationRoundingOverrideReplacesThePacksSetting(String pack, UnitRounding rounding, int minutes,
            int units) {
        BillingEvaluation evaluation = CaseFixture.forPack(pack).unitRounding(rounding).lasting(minutes).evaluate();

        assertThat(evaluation.units()).isEqualTo(units);
    }

    @Test
    void zeroUnitMessageExplainsTheRoundingInForce() {
        assertThat(CaseFixture.finding(CaseFixture.michigan().lasting(14).evaluate(), "UNITS_ZERO").message())
                .isEqualTo("At 14 minutes this contact is worth 0 units (only complete 15-minute units count),"
                        + " so there is nothing to bill.");
        assertThat(CaseFixture.finding(CaseFixture.indiana().lasting(7).evaluate(), "UNITS_ZERO").message())
                .contains("At 7 minutes", "a unit needs at least 8 minutes");
    }

    @Test
    void contactEndingWhenItStartsIsZeroUnits() {
        BillingEvaluation evaluation = CaseFixture.tennessee().lasting(0).evaluate();

        assertThat(evaluation.minutes()).isZero();
        assertThat(codes(evaluation)).containsExactly("UNITS_ZERO");
    }
}
