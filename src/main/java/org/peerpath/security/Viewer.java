package org.peerpath.security;

import org.peerpath.graphql.RequestScope;

/**
 * The signed-in person, resolved from the token's subject to a staff or enrollee record of one organization.
 * Every authorization decision starts from here. Made anew for every request, it also carries that request's
 * {@link RequestScope} (open while a query runs) into every field.
 */
public record Viewer(String personId, Role role, String organizationId, String displayName,
        RequestScope requestScope) implements RequestScope.Holder {

    /** A person with a scope of their own, opened only if a query runs as them. */
    public Viewer(String personId, Role role, String organizationId, String displayName) {
        this(personId, role, organizationId, displayName, new RequestScope());
    }

    public boolean isEnrollee() {
        return role == Role.ENROLLEE;
    }
}
