package org.peerpath.audit;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.graphql.Connection;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.PageRequest;
import org.peerpath.security.Viewer;

/** Supervisors and administrators read the audit trail of the enrollees of their own organization. */
@Controller
class AuditEventController {

    private final AuditTrail trail;

    AuditEventController(AuditTrail trail) {
        this.trail = trail;
    }

    @QueryMapping
    Connection<AuditEvent> auditEvents(@AuthenticationPrincipal Viewer viewer, @Argument String enrolleeId,
            @Argument Integer first, @Argument String after) {
        String id = Ids.require(enrolleeId, "enrolleeId");
        PageRequest page = PageRequest.of(first, after, 50);
        if (!viewer.role().overseesOrganization()) {
            trail.denied(viewer, "auditEvents", id);
            throw DomainException.forbidden("Only supervisors and administrators read the audit trail.");
        }
        if (!trail.knownIn(viewer.organizationId(), id)) {
            trail.denied(viewer, "auditEvents", id);
            throw DomainException.notFound("Enrollee " + id);
        }
        // Reading the trail is itself an access to the record, and the page shows it.
        trail.allowed(viewer, "auditEvents", id);
        trail.writeGathered(viewer);
        return trail.eventsOf(viewer, id, page);
    }
}
