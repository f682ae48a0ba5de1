package org.peerpath.outreach;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One effort to re-engage a client (Michigan guidance XI.F): opened by the job when the client became disengaged,
 * or by hand; worked through attempts; closed when a contact with the client is signed (re-engaged), or by hand
 * as unable to reach or declined. {@code openKey} is the enrollee's id while the task is open and the task's own
 * id once closed: a unique index on it allows one open task per enrollee, on any server.
 */
@Document("outreachTasks")
record OutreachTask(@Id String id, String organizationId, String enrolleeId, String coachId, String openKey,
        Origin origin, Status status, Outcome outcome, String closeReason, String closedBy, String closedByContactId,
        Instant closedAt, LocalDate lastContactBefore, LocalDate openedOn, Instant openedAt, String openedBy,
        LocalDate dueOn, Instant escalatedAt, String note, List<Attempt> attempts, long version,
        String creationDigest) {

    OutreachTask {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    enum Origin {
        DISENGAGED,
        BY_HAND,
        MONTHLY_FACE_TO_FACE_MISSED
    }

    enum Status {
        OPEN,
        CLOSED
    }

    enum Outcome {
        RE_ENGAGED,
        UNABLE_TO_REACH,
        DECLINED
    }

    enum Method {
        PHONE,
        TEXT,
        LETTER,
        HOME_VISIT,
        EMERGENCY_CONTACT,
        FAMILY,
        JAIL_VISIT,
        HOSPITAL_VISIT,
        PROBATION_OR_COURT;

        /** Reaching out through a third person on the client's behalf needs the client's consent (42 CFR 2.31). */
        boolean throughAnotherPerson() {
            return this == EMERGENCY_CONTACT || this == FAMILY;
        }
    }

    enum AttemptOutcome {
        REACHED,
        RE_ENGAGED,
        NO_ANSWER,
        LEFT_MESSAGE,
        MOVED,
        DECLINED,
        INCARCERATED,
        HOSPITALIZED
    }

    /**
     * One try to reach the client. Saved even without consent for the person contacted, then flagged for review
     * with the reason, as contacts are.
     */
    record Attempt(String id, Method method, AttemptOutcome outcome, String notes, Instant at, String by,
            String emergencyContactId, String personContacted, boolean flaggedForReview, String consentReason,
            Instant recordedAt) {
    }

    public int attemptCount() {
        return attempts.size();
    }
}
