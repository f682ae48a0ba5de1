package org.peerpath.people;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Services authorized for an enrollee over a date range (inclusive), in units of 15 minutes; {@code
 * unitsAuthorized} is null for a plan of care that states no units (coverage only).
 * {@code unitsUsed} is only ever changed by guarded single-document updates when contacts are signed or voided.
 */
@Document("authorizations")
public record Authorization(@Id String id, String organizationId, String enrolleeId, AuthorizationKind kind,
        LocalDate validFrom, LocalDate validTo, Integer unitsAuthorized, int unitsUsed, Instant createdAt,
        String creationDigest) {

    public boolean covers(LocalDate date) {
        return !date.isBefore(validFrom) && !date.isAfter(validTo);
    }
}
