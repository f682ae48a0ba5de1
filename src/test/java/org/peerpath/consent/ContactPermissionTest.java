package org.peerpath.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.peerpath.consent.Consent.Recipient;
import org.peerpath.consent.Consent.Revocation;
import org.peerpath.consent.Consent.RevocationMethod;
import org.peerpath.consent.ConsentElements.RecipientKind;
import org.peerpath.consent.ContactPermission.Reason;

import static org.assertj.core.api.Assertions.assertThat;

class ContactPermissionTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);

    private static Consent consent(String id, String name, String contactId, LocalDate signedOn, LocalDate expiresOn,
            LocalDate revokedOn) {
        return new Consent(id, "org", "enrollee", "Jordan Rivers", "Agency",
                new Recipient(RecipientKind.PERSON, name, "sibling", "555", contactId), "purpose", "scope", false,
                "revoke in writing", signedOn, expiresOn, null, null, null, signedOn,
                revokedOn == null ? null : new Revocation(revokedOn, Instant.EPOCH, RevocationMethod.IN_APP, "x",
                        "ENROLLEE", null),
                Instant.EPOCH, "coach", "digest");
    }

    @Test
    void anActiveConsentForTheEmergencyContactAllowsContact() {
        Consent c = consent("c1", "Pat Rivers", "ec1", JAN_1, JAN_1.plusDays(30), null);
        ContactPermission p = ContactPermission.decide(List.of(c), "ec1", null, JAN_1.plusDays(5));
        assertThat(p.allowed()).isTrue();
        assertThat(p.consent()).isEqualTo(c);
        assertThat(p.reason()).isEqualTo(Reason.CONSENT_ACTIVE);
    }

    @Test
    void aConsentNamingThePersonAllowsContactWhateverTheSpellingOfSpaceAndCase() {
        Consent c = consent("c1", "Pat  Rivers", null, JAN_1, JAN_1.plusDays(30), null);
        assertThat(ContactPermission.decide(List.of(c), null, " pat rivers", JAN_1).allowed()).isTrue();
    }

    @Test
    void nobodyElseIsCovered() {
        Consent c = consent("c1", "Pat Rivers", "ec1", JAN_1, JAN_1.plusDays(30), null);
        ContactPermission p = ContactPermission.decide(List.of(c), "ec2", "Sam Other", JAN_1);
        assertThat(p.allowed()).isFalse();
        assertThat(p.reason()).isEqualTo(Reason.NO_CONSENT);
        assertThat(p.consent()).isNull();
    }

    /**
     * 42 CFR §2.31(a)(4)(i) makes a consent name the recipient; the general designations §2.31(a)(4)(ii)-(iii)
     * allows (treating providers, payers and program operations; an intermediary's treating participants) never
     * cover family members or emergency contacts. So a consent "to my family" covers nobody by relationship: the
     * sister needs a consent naming her (README, Billing rules, CONSENT_MISSING).
     */
    @Test
    void aConsentToACategoryOfPeopleCoversNoOneOfThatCategory() {
        Consent family = new Consent("c1", "org", "enrollee", "Jordan Rivers", "Agency",
                new Recipient(RecipientKind.PERSON, "My family members", "family", "555", null), "purpose", "scope",
                false, "revoke in writing", JAN_1, JAN_1.plusDays(90), null, null, null, JAN_1, null, Instant.EPOCH,
                "coach", "digest");

        ContactPermission sister = ContactPermission.decide(List.of(family), "ec1", "Pat Rivers", JAN_1.plusDays(5));
        assertThat(sister.allowed()).isFalse();
        assertThat(sister.reason()).isEqualTo(Reason.NO_CONSENT);
    }

    @Test
    void theLatestConsentExplainsARefusal() {
        Consent expired = consent("old", "Pat Rivers", "ec1", JAN_1, JAN_1.plusDays(10), null);
        Consent revoked = consent("new", "Pat Rivers", "ec1", JAN_1.plusDays(20), JAN_1.plusDays(90),
                JAN_1.plusDays(40));
        ContactPermission p = ContactPermission.decide(List.of(expired, revoked), "ec1", null, JAN_1.plusDays(50));
        assertThat(p.allowed()).isFalse();
        assertThat(p.reason()).isEqualTo(Reason.CONSENT_REVOKED);
        assertThat(p.consent().id()).isEqualTo("new");
        assertThat(ContactPermission.decide(List.of(expired), "ec1", null, JAN_1.plusDays(11)).reason())
                .isEqualTo(Reason.CONSENT_EXPIRED);
        assertThat(ContactPermission.decide(List.of(revoked), "ec1", null, JAN_1.plusDays(19)).reason())
                .isEqualTo(Reason.CONSENT_NOT_YET_VALID);
    }

    @Test
    void anyActiveConsentAllowsEvenWhenANewerOneWasRevoked() {
        Consent active = consent("a", "Pat Rivers", "ec1", JAN_1, JAN_1.plusDays(90), null);
        Consent revoked = consent("r", "Pat Rivers", "ec1", JAN_1.plusDays(5), JAN_1.plusDays(90), JAN_1.plusDays(6));
        assertThat(ContactPermission.decide(List.of(revoked, active), "ec1", null, JAN_1.plusDays(10)).consent().id())
                .isEqualTo("a");
    }
}
