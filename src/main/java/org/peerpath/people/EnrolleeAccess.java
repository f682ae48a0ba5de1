package org.peerpath.people;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.RequestScope;
import org.peerpath.security.Viewer;

/**
 * The one access policy for enrollee records, reused by every feature (plans, consent, contacts, ...).
 * Deny by default: a coach sees the enrollees assigned to them, a supervisor or administrator the enrollees of
 * their organization, an enrollee only themself. A record the viewer may not see is answered exactly as one
 * that does not exist (NOT_FOUND), so its existence does not leak. Every decision is audited: each denial as
 * it happens; within a query, the allowed reads of one enrollee as one event ({@link AuditTrail#allowed}).
 */
@Service
public class EnrolleeAccess {

    private final MongoTemplate mongo;
    private final AuditTrail trail;

    EnrolleeAccess(MongoTemplate mongo, AuditTrail trail) {
        this.mongo = mongo;
        this.trail = trail;
    }

    /** Whether {@code viewer} may see {@code enrollee}'s record at all. */
    public static boolean maySee(Viewer viewer, Enrollee enrollee) {
        if (!enrollee.organizationId().equals(viewer.organizationId())) {
            return false;
        }
        return switch (viewer.role()) {
            case ENROLLEE -> viewer.personId().equals(enrollee.id());
            case RECOVERY_COACH, RECOVERY_ASSOCIATE -> viewer.personId().equals(enrollee.coachId());
            case SUPERVISOR, ADMIN -> true;
        };
    }

    /**
     * Opens the enrollee's record for {@code operation} (a read or a write), auditing the access; NOT_FOUND,
     * audited as denied, when the viewer may not see it.
     */
    public Enrollee open(Viewer viewer, String enrolleeId, String operation) {
        String id = Ids.require(enrolleeId, "enrolleeId");
        Enrollee enrollee = find(viewer, id);
        if (enrollee == null) {
            trail.denied(viewer, operation, id);
            throw DomainException.notFound("Enrollee " + id);
        }
        if (!maySee(viewer, enrollee)) {
            trail.denied(viewer, operation, id, enrollee.organizationId());
            throw DomainException.notFound("Enrollee " + id);
        }
        trail.allowed(viewer, operation, id);
        return enrollee;
    }

    /**
     * The enrollee's record as this query first read it (issue 16): a client-detail request whose fields each
     * open the same enrollee reads it once. The policy is still applied at every open (it is pure); only the read
     * is shared, and only within a query ({@link RequestScope}), which changes nothing. A mutation reads afresh.
     */
    private Enrollee find(Viewer viewer, String id) {
        Optional<Opened> query = viewer.requestScope().part(Opened.class, Opened::new);
        if (query.isEmpty()) {
            return mongo.findById(id, Enrollee.class);
        }
        Map<String, Enrollee> opened = query.get().byId;
        Enrollee enrollee = opened.get(id);
        if (enrollee == null) {
            enrollee = mongo.findById(id, Enrollee.class);
            if (enrollee != null) {
                opened.put(id, enrollee);
            }
        }
        return enrollee;
    }

    /** The enrollee records one query read for its access checks, by id. */
    private static final class Opened {

        final Map<String, Enrollee> byId = new ConcurrentHashMap<>();
    }

    /**
     * Whether {@code viewer} wrote {@code authorId}'s record of {@code enrollee}: the coach (or associate) who
     * delivered a service keeps their own contacts of a client after the client moved to another coach (issue 10,
     * item 4), and nothing else of that client's record.
     */
    public static boolean isAuthor(Viewer viewer, Enrollee enrollee, String authorId) {
        return viewer.role().carriesCaseload() && viewer.personId().equals(authorId)
                && enrollee.organizationId().equals(viewer.organizationId());
    }

    /**
     * Opens the enrollee's record behind another record of theirs (a consent, a contact, an outreach task, a
     * plan) that the viewer asked for by its id, for {@code operation}. {@code enrolleeId} is the record's
     * enrollee, or null when no record has that id. Every refusal is audited (filed under the record's
     * organization when there is one, so its supervisors see attempts from outside) and reads word for word like
     * an unknown id of that kind, e.g. "Consent &lt;id&gt; was not found.": whether the record exists, and whose
     * it is, does not leak. For {@code staffOnly} records an enrollee is refused before any lookup, so a real
     * id and a random one get the same FORBIDDEN.
     */
    public Enrollee openThrough(Viewer viewer, String kind, String recordId, String enrolleeId, String operation,
            boolean staffOnly) {
        return openThrough(viewer, kind, recordId, enrolleeId, null, operation, staffOnly);
    }

    /**
     * As above, for a record with an author ({@code authorId}, e.g. the coach who logged a contact): besides
     * everyone who may see the enrollee, its author may open it ({@link #isAuthor}), even after the client moved
     * to another coach. What the author gets is this one record; the enrollee itself stays closed to them.
     */
    public Enrollee openThrough(Viewer viewer, String kind, String recordId, String enrolleeId, String authorId,
            String operation, boolean staffOnly) {
        if (staffOnly && viewer.isEnrollee()) {
            trail.denied(viewer, operation, enrolleeId != null ? enrolleeId : recordId);
            throw DomainException.forbidden("This is for staff only.");
        }
        return decide(viewer, kind, recordId, enrolleeId, operation,
                enrollee -> maySee(viewer, enrollee) || isAuthor(viewer, enrollee, authorId));
    }

    /**
     * Opens the enrollee's record behind a record only its author may change ({@code authorId}, e.g. a contact,
     * which only the coach who delivered the service signs, amends or voids, whoever the client's coach is now).
     * Staff who carry no caseload are refused (FORBIDDEN, audited) before any lookup; anyone else but the author
     * gets exactly the answer of an unknown id, audited.
     */
    public Enrollee openAsAuthor(Viewer viewer, String kind, String recordId, String enrolleeId, String authorId,
            String operation) {
        if (!viewer.role().carriesCaseload()) {
            trail.denied(viewer, operation, enrolleeId != null ? enrolleeId : recordId);
            throw DomainException.forbidden("Only the coach who delivered the service may change it.");
        }
        return decide(viewer, kind, recordId, enrolleeId, operation, enrollee -> isAuthor(viewer, enrollee, authorId));
    }

    private Enrollee decide(Viewer viewer, String kind, String recordId, String enrolleeId, String operation,
            Predicate<Enrollee> allowed) {
        Enrollee enrollee = enrolleeId == null ? null : find(viewer, enrolleeId);
        if (enrollee == null) {
            trail.denied(viewer, operation, enrolleeId != null ? enrolleeId : recordId);
            throw DomainException.notFound(kind + " " + recordId);
        }
        if (!allowed.test(enrollee)) {
            trail.denied(viewer, operation, enrollee.id(), enrollee.organizationId());
            throw DomainException.notFound(kind + " " + recordId);
        }
        trail.allowed(viewer, operation, enrollee.id());
        return enrollee;
    }

    /**
     * As {@link #open}, for views meant for staff only (billing, authorizations, narratives): an enrollee asking
     * is refused (and audited) even for their own record.
     */
    public Enrollee openForStaff(Viewer viewer, String enrolleeId, String operation) {
        if (viewer.isEnrollee()) {
            trail.denied(viewer, operation, Ids.require(enrolleeId, "enrolleeId"));
            throw DomainException.forbidden("This is for staff only.");
        }
        return open(viewer, enrolleeId, operation);
    }
}
