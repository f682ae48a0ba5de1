package org.peerpath.consent;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One sharing of an enrollee's information under a consent: the entry of the accounting of disclosures the
 * enrollee may ask for (42 CFR §2.25 as added in 2024; HIPAA 45 CFR §164.528). Insert-only.
 */
@Document("disclosures")
public record Disclosure(@Id String id, String organizationId, String enrolleeId, String consentId,
        LocalDate disclosedOn, Consent.Recipient recipient, String purpose, String informationShared,
        boolean includesSubstanceUseInformation, String contactId, Instant recordedAt, String recordedBy,
        String creationDigest) {
}
