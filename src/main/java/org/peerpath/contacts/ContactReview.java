package org.peerpath.contacts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.contacts.Contact.HistoryEntry;
import org.peerpath.contacts.Contact.Status;
import org.peerpath.database.Keyset;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.CountedConnection;
import org.peerpath.graphql.Dates;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.InputProblems;
import org.peerpath.graphql.PageRequest;
import org.peerpath.people.Certification;
import org.peerpath.people.EnrolleeAccess;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.StaffMember;
import org.peerpath.people.SupervisorAssignment;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * Note review and co-signature (issue 12, item 1; sources in {@link ReviewPolicy}): the supervisor of a contact's
 * coach on its date of service approves it (co-signature) or returns it for correction; the coach corrects it
 * with an addendum and resubmits. Each step is one conditional update of the contact on its version, so of two
 * racing reviews one wins; no step touches the unit ledgers (the units stay reserved from signing, counted once).
 */
@Service
public class ContactReview {

    private static final Keyset<Instant> OLDEST_SIGNED_FIRST = Keyset.ascending("signedAt", Dates::instant);
    static final int MAX_COMMENT = 2000;

    private final MongoTemplate mongo;
    private final EnrolleeAccess access;
    private final PeopleDirectory directory;
    private final AuditTrail trail;
    private final Clock clock;

    ContactReview(MongoTemplate mongo, EnrolleeAccess access, PeopleDirectory directory, AuditTrail trail,
            Clock clock) {
        this.mongo = mongo;
        this.access = access;
        this.directory = directory;
        this.trail = trail;
        this.clock = clock;
    }

    record ApproveContactInput(String id, long expectedVersion) {
    }

    record ReturnContactInput(String id, long expectedVersion, String comment) {
    }

    record ResubmitContactInput(String id, long expectedVersion) {
    }

    record SetReviewPolicyInput(ReviewPolicy policy, long expectedVersion) {
    }

    // ---- criteria other reads use ----

    /** A review waits (awaiting or returned): the contact is not billable yet. */
    static Criteria pending() {
        return Criteria.where("review.status").in(Review.Status.AWAITING_REVIEW, Review.Status.RETURNED);
    }

    /** No review waits: no review at all, or an approved one. */
    static Criteria notPending() {
        return new Criteria().orOperator(Criteria.where("review").is(null),
                Criteria.where("review.status").is(Review.Status.APPROVED));
    }

    /** Signed, billable by the rules, and not waiting for a review: what counts as billable. */
    static Criteria billableNow() {
        return new Criteria().andOperator(Criteria.where("status").is(Status.SIGNED),
                Criteria.where("billing.billable").is(true), notPending());
    }

    // ---- the policy ----

    /** The viewer's organization's policy (staff only). */
    ReviewPolicySetting policy(Viewer viewer) {
        if (viewer.isEnrollee()) {
            throw DomainException.forbidden("This is for staff only.");
        }
        return policyOf(viewer.organizationId());
    }

    private ReviewPolicySetting policyOf(String organizationId) {
        ReviewPolicySetting stored = mongo.findById(organizationId, ReviewPolicySetting.class);
        return stored != null ? stored : new ReviewPolicySetting(organizationId, ReviewPolicy.DEFAULT, 0, List.of());
    }

