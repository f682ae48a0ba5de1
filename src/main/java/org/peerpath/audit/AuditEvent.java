package org.peerpath.audit;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One access to one enrollee's record. Never updated, never deleted. */
@Document("auditEvents")
public record AuditEvent(@Id String id, Instant at, String organizationId, String actorId, String actorRole,
        String operation, String enrolleeId, Outcome outcome) {

    public enum Outcome {
        ALLOWED,
        DENIED
    }
}
