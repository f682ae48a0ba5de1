package org.peerpath.contacts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Published when a coach signs a contact, for features that react to it (outreach closes an open
 * re-engagement task when the coach reached the client) without contacts knowing about them.
 */
public record ContactSigned(String contactId, String organizationId, String enrolleeId, String coachId,
        boolean withClient, boolean faceToFace, LocalDate dateOfService, Instant signedAt) {
}
