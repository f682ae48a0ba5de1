package org.peerpath.security;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A validated token whose subject was found on a person's record: the principal is the {@link Viewer}. */
public class ViewerAuthentication extends JwtAuthenticationToken {

    private final Viewer viewer;

    public ViewerAuthentication(Jwt jwt, Viewer viewer) {
        super(jwt, List.of(new SimpleGrantedAuthority("ROLE_" + viewer.role().name())), jwt.getSubject());
        this.viewer = viewer;
    }

    @Override
    public Object getPrincipal() {
        return viewer;
    }

    public Viewer viewer() {
        return viewer;
    }
}
