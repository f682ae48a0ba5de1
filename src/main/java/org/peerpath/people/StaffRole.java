package org.peerpath.people;

import org.peerpath.security.Role;

/** A staff member's role. Associates are peers with less training (Michigan VIII). */
public enum StaffRole {
    RECOVERY_COACH,
    RECOVERY_ASSOCIATE,
    SUPERVISOR,
    ADMIN;

    Role asRole() {
        return Role.valueOf(name());
    }
}
