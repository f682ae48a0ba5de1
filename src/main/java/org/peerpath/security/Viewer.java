package org.peerpath.security;

/**
 * The signed-in person, resolved from the token's subject to a staff or enrollee record of one organization.
 * Every authorization decision starts from here.
 */
public record Viewer(String personId, Role role, String organizationId, String displayName) {

    public boolean isEnrollee() {
        return role == Role.ENROLLEE;
    }
}
