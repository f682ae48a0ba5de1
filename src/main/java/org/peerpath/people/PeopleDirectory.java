package org.peerpath.people;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.Cursor;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.PageRequest;
import org.peerpath.security.Viewer;

/**
 * Reads of people: caseloads, an organization's staff and enrollees, and the batch look-ups that keep nested
 * GraphQL fields free of N+1 queries. Lists are keyset-paged on (sort name, id) and always scoped in the query
 * itself to what the viewer may see.
 */
@Service
public class PeopleDirectory implements SmartInitializingSingleton {

    private final MongoTemplate mongo;
    private final AuditTrail trail;

    PeopleDirectory(MongoTemplate mongo, AuditTrail trail) {
        this.mongo = mongo;
        this.trail = trail;
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(Enrollee.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("coachId", Sort.Direction.ASC).on("sortName", Sort.Direction.ASC).named("org_coach_name"));
        mongo.indexOps(StaffMember.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("lastName", Sort.Direction.ASC).named("org_name"));
        mongo.indexOps(Authorization.class).createIndex(new Index().on("enrolleeId", Sort.Direction.ASC)
                .on("validFrom", Sort.Direction.ASC).named("enrollee_from"));
    }

    /** Whether a sign-in subject belongs to someone (demo sign-in refuses unknown logins). */
    public boolean hasAccount(String subject) {
        return mongo.findById(subject, Identity.class) != null;
    }

    /** The viewer's organization. */
    public Organization organizationOf(Viewer viewer) {
        Organization organization = mongo.findById(viewer.organizationId(), Organization.class);
        if (organization == null) {
            throw DomainException.notFound("Organization " + viewer.organizationId());
        }
        return organization;
    }

    /** The ids of the enrollees on the viewer's own caseload (for features that list across a caseload). */
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
            criteria = criteria.and("searchText").regex(Pattern.quote(search.trim().toLowerCase(java.util.Locale.ROOT)));
        }
        if (page.after() != null) {
            List<String> keys = Cursor.decode(page.after(), 2);
            criteria = new Criteria().andOperator(criteria, new Criteria().orOperator(
                    Criteria.where("sortName").gt(keys.get(0)),
                    new Criteria().andOperator(Criteria.where("sortName").is(keys.get(0)),
                            Criteria.where("_id").gt(keys.get(1)))));
        }
        Query query = Query.query(criteria).with(Sort.by("sortName", "_id")).limit(page.fetchSize());
        List<Enrollee> rows = mongo.find(query, Enrollee.class);
        Connection<Enrollee> connection = Connection.of(rows, page, e -> Cursor.encode(e.sortName(), e.id()));
        trail.allowed(viewer, operation, connection.edges().stream().map(edge -> edge.node().id()).toList());
        return connection;
    }

    Connection<StaffMember> staff(Viewer viewer, StaffRole role, PageRequest page) {
        Criteria criteria = Criteria.where("organizationId").is(viewer.organizationId());
        if (role != null) {
            criteria = criteria.and("role").is(role);
        }
        if (page.after() != null) {
            List<String> keys = Cursor.decode(page.after(), 2);
            criteria = new Criteria().andOperator(criteria, new Criteria().orOperator(
                    Criteria.where("lastName").gt(keys.get(0)),
                    new Criteria().andOperator(Criteria.where("lastName").is(keys.get(0)),
                            Criteria.where("_id").gt(keys.get(1)))));
        }
        Query query = Query.query(criteria).with(Sort.by("lastName", "_id")).limit(page.fetchSize());
        return Connection.of(mongo.find(query, StaffMember.class), page, s -> Cursor.encode(s.lastName(), s.id()));
    }

    /** One staff member of the viewer's organization, or NOT_FOUND. */
    public StaffMember staffMember(Viewer viewer, String staffId) {
        StaffMember staff = mongo.findById(Ids.require(staffId, "id"), StaffMember.class);
        if (staff == null || !staff.organizationId().equals(viewer.organizationId())) {
            throw DomainException.notFound("Staff member " + staffId);
        }
        return staff;
    }

    /** Staff members by id, in one query (for nested fields such as an enrollee's coach). */
    public List<StaffMember> staffByIds(Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), StaffMember.class);
    }

    /** The authorizations of several enrollees, in one query. */
    List<Authorization> authorizationsOf(Collection<String> enrolleeIds) {
        return mongo.find(Query.query(Criteria.where("enrolleeId").in(enrolleeIds))
                .with(Sort.by("validFrom", "_id")), Authorization.class);
    }

    /** The authorizations of one enrollee, for features that check them (billing). */
    public List<Authorization> authorizationsOf(String enrolleeId) {
        return authorizationsOf(List.of(enrolleeId));
    }
}
