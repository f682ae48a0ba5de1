package org.peerpath.security;

/** What a signed-in person is, as recorded on their staff or enrollee record (never what the token claims). */
public enum Role {
    RECOVERY_COACH,
    RECOVERY_ASSOCIATE,
    SUPERVISOR,
    ADMIN,
    ENROLLEE;

    /** Coaches and associates both carry a caseload. */
    public boolean carriesCaseload() {
        return this == RECOVERY_COACH || this == RECOVERY_ASSOCIATE;
    }

    /** Supervisors and administrators see their whole organization. */
    public boolean overseesOrganization() {
        return this == SUPERVISOR || this == ADMIN;
    }

    public boolean isStaff() {
        return this != ENROLLEE;
    }
}
