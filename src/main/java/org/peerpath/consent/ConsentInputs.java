package org.peerpath.consent;

import java.time.LocalDate;

import org.peerpath.consent.ConsentElements.RecipientKind;
import org.peerpath.consent.ConsentElements.SignerKind;

/**
 * The inputs of the consent mutations, as graphql/consent.graphqls defines them. The elements of a consent are
 * nullable on purpose: a missing one reaches {@link ConsentElements} and is reported with all the others.
 */
public final class ConsentInputs {

    private ConsentInputs() {
    }

    public record RecordConsentInput(String id, String enrolleeId, RecipientInput recipient, String purpose,
            String informationScope, Boolean includesSubstanceUseInformation, String revocationRights,
            LocalDate effectiveOn, LocalDate expiresOn, String expirationEvent, SignatureInput signature,
            LocalDate signedOn) {
    }

    /** {@code emergencyContactId} links the recipient to one of the enrollee's emergency contacts. */
    public record RecipientInput(RecipientKind kind, String name, String relationship, String phone,
            String emergencyContactId) {
    }

    public record SignatureInput(String signerName, SignerKind signedBy, String representativeRelationship) {
    }

    public record RevokeConsentInput(String consentId, String note) {
    }

    public record RecordExpirationEventInput(String consentId, LocalDate occurredOn) {
    }

    /**
     * A sharing of information under a consent. {@code contactId} optionally names the collateral contact
     * (logged by the contacts feature) during which it happened.
     */
    public record RecordDisclosureInput(String id, String consentId, LocalDate disclosedOn, String informationShared,
            Boolean includesSubstanceUseInformation, String contactId) {
    }
}
