package org.peerpath.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One supervision session as its supervisor recorded it: when, how long, one supervisee or a group, what was
 * discussed. Created once under the client's id ({@code creationDigest} tells a retry from a reused id), never
 * changed afterwards.
 *
 * @param supervisorId the supervisor who led it and recorded it
 * @param heldOn the day it took place, in the organization's zone
 * @param superviseeIds the staff members supervised, each supervised by {@code supervisorId} on {@code heldOn}
 */
@Document("supervisionSessions")
record SupervisionSession(@Id String id, String organizationId, String supervisorId, LocalDate heldOn,
        int durationMinutes, Format format, List<String> superviseeIds, List<String> topics, String note,
        Instant recordedAt, String creationDigest) {

    SupervisionSession {
        superviseeIds = superviseeIds == null ? List.of() : List.copyOf(superviseeIds);
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /** One supervisee, or several at once. */
    enum Format {
        INDIVIDUAL,
        GROUP
    }
}
