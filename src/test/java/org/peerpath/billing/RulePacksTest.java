package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerpath.billing.BillingCase.Organization;

class RulePacksTest {

    @ParameterizedTest(name = "{0} rounds {1}")
    @CsvSource({"MI, WHOLE_QUARTERS", "IN, MIDPOINT", "TN, MIDPOINT"})
    void eachPackHasItsIdAndDefaultRounding(String id, UnitRounding rounding) {
        RulePack pack = RulePacks.forId(id);

        assertThat(pack.id()).isEqualTo(id);
        assertThat(pack.unitRounding()).isEqualTo(rounding);
    }

    @Test
    void knownPacksAreMichiganIndianaAndTennessee() {
        assertThat(RulePacks.ids()).containsExactly("IN", "MI", "TN");
    }

    @ParameterizedTest(name = "[{0}]")
    @NullSource
    @ValueSource(strings = {"OH", "mi", "", "MI "})
    void unknownPackIsRefusedRatherThanBilledUnderADefault(String id) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RulePacks.forId(id))
                .withMessageContaining("known packs: [IN, MI, TN]");
    }

    @Test
    void organizationWithAnUnknownPackCannotBeBuilt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Organization("OH", ZoneId.of("America/New_York"), false, null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MI", "IN", "TN"})
    void everyPackAppliesTheCommonRulesFirstThenOnlyItsOwn(String id) {
        assertThat(RulePacks.forId(id).findingCodes())
                .startsWith("SIGNATURE_REQUIRED", "DOCUMENTATION_INCOMPLETE", "UNITS_ZERO", "OVERLAPPING_SERVICE",
                        "PROVIDER_NOT_QUALIFIED", "SUPERVISION_NOT_DOCUMENTED", "ENROLLEE_NOT_ACTIVE", "CONSENT_MISSING")
                .doesNotHaveDuplicates()
                .filteredOn(code -> code.contains("."))
                .allMatch(code -> code.startsWith(id + "."));
    }
}
