package org.peerpath.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import org.peerpath.consent.ConsentElements.RecipientKind;
import org.peerpath.consent.ConsentElements.SignerKind;

/**
 * A written consent to disclose an enrollee's information to one recipient (42 CFR §2.31; Michigan guidance V).
 * Never deleted: revoked and expired consents stay in the history. Only {@code revocation} and
 * {@code expirationEventOccurredOn} ever change after creation, each once, by a conditional update.
 */
@Document("consents")
public record Consent(@Id String id, String organizationId, String enrolleeId, String enrolleeName,
        String disclosingOrganization, Recipient recipient, String purpose, String informationScope,
        boolean includesSubstanceUseInformation, String revocationRights, LocalDate effectiveOn, LocalDate expiresOn,
        String expirationEvent, LocalDate expirationEventOccurredOn, Signature signature, LocalDate signedOn,
        Revocation revocation, Instant recordedAt, String recordedBy, String creationDigest) {

    /** Every field, for a walk in pages that reads whole consents ({@code Keyset.forEach} reads what it is told). */
    static final List<String> FIELDS = List.of("organizationId", "enrolleeId", "enrolleeName",
            "disclosingOrganization", "recipient", "purpose", "informationScope", "includesSubstanceUseInformation",
            "revocationRights", "effectiveOn", "expiresOn", "expirationEvent", "expirationEventOccurredOn",
            "signature", "signedOn", "revocation", "recordedAt", "recordedBy", "creationDigest");

    /** The person or organization information may go to. */
    public record Recipient(RecipientKind kind, String name, String relationship, String phone,
            String emergencyContactId) {
    }

    /** Who signed, and for a representative their relationship to the enrollee. */
    public record Signature(String signerName, SignerKind signedBy, String representativeRelationship) {
    }

    /** When, how and by whom the consent was revoked. Effective from {@code revokedOn}. */
    public record Revocation(LocalDate revokedOn, Instant recordedAt, RevocationMethod method, String byId,
            String byRole, String note) {
    }

    /** How the enrollee revoked (42 CFR §2.31(a)(6): the right to revoke in writing). */
    public enum RevocationMethod {
        /** The enrollee's written request, recorded by their coach. */
        WRITTEN_REQUEST,
        /** The enrollee revoked in the app themself (an electronic writing). */
        IN_APP
    }

    /** The status of this consent on {@code date}. */
    public ConsentStatus statusOn(LocalDate date) {
        return ConsentStatus.on(effectiveOn, expiresOn, expirationEventOccurredOn,
                revocation == null ? null : revocation.revokedOn(), date);
    }
}
