package org.peerpath.people;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

import org.peerpath.security.Role;
import org.peerpath.security.Viewer;
import org.peerpath.security.ViewerAuthentication;

/**
 * Turns a validated token into the signed-in person: the token's subject is looked up on the identities
 * collection, and the role and organization come from the person's record, never from the token's claims.
 * An unknown subject or an inactive staff member is not signed in (HTTP 401), and neither is a link naming a
 * person of another organization than the one it was made in: a sign-in never crosses organizations.
 */
@Component
class ViewerDirectory implements Converter<Jwt, AbstractAuthenticationToken> {

    private final MongoTemplate mongo;

    ViewerDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Identity identity = jwt.getSubject() == null ? null : mongo.findById(jwt.getSubject(), Identity.class);
        if (identity == null) {
            throw new InvalidBearerTokenException("This sign-in has no PeerPath account.");
        }
        return new ViewerAuthentication(jwt, switch (identity.kind()) {
            case STAFF -> {
                StaffMember staff = mongo.findById(identity.personId(), StaffMember.class);
                if (staff == null || !staff.active() || !staff.organizationId().equals(identity.organizationId())) {
                    throw new InvalidBearerTokenException("This staff account is not active.");
                }
                yield new Viewer(staff.id(), staff.role().asRole(), staff.organizationId(), staff.displayName());
            }
            case ENROLLEE -> {
                Enrollee enrollee = mongo.findById(identity.personId(), Enrollee.class);
                if (enrollee == null || !enrollee.organizationId().equals(identity.organizationId())) {
                    throw new InvalidBearerTokenException("This sign-in has no PeerPath account.");
                }
                yield new Viewer(enrollee.id(), Role.ENROLLEE, enrollee.organizationId(), enrollee.displayName());
            }
        });
    }
}
