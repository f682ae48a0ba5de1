package org.peerpath.people;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A coach, associate, supervisor or administrator of one organization. {@code supervisorAssignments} is who
 * supervised them when, oldest first; {@code supervisorId} repeats the assignment in force at the last write. A
 * record from before effective dates gets one open-ended assignment from its {@code supervisorId}.
 */
@Document("staff")
public record StaffMember(@Id String id, String organizationId, String firstName, String lastName, StaffRole role,
        String email, String supervisorId, SupervisorQualification supervisorQualification,
        List<Certification> certifications, boolean active, long version, Instant createdAt, String creationDigest,
        List<SupervisorAssignment> supervisorAssignments) {

    @PersistenceCreator
    public StaffMember {
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        supervisorAssignments = supervisorAssignments != null && !supervisorAssignments.isEmpty()
                ? List.copyOf(supervisorAssignments)
                : supervisorId == null ? List.of() : List.of(new SupervisorAssignment(supervisorId, null, null));
    }

    /** A new record: supervised by {@code supervisorId} (if any) from the start. */
    public StaffMember(String id, String organizationId, String firstName, String lastName, StaffRole role,
            String email, String supervisorId, SupervisorQualification supervisorQualification,
            List<Certification> certifications, boolean active, long version, Instant createdAt,
            String creationDigest) {
        this(id, organizationId, firstName, lastName, role, email, supervisorId, supervisorQualification,
                certifications, active, version, createdAt, creationDigest, null);
    }

    /** The supervisor on {@code date}, or null when none is on record for that day. */
    public String supervisorIdOn(LocalDate date) {
        return supervisorAssignments.stream().filter(a -> a.coversDay(date)).map(SupervisorAssignment::supervisorId)
                .reduce((first, later) -> later).orElse(null);
    }

    public String displayName() {
        return firstName + " " + lastName;
    }
}