    /** Administrators: the organization's policy from now on; contacts already signed keep their review. */
    ReviewPolicySetting setPolicy(Viewer viewer, SetReviewPolicyInput input) {
        if (viewer.role() != Role.ADMIN) {
            throw DomainException.forbidden("Only administrators set the review policy.");
        }
        new InputProblems().check(input.policy() == null, "'policy' is required.").throwIfAny();
        ReviewPolicySetting current = policyOf(viewer.organizationId());
        if (current.version() != input.expectedVersion()) {
            throw conflict(current.version());
        }
        if (current.policy() == input.policy()) {
            return current;
        }
        ReviewPolicySetting.Change change = new ReviewPolicySetting.Change(clock.instant(), viewer.personId(),
                current.policy(), input.policy());
        if (current.version() == 0) {
            try {
                return mongo.insert(new ReviewPolicySetting(viewer.organizationId(), input.policy(), 1,
                        List.of(change)));
            }
            catch (DuplicateKeyException raced) {
                throw conflict(policyOf(viewer.organizationId()).version());
            }
        }
        ReviewPolicySetting updated = mongo.findAndModify(Query.query(Criteria.where("_id")
                .is(viewer.organizationId()).and("version").is(input.expectedVersion())),
                new Update().set("policy", input.policy()).push("changes", change).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), ReviewPolicySetting.class);
        if (updated == null) {
            throw conflict(policyOf(viewer.organizationId()).version());
        }
        return updated;
    }

    private static DomainException conflict(long version) {
        return DomainException.conflict("The review policy was changed elsewhere (now version " + version
                + "). Reload and try again.", Map.of("currentVersion", version));
    }

    /** The review a contact the viewer signs now needs under their organization's policy; null for none. */
    Review onSigning(Viewer viewer, boolean flagged) {
        String reason = policyOf(viewer.organizationId()).policy()
                .reviewReason(viewer.role() == Role.RECOVERY_ASSOCIATE, flagged);
        return reason == null ? null : Review.awaiting(reason);
    }

    // ---- the supervisor's steps ----

    Contact approve(Viewer viewer, ApproveContactInput input) {
        Contact current = reviewable(viewer, input.id(), "approveContact");
        if (current.review() != null && current.review().status() == Review.Status.APPROVED
                && viewer.personId().equals(current.review().approvedBy())) {
            return current; // a retry of the approval that already happened
        }
        requireAwaiting(current);
        requireVersion(current, input.expectedVersion());
        StaffMember supervisor = directory.staffByIds(List.of(viewer.personId())).stream().findFirst()
                .orElseThrow(() -> DomainException.forbidden("Only supervisors review contacts."));
        Instant now = clock.instant();
        String credential = credential(supervisor, LocalDate.ofInstant(now, directory.organizationOf(viewer)
                .zone()));
        Review approved = new Review(Review.Status.APPROVED, current.review().reason(), viewer.personId(), now,
                credential, current.review().returnedBy(), current.review().returnedAt(), current.review().comment());
        return guarded(current, input.expectedVersion(), Review.Status.AWAITING_REVIEW, new Update()
                .set("review", approved).push("history", new HistoryEntry(now, viewer.personId(), "APPROVED",
                        "co-signed" + (credential == null ? "" : " (" + credential + ")"))));
    }

    Contact returnForCorrection(Viewer viewer, ReturnContactInput input) {
        Contact current = reviewable(viewer, input.id(), "returnContactForCorrection");
        new InputProblems().text(input.comment(), "comment", MAX_COMMENT).throwIfAny();
        requireAwaiting(current);
        requireVersion(current, input.expectedVersion());
        Instant now = clock.instant();
        String comment = input.comment().trim();
        Review returned = new Review(Review.Status.RETURNED, current.review().reason(), null, null, null,
                viewer.personId(), now, comment);
        // Nothing is released: the units stay reserved while the coach corrects the note.
        return guarded(current, input.expectedVersion(), Review.Status.AWAITING_REVIEW, new Update()
                .set("review", returned).push("history", new HistoryEntry(now, viewer.personId(),
                        "RETURNED_FOR_CORRECTION", comment)));
    }

    /** The coach who signed it sends a returned contact back, after correcting it with an addendum. */
    Contact resubmit(Viewer viewer, ResubmitContactInput input) {
        String id = Ids.require(input.id(), "id");
        Contact current = mongo.findById(id, Contact.class);
        access.openAsAuthor(viewer, "Contact", id, current == null ? null : current.enrolleeId(),
                current == null ? null : current.coachId(), "resubmitContact");
        if (current.review() != null && current.review().status() == Review.Status.AWAITING_REVIEW
                && current.version() == input.expectedVersion() + 1 && !current.history().isEmpty()
                && current.history().get(current.history().size() - 1).action().equals("RESUBMITTED")) {
            return current; // a retry of the resubmission that already happened
        }
        if (current.status() != Status.SIGNED || current.review() == null
                || current.review().status() != Review.Status.RETURNED) {
            throw DomainException.validation("Only a contact returned for correction is resubmitted.");
        }
        requireVersion(current, input.expectedVersion());
        Instant returnedAt = current.review().returnedAt();
        if (current.addenda().stream().noneMatch(a -> !a.at().isBefore(returnedAt))) {
            throw DomainException.validation("Correct the contact with an addendum (amendContact) before"
                    + " resubmitting it.");
        }
        Review again = new Review(Review.Status.AWAITING_REVIEW, current.review().reason(), null, null, null,
                current.review().returnedBy(), returnedAt, current.review().comment());
        return guarded(current, input.expectedVersion(), Review.Status.RETURNED, new Update().set("review", again)
                .push("history", new HistoryEntry(clock.instant(), viewer.personId(), "RESUBMITTED", null)));
    }

    // ---- the lists ----

    /**
     * The contacts awaiting the viewer's review, oldest signature first: contacts of the staff the viewer
     * supervised on each contact's date of service. Two queries whatever the team's size (the supervisees, then
     * one page of contacts), and one audit write.
     */
    Connection<Contact> reviewQueue(Viewer viewer, PageRequest page) {
        Criteria scope = reviewQueueScope(viewer);
        if (scope == null) {
            return Connection.of(List.of(), page, c -> OLDEST_SIGNED_FIRST.cursor(c.signedAt(), c.id()));
        }
        return audited(viewer, "reviewQueue", scope, page);
    }

    /**
     * How many contacts await the viewer's review and one page of them, for the dashboard: the supervisees are read
     * once for both (the count reads nothing else).
     */
    CountedConnection<Contact> reviewQueuePage(Viewer viewer, PageRequest page) {
        Criteria scope = reviewQueueScope(viewer);
        if (scope == null) {
            return CountedConnection.of(0, Connection.of(List.of(), page,
                    c -> OLDEST_SIGNED_FIRST.cursor(c.signedAt(), c.id())));
        }
        return CountedConnection.of(mongo.count(Query.query(scope), Contact.class),
                audited(viewer, "reviewQueue", scope, page));
    }

    /** The contacts awaiting the viewer's review, as one criterion; null when the viewer supervised no one. */
    private Criteria reviewQueueScope(Viewer viewer) {
        if (viewer.role() != Role.SUPERVISOR && viewer.role() != Role.ADMIN) {
            throw DomainException.forbidden("Only supervisors review contacts.");
        }
        List<Criteria> periods = new ArrayList<>();
        Query supervisees = Query.query(Criteria.where("organizationId").is(viewer.organizationId())
                .orOperator(Criteria.where("supervisorAssignments.supervisorId").is(viewer.personId()),
                        Criteria.where("supervisorId").is(viewer.personId())));
        // Only what the periods are made of: a team's records are read whole nowhere on the dashboard.
        supervisees.fields().include("organizationId", "supervisorId", "supervisorAssignments", "active", "version");
        for (StaffMember staff : mongo.find(supervisees, StaffMember.class)) {
            for (SupervisorAssignment assignment : staff.supervisorAssignments()) {
                if (!viewer.personId().equals(assignment.supervisorId()) || staff.id().equals(viewer.personId())) {
                    continue;
                }
                Criteria period = Criteria.where("coachId").is(staff.id());
                if (assignment.from() != null && assignment.to() != null) {
                    period = period.and("dateOfService").gte(assignment.from()).lte(assignment.to());
                }
                else if (assignment.from() != null) {
                    period = period.and("dateOfService").gte(assignment.from());
                }
                else if (assignment.to() != null) {
                    period = period.and("dateOfService").lte(assignment.to());
                }
                periods.add(period);
            }
        }
        if (periods.isEmpty()) {
            return null;
        }
        return Criteria.where("organizationId").is(viewer.organizationId()).and("status").is(Status.SIGNED)
                .and("review.status").is(Review.Status.AWAITING_REVIEW)
                .orOperator(periods.toArray(Criteria[]::new));
    }

    /** The viewer's own contacts a supervisor returned for correction, oldest signature first. */
    Connection<Contact> returnedToMe(Viewer viewer, PageRequest page) {
        if (!viewer.role().carriesCaseload()) {
            throw DomainException.forbidden("Only coaches and associates have contacts returned to them.");
        }
        Criteria scope = Criteria.where("coachId").is(viewer.personId()).and("organizationId")
                .is(viewer.organizationId()).and("status").is(Status.SIGNED)
                .and("review.status").is(Review.Status.RETURNED);
        return audited(viewer, "returnedToMe", scope, page);
    }

    private Connection<Contact> audited(Viewer viewer, String operation, Criteria scope, PageRequest page) {
        Connection<Contact> connection = Connection.of(mongo.find(OLDEST_SIGNED_FIRST.query(scope, page),
                Contact.class), page, c -> OLDEST_SIGNED_FIRST.cursor(c.signedAt(), c.id()));
        trail.allowed(viewer, operation, connection.edges().stream().map(e -> e.node().enrolleeId()).distinct()
                .collect(Collectors.toList()));
        return connection;
    }

    // ---- helpers ----

    /**
     * The contact the viewer reviews: only the coach's supervisor on its date of service. Coaches and enrollees
     * are refused (FORBIDDEN); a supervisor of another team or organization gets exactly the answer of an unknown
     * id (NOT_FOUND); a supervisor's own contact is never co-signed by them (FORBIDDEN). Every refusal is audited.
     */
    private Contact reviewable(Viewer viewer, String contactId, String operation) {
        String id = Ids.require(contactId, "id");
        Contact contact = mongo.findById(id, Contact.class);
        if (viewer.role() != Role.SUPERVISOR && viewer.role() != Role.ADMIN) {
            if (contact == null) {
                trail.denied(viewer, operation, id);
            }
            else {
                trail.denied(viewer, operation, contact.enrolleeId(), contact.organizationId());
            }
            throw DomainException.forbidden("Only supervisors review contacts.");
        }
        if (contact == null) {
            trail.denied(viewer, operation, id);
            throw DomainException.notFound("Contact " + id);
        }
        if (contact.coachId().equals(viewer.personId()) && contact.organizationId().equals(viewer.organizationId())) {
            trail.denied(viewer, operation, contact.enrolleeId());
            throw DomainException.forbidden("A supervisor cannot co-sign their own contact.");
        }
        StaffMember coach = contact.organizationId().equals(viewer.organizationId())
                ? directory.staffByIds(List.of(contact.coachId())).stream().findFirst().orElse(null) : null;
        if (coach == null || !viewer.personId().equals(coach.supervisorIdOn(contact.dateOfService()))) {
            trail.denied(viewer, operation, contact.enrolleeId(), contact.organizationId());
            throw DomainException.notFound("Contact " + id);
        }
        trail.allowed(viewer, operation, contact.enrolleeId());
        return contact;
    }

    private static void requireAwaiting(Contact contact) {
        if (contact.status() != Status.SIGNED || contact.review() == null
                || contact.review().status() != Review.Status.AWAITING_REVIEW) {
            throw DomainException.validation("This contact is not awaiting review.");
        }
    }

    private static void requireVersion(Contact current, long expected) {
        if (current.version() != expected) {
            throw DomainException.conflict("This contact was changed elsewhere (now version " + current.version()
                    + "). Reload and try again.", Map.of("currentVersion", current.version()));
        }
    }

    /** The co-signer's credential on {@code day}: their supervisor qualification and active certifications. */
    private static String credential(StaffMember supervisor, LocalDate day) {
        List<String> parts = new ArrayList<>();
        if (supervisor.supervisorQualification() != null) {
            parts.add(supervisor.supervisorQualification().name());
        }
        for (Certification certification : supervisor.certifications()) {
            if (certification.activeOn(day)) {
                parts.add(certification.kind().name() + (certification.number() == null ? ""
                        : " " + certification.number()));
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /** One conditional update on the contact's version and review status: of two racing reviews one wins. */
    private Contact guarded(Contact current, long expectedVersion, Review.Status expected, Update update) {
        Contact updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(current.id())
                .and("version").is(expectedVersion).and("status").is(Status.SIGNED).and("review.status")
                .is(expected)), update.inc("version", 1), FindAndModifyOptions.options().returnNew(true),
                Contact.class);
        if (updated == null) {
            Contact now = mongo.findById(current.id(), Contact.class);
            throw DomainException.conflict("This contact was changed elsewhere (now version " + now.version()
                    + "). Reload and try again.", Map.of("currentVersion", now.version()));
        }
        return updated;
    }
}
