package org.peerpath.consent;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The required elements of a written consent, as data: each element says when it is missing and where the rule
 * comes from. Pure (no Spring, no database), so the rules are tested on their own. A consent missing any
 * element is refused, naming every missing element at once.
 */
public final class ConsentElements {

    private ConsentElements() {
    }

    /** Who the consent lets information go to. */
    public enum RecipientKind {
        /** A named individual, such as a family member or an emergency contact. */
        PERSON,
        /** An entity, such as a probation office. */
        ORGANIZATION
    }

    /** Who signed. */
    public enum SignerKind {
        ENROLLEE,
        /** A person authorized to consent for the enrollee (42 CFR §2.14 minors, §2.15 incompetent/deceased). */
        AUTHORIZED_REPRESENTATIVE
    }

    /**
     * What a consent says, as submitted; any part may be absent. {@code includesSubstanceUseInformation} is a
     * Boolean on purpose: null means the consent does not say, which is itself a missing element.
     */
    public record Draft(String enrolleeName, String disclosingOrganization, RecipientKind recipientKind,
            String recipientName, String recipientRelationship, String recipientPhone, String purpose,
            String informationScope, Boolean includesSubstanceUseInformation, String revocationRights,
            LocalDate expiresOn, String expirationEvent, String signerName, SignerKind signerKind,
            String signerRelationship, LocalDate signedOn) {
    }

    /**
     * One required element. The codes are stable: clients read them from {@code extensions.missingElements}.
     * Citations: 42 CFR §2.31(a) as amended by the 2024 final rule (89 FR 12472), and the rule that a
     * person recipient is named with relationship and phone so the coach can reach the right person
     * (Michigan guidance V: letters and phone calls to family members only with written consent).
     */
    public enum Element {
        /** 42 CFR §2.31(a)(1): the name of the patient. Filled from the enrollee record. */
        PATIENT_NAME("the enrollee's name", d -> blank(d.enrolleeName())),
        /** 42 CFR §2.31(a)(2): who may disclose. Always the viewer's organization. */
        DISCLOSING_PARTY("who may disclose", d -> blank(d.disclosingOrganization())),
        /** 42 CFR §2.31(a)(4)(i): the name of the individual or entity the disclosure is made to. */
        RECIPIENT("the recipient's name", d -> d.recipientKind() == null || blank(d.recipientName())),
        /** Michigan guidance V (family members): a person recipient's relationship to the enrollee. */
        RECIPIENT_RELATIONSHIP("the recipient's relationship to the enrollee",
                d -> d.recipientKind() == RecipientKind.PERSON && blank(d.recipientRelationship())),
        /** Michigan guidance V (phone calls to family): how to reach a person recipient. */
        RECIPIENT_PHONE("the recipient's phone number",
                d -> d.recipientKind() == RecipientKind.PERSON && blank(d.recipientPhone())),
        /** 42 CFR §2.31(a)(5): the purpose of the disclosure. */
        PURPOSE("the purpose of the disclosure", d -> blank(d.purpose())),
        /** 42 CFR §2.31(a)(3): how much and what kind of information is to be disclosed. */
        INFORMATION_SCOPE("how much and what kind of information may be disclosed", d -> blank(d.informationScope())),
        /** 42 CFR §2.31(a)(3) as amended 2024: an explicit description of the SUD information that may be disclosed. */
        SUD_INFORMATION_STATEMENT("whether substance use information is included",
                d -> d.includesSubstanceUseInformation() == null),
        /** 42 CFR §2.31(a)(6): the right to revoke in writing and how to revoke. */
        REVOCATION_RIGHTS("the right to revoke in writing and how", d -> blank(d.revocationRights())),
        /** 42 CFR §2.31(a)(7): an expiration date, event or condition. */
        EXPIRATION("an expiration date or event", d -> d.expiresOn() == null && blank(d.expirationEvent())),
        /** 42 CFR §2.31(a)(8): the signature of the patient or of a person authorized to sign (§2.14, §2.15). */
        SIGNATURE("the signature of the enrollee or an authorized representative",
                d -> d.signerKind() == null || blank(d.signerName())),
        /** 42 CFR §2.31(a)(8) with §2.14/§2.15: a representative's authority, recorded as their relationship. */
        SIGNER_RELATIONSHIP("the representative's relationship to the enrollee",
                d -> d.signerKind() == SignerKind.AUTHORIZED_REPRESENTATIVE && blank(d.signerRelationship())),
        /** 42 CFR §2.31(a)(9): the date on which the consent is signed. */
        DATE_SIGNED("the date signed", d -> d.signedOn() == null);

        private final String description;
        private final Predicate<Draft> missing;

        Element(String description, Predicate<Draft> missing) {
            this.description = description;
            this.missing = missing;
        }

        public String description() {
            return description;
        }

        public boolean isMissingFrom(Draft draft) {
            return missing.test(draft);
        }
    }

    /** Every element {@code draft} lacks, in the order of {@link Element}; empty when the consent is complete. */
    public static List<Element> missing(Draft draft) {
        return Arrays.stream(Element.values()).filter(element -> element.isMissingFrom(draft)).toList();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
