package org.peerpath.people;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import org.peerpath.database.Keyset;
import org.peerpath.audit.AuditTrail;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.InputProblems;
import org.peerpath.graphql.PageRequest;
import org.peerpath.graphql.RequestScope;
import org.peerpath.security.Viewer;

/**
 * Reads of people: caseloads, an organization's staff and enrollees, and the batch look-ups that keep nested
 * GraphQL fields free of N+1 queries. Lists are keyset-paged on (sort name, id) and always scoped in the query
 * itself to what the viewer may see.
 */
@Service
public class PeopleDirectory implements SmartInitializingSingleton {

    static final int MAX_SEARCH = 100;

    private static final Keyset<String> BY_SORT_NAME = Keyset.ascending("sortName", Function.identity());
    private static final Keyset<String> BY_LAST_NAME = Keyset.ascending("lastName", Function.identity());

    private final MongoTemplate mongo;
    private final AuditTrail trail;
    private final Clock clock;

    PeopleDirectory(MongoTemplate mongo, AuditTrail trail, Clock clock) {
        this.mongo = mongo;
        this.trail = trail;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(Enrollee.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("coachId", Sort.Direction.ASC).on("sortName", Sort.Direction.ASC).named("org_coach_name"));
        // The jobs walk an organization's enrollees in id order (database.IdPages).
        mongo.indexOps(Enrollee.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC).named("org_id"));
        // The dashboard's face-to-face compliance counts clients whose acute treatment ended in the last months.
        mongo.indexOps(Enrollee.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("acuteTreatmentEndedOn", Sort.Direction.ASC).named("org_acute_end"));
        mongo.indexOps(StaffMember.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("lastName", Sort.Direction.ASC).named("org_name"));
        mongo.indexOps(Authorization.class).createIndex(new Index().on("enrolleeId", Sort.Direction.ASC)
                .on("validFrom", Sort.Direction.ASC).named("enrollee_from"));
        // The dashboard's units near their limit walk an organization's authorizations in id order (issue 16).
        mongo.indexOps(Authorization.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC).named("org_id"));
    }

    /**
     * Every organization's id, for the jobs that walk every organization: read from the organizations collection,
     * never as the distinct organizations of a large collection (the embedded server answers a distinct by reading
     * its whole collection at once: issue 16, out of memory on a restart at 1,000,000 contacts).
     */
    public List<String> organizationIds() {
        return mongo.findDistinct(new Query(), "_id", Organization.class, String.class);
    }

    /** Whether a sign-in subject belongs to someone (demo sign-in refuses unknown logins). */
    public boolean hasAccount(String subject) {
        return mongo.findById(subject, Identity.class) != null;
    }

    /**
     * The viewer's organization, read once per query (issue 16: the dashboard's fields each asked for it, three
     * reads a request). A mutation or a job reads it afresh every time ({@link RequestScope}).
     */
    public Organization organizationOf(Viewer viewer) {
        Optional<ReadOrganization> query = viewer.requestScope().part(ReadOrganization.class,
                ReadOrganization::new);
        Organization read = query.map(ReadOrganization::get).orElse(null);
        if (read != null) {
            return read;
        }
        Organization organization = mongo.findById(viewer.organizationId(), Organization.class);
        if (organization == null) {
            throw DomainException.notFound("Organization " + viewer.organizationId());
        }
        query.ifPresent(q -> q.set(organization));
        return organization;
    }

    /** The organization one query read ({@link #organizationOf}). */
    private static final class ReadOrganization extends AtomicReference<Organization> {
    }

    /**
     * The ids of the enrollees on the viewer's own caseload (for features that list across a caseload). Bounded by
     * construction: one coach's caseload, ids only, never the organization's (issue 19).
     */
    public List<String> caseloadIds(Viewer viewer) {
        Query query = Query.query(Criteria.where("organizationId").is(viewer.organizationId()).and("coachId")
                .is(viewer.personId()));
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, mongo.getCollectionName(Enrollee.class)).stream()
                .map(document -> document.getString("_id")).toList();
    }

    /** Enrollees the viewer may list: a coach's own caseload, or for overseers the organization's. */
    Connection<Enrollee> enrollees(Viewer viewer, String coachId, ProgramStatus status, String search,
            PageRequest page, String operation) {
        Criteria criteria = Criteria.where("organizationId").is(viewer.organizationId());
        if (coachId != null) {
            criteria = criteria.and("coachId").is(coachId);
        }
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        if (search != null && !search.isBlank()) {
            criteria = criteria.and("searchText").regex(Pattern.quote(searchText(search)));
        }
        List<Enrollee> rows = mongo.find(BY_SORT_NAME.query(criteria, page), Enrollee.class);
        Connection<Enrollee> connection = Connection.of(rows, page, e -> BY_SORT_NAME.cursor(e.sortName(), e.id()));
        trail.allowed(viewer, operation, connection.edges().stream().map(edge -> edge.node().id()).toList());
        return connection;
    }

    /**
     * What a search looks for: at most {@value #MAX_SEARCH} characters of printable text (a name or a Medicaid
     * id), matched literally, so its cost does not depend on what was typed.
     */
    private static String searchText(String search) {
        String text = search.trim();
        new InputProblems().check(text.length() > MAX_SEARCH, "'search' must be at most " + MAX_SEARCH + " characters.")
                .check(text.chars().anyMatch(Character::isISOControl), "'search' must not contain control characters.")
                .throwIfAny();
        return text.toLowerCase(java.util.Locale.ROOT);
    }

    Connection<StaffMember> staff(Viewer viewer, StaffRole role, PageRequest page) {
        Criteria criteria = Criteria.where("organizationId").is(viewer.organizationId());
        if (role != null) {
            criteria = criteria.and("role").is(role);
        }
        return Connection.of(mongo.find(BY_LAST_NAME.query(criteria, page), StaffMember.class), page,
                s -> BY_LAST_NAME.cursor(s.lastName(), s.id()));
    }

    /** One staff member of the viewer's organization, or NOT_FOUND. */
    public StaffMember staffMember(Viewer viewer, String staffId) {
        StaffMember staff = mongo.findById(Ids.require(staffId, "id"), StaffMember.class);
        if (staff == null || !staff.organizationId().equals(viewer.organizationId())) {
            throw DomainException.notFound("Staff member " + staffId);
        }
        return staff;
    }

    /** Staff members by id, in one query (for nested fields such as an enrollee's coach); bounded by the ids given. */
    public List<StaffMember> staffByIds(Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), StaffMember.class);
    }

    /**
     * Summaries of the staff members among {@code ids} who belong to the viewer's organization, by id, with the
     * credentials valid today in its zone: two queries whatever the number of ids (the staff, the organization).
     * For nested fields of records the viewer was already allowed to see; ids of other organizations are left out.
     */
    public Map<String, StaffMemberSummary> staffSummaries(Viewer viewer, Collection<String> ids) {
        List<String> wanted = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        LocalDate today = LocalDate.now(clock.withZone(organizationOf(viewer).zone()));
        Map<String, StaffMemberSummary> summaries = new java.util.HashMap<>();
        for (StaffMember staff : staffByIds(wanted)) {
            if (staff.organizationId().equals(viewer.organizationId())) {
                summaries.put(staff.id(), new StaffMemberSummary(staff.id(), staff.organizationId(),
                        staff.displayName(), staff.role(), staff.certifications().stream()
                                .filter(certification -> certification.activeOn(today)).map(Certification::kind)
                                .filter(StaffMemberSummary::isCredential).distinct().sorted().toList()));
            }
        }
        return summaries;
    }

    /** The authorizations of several enrollees (a page's), in one query; bounded by the ids given. */
    public List<Authorization> authorizationsOf(Collection<String> enrolleeIds) {
        return mongo.find(Query.query(Criteria.where("enrolleeId").in(enrolleeIds))
                .with(Sort.by("validFrom", "_id")), Authorization.class);
    }

    /**
     * The child enrollee a parent's or legal guardian's record names, read so billing can judge a service to the
     * parent (CMS FAQ A5: for a Medicaid-eligible child), and audited as opened by {@code viewer} for
     * {@code operation}; null when the record names none, or names one that is not of the parent's organization.
     */
    public Enrollee childOf(Viewer viewer, Enrollee parent, String operation) {
        if (parent.childEnrolleeId() == null) {
            return null;
        }
        Enrollee child = mongo.findById(parent.childEnrolleeId(), Enrollee.class);
        if (child == null || !child.organizationId().equals(parent.organizationId())) {
            return null;
        }
        trail.allowed(viewer, operation, child.id());
        return child;
    }

    /** The authorizations of one enrollee, for features that check them (billing). */
    public List<Authorization> authorizationsOf(String enrolleeId) {
        return authorizationsOf(List.of(enrolleeId));
    }
}
