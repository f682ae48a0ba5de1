package org.peerpath.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerpath.billing.BillingCase.Authorization;
import org.peerpath.billing.BillingCase.AuthorizationKind;
import org.peerpath.billing.BillingCase.Certification;
import org.peerpath.billing.BillingCase.Contact;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.FundingSource;
import org.peerpath.billing.BillingCase.GroupFormat;
import org.peerpath.billing.BillingCase.Setting;
import org.peerpath.billing.Finding.Severity;

/** The input and output values refuse contradictions and cannot be changed after the fact. */
class BillingCaseTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 5);

    @ParameterizedTest(name = "{0} with client present {1}: allowed = {2}")
    @CsvSource({
            "FACE_TO_FACE,            true,  true",
            "FACE_TO_FACE,            false, false",
            "PHONE,                   false, true",
            "PHONE,                   true,  false",
            "COLLATERAL_FAMILY,       true,  true",
            "COLLATERAL_FAMILY,       false, true",
            "COLLATERAL_PROFESSIONAL, true,  true",
            "COLLATERAL_PROFESSIONAL, false, true"})
    void clientPresenceMustAgreeWithTheContactType(ContactType type, boolean clientPresent, boolean allowed) {
        if (allowed) {
            assertThat(contact(type, clientPresent, Setting.INDIVIDUAL, null).clientPresent()).isEqualTo(clientPresent);
        } else {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> contact(type, clientPresent, Setting.INDIVIDUAL, null));
        }
    }

    @Test
    void individualContactCannotHaveAGroupFormat() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> contact(ContactType.FACE_TO_FACE, true, Setting.INDIVIDUAL, GroupFormat.PEER_LED));
    }

    @Test
    void missingSetsAreEmptyAndGivenCollectionsAreCopied() {
        Contact contact = contact(ContactType.FACE_TO_FACE, true, Setting.GROUP, GroupFormat.PEER_LED);
        assertThat(contact.activities()).isEmpty();
        assertThat(contact.supportTypes()).isEmpty();

        List<FundingSource> sources = new ArrayList<>(List.of(FundingSource.MEDICAID));
        BillingCase.Enrollee enrollee =
                new BillingCase.Enrollee(DAY, DAY, null, sources, false, null, null, true, null);
        sources.add(FundingSource.PA2);
        assertThat(enrollee.fundingSources()).containsExactly(FundingSource.MEDICAID);
        assertThat(enrollee.eligibilityCriteria()).isEmpty();
    }

    @Test
    void authorizationEndingBeforeItStartsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new Authorization("A", AuthorizationKind.GENERAL, DAY, DAY.minusDays(1), 1, 0));
    }

    @ParameterizedTest(name = "authorized {0}, used {1}")
    @CsvSource({"-1, 0", "0, -1"})
    void authorizationWithNegativeUnitsIsRefused(int authorized, int used) {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new Authorization("A", AuthorizationKind.GENERAL, DAY, DAY, authorized, used));
    }

    @Test
    void certificationEndingBeforeItStartsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Certification(BillingCase.CredentialType.CPRS, "TN", DAY,
                DAY.minusDays(1)));
    }

    @Test
    void negativeRollingWindowUsageIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CaseFixture.indiana().unitsUsedInRollingWindow(-1).build());
    }

    @Test
    void evaluationCannotClaimToBeBillableWithABlockingFinding() {
        Finding blocking = new Finding("UNITS_ZERO", "Nothing to bill.", Severity.BLOCKING, "docs");

        assertThatIllegalArgumentException().isThrownBy(() -> new BillingEvaluation(
                true, "H0038", List.of(), 0, null, null, DAY, 0, List.of(blocking), false));
    }

    @Test
    void warningsAndInformationDoNotBlockBilling() {
        Finding warning = new Finding("X.NOTE", "Heads up.", Severity.WARNING, "docs");
        Finding info = new Finding("X.INFO", "For your information.", Severity.INFO, "docs");

        BillingEvaluation evaluation = new BillingEvaluation(
                true, "H0038", List.of(), 1, null, null, DAY, 15, List.of(warning, info), false);

        assertThat(evaluation.billable()).isTrue();
        assertThat(evaluation.hasFinding("X.NOTE")).isTrue();
    }

    @Test
    void evaluationFindingsCannotBeChangedAfterward() {
        BillingEvaluation evaluation = CaseFixture.michigan().unsigned().evaluate();

        assertThatThrownBy(() -> evaluation.findings().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> evaluation.modifiers().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Contact contact(ContactType type, boolean clientPresent, Setting setting, GroupFormat format) {
        return new Contact(type, clientPresent, setting, format, null, null, null, null, null, null, null, false,
                null);
    }
}
