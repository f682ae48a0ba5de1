package org.peerpath.people;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A coach, associate, supervisor or administrator of one organization. */
@Document("staff")
public record StaffMember(@Id String id, String organizationId, String firstName, String lastName, StaffRole role,
        String email, String supervisorId, SupervisorQualification supervisorQualification,
        List<Certification> certifications, boolean active, long version, Instant createdAt, String creationDigest) {

    public StaffMember {
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
    }

    public String displayName() {
        return firstName + " " + lastName;
    }
}
