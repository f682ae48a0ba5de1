package org.peerpath.consent;

import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.peerpath.consent.ConsentElements.Draft;
import org.peerpath.consent.ConsentElements.Element;
import org.peerpath.consent.ConsentElements.RecipientKind;
import org.peerpath.consent.ConsentElements.SignerKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.consent.ConsentElements.Element.*;

class ConsentElementsTest {

    private static final Draft COMPLETE = new Draft("Jordan Rivers", "Lakeshore Recovery Community",
            RecipientKind.PERSON, "Pat Rivers", "sibling", "+1-555-0110", "Stay in touch",
            "Attendance and how to reach the enrollee", false, "Revoke in writing at any time, by letter or app",
            LocalDate.of(2026, 12, 31), null, "Jordan Rivers", SignerKind.ENROLLEE, null, LocalDate.of(2026, 11, 1));

    @Test
    void aCompleteConsentLacksNothing() {
        assertThat(ConsentElements.missing(COMPLETE)).isEmpty();
    }

    static Stream<Arguments> oneElementMissing() {
        return Stream.of(
                Arguments.of(PATIENT_NAME, edit(d -> with(d, "enrolleeName", " "))),
                Arguments.of(DISCLOSING_PARTY, edit(d -> with(d, "disclosingOrganization", null))),
                Arguments.of(RECIPIENT, edit(d -> with(d, "recipientName", ""))),
                Arguments.of(RECIPIENT, edit(d -> with(d, "recipientKind", null))),
                Arguments.of(RECIPIENT_RELATIONSHIP, edit(d -> with(d, "recipientRelationship", null))),
                Arguments.of(RECIPIENT_PHONE, edit(d -> with(d, "recipientPhone", "  "))),
                Arguments.of(PURPOSE, edit(d -> with(d, "purpose", null))),
                Arguments.of(INFORMATION_SCOPE, edit(d -> with(d, "informationScope", ""))),
                Arguments.of(SUD_INFORMATION_STATEMENT, edit(d -> with(d, "includesSubstanceUseInformation", null))),
                Arguments.of(REVOCATION_RIGHTS, edit(d -> with(d, "revocationRights", null))),
                Arguments.of(EXPIRATION, edit(d -> with(d, "expiresOn", null))),
                Arguments.of(SIGNATURE, edit(d -> with(d, "signerName", null))),
                Arguments.of(SIGNATURE, edit(d -> with(d, "signerKind", null))),
                Arguments.of(SIGNER_RELATIONSHIP, edit(d -> with(d, "signerKind",
                        SignerKind.AUTHORIZED_REPRESENTATIVE))),
                Arguments.of(DATE_SIGNED, edit(d -> with(d, "signedOn", null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void oneElementMissing(Element expected, UnaryOperator<Draft> change) {
        assertThat(ConsentElements.missing(change.apply(COMPLETE))).containsExactly(expected);
    }

    @Test
    void anExpirationEventStandsInForADate() {
        Draft byEvent = with(with(COMPLETE, "expiresOn", null), "expirationEvent", "Discharge");
        assertThat(ConsentElements.missing(byEvent)).isEmpty();
    }

    @Test
    void anOrganizationNeedsNoRelationshipOrPhone() {
        Draft probation = with(with(with(with(COMPLETE, "recipientKind", RecipientKind.ORGANIZATION), "recipientName",
                "County Probation Office"), "recipientRelationship", null), "recipientPhone", null);
        assertThat(ConsentElements.missing(probation)).isEmpty();
    }

    @Test
    void aRepresentativeWithRelationshipIsComplete() {
        Draft guardian = with(with(COMPLETE, "signerKind", SignerKind.AUTHORIZED_REPRESENTATIVE), "signerRelationship",
                "legal guardian");
        assertThat(ConsentElements.missing(guardian)).isEmpty();
    }

    @Test
    void everyMissingElementIsListedAtOnce() {
        Draft empty = new Draft("Jordan Rivers", "Lakeshore", null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        assertThat(ConsentElements.missing(empty)).containsExactly(RECIPIENT, PURPOSE, INFORMATION_SCOPE,
                SUD_INFORMATION_STATEMENT, REVOCATION_RIGHTS, EXPIRATION, SIGNATURE, DATE_SIGNED);
    }

    @Test
    void everyElementIsCheckedAndDescribed() {
        assertThat(List.of(Element.values())).allSatisfy(e -> assertThat(e.description()).isNotBlank());
    }

    private static UnaryOperator<Draft> edit(UnaryOperator<Draft> change) {
        return change;
    }

    /** A copy of {@code d} with one component changed (by name, so the table reads like the element list). */
    private static Draft with(Draft d, String component, Object value) {
        var components = Draft.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(d);
            }
            return Draft.class.getDeclaredConstructor(types).newInstance(values);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
