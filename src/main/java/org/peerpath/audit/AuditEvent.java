package org.peerpath.audit;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One access to one enrollee's record, or one change the service made to it by itself (a repair), with what it
 * did in {@code detail} (null on an ordinary access). Never updated, never deleted.
 */
@Document("auditEvents")
public record AuditEvent(@Id String id, Instant at, String organizationId, String actorId, String actorRole,
        String operation, String enrolleeId, Outcome outcome, String detail) {

    /** An ordinary access, with no detail. */
    public AuditEvent(String id, Instant at, String organizationId, String actorId, String actorRole,
            String operation, String enrolleeId, Outcome outcome) {
        this(id, at, organizationId, actorId, actorRole, operation, enrolleeId, outcome, null);
    }

    public enum Outcome {
        ALLOWED,
        DENIED
    }
}
