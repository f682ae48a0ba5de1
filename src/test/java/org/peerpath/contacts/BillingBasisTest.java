package org.peerpath.contacts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.peerpath.billing.UnitRounding;
import org.peerpath.people.BillingSettings;
import org.peerpath.people.RulePack;
import org.peerpath.people.UnitRoundingChoice;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rounding an organization's settings give (docs/billing-rules.md, Units): the pack's own until the agency
 * chooses one (Michigan whole quarters; Indiana and Tennessee midpoint, "until an agency configures otherwise"),
 * then the agency's, whatever the pack.
 */
class BillingBasisTest {

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @CsvSource({
            "MI, PACK_DEFAULT, WHOLE_QUARTERS",
            "IN, PACK_DEFAULT, MIDPOINT",
            "TN, PACK_DEFAULT, MIDPOINT",
            "MI, MIDPOINT, MIDPOINT",
            "IN, WHOLE_QUARTERS, WHOLE_QUARTERS",
            "TN, WHOLE_QUARTERS, WHOLE_QUARTERS",
            "IN, MIDPOINT, MIDPOINT"})
    void theRoundingAnEvaluationApplies(RulePack pack, UnitRoundingChoice choice, UnitRounding applied) {
        assertThat(BillingBasis.of(new BillingSettings(pack, choice)))
                .isEqualTo(new BillingBasis(pack.name(), applied));
    }
}
