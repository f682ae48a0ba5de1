package org.peerpath.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditEvent.Outcome;
import org.peerpath.database.Keyset;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.Cursor;
import org.peerpath.graphql.Dates;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.PageRequest;
import org.peerpath.security.Viewer;

/**
 * Appends audit events. Features call it for every access to an enrollee's record; the access policy calls it
 * for denials. Insert-only: this class has no update or delete, and nothing else has either, except that
 * {@link AuditArchive} moves old events to files on the embedded default; both are read here as one trail.
 */
@Service
public class AuditTrail implements SmartInitializingSingleton {

    private static final Keyset<Instant> NEWEST_FIRST = Keyset.descending("at", Dates::instant);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final AuditArchive archive;

    AuditTrail(MongoTemplate mongo, Clock clock, AuditArchive archive) {
        this.mongo = mongo;
        this.clock = clock;
        this.archive = archive;
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(AuditEvent.class).createIndex(new Index().on("enrolleeId", Sort.Direction.ASC)
                .on("at", Sort.Direction.DESC).named("enrollee_at"));
        // The archive reads the oldest events first, across enrollees (AuditArchive).
        mongo.indexOps(AuditEvent.class).createIndex(new Index().on("at", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC).named("at_id"));
    }

    /** Records that {@code viewer} performed {@code operation} on the record of {@code enrolleeId}. */
    public void allowed(Viewer viewer, String operation, String enrolleeId) {
        mongo.insert(event(viewer, operation, enrolleeId, Outcome.ALLOWED));
    }

    /** Records one read of many records at once (a caseload page), one event per enrollee. */
    public void allowed(Viewer viewer, String operation, Collection<String> enrolleeIds) {
        if (!enrolleeIds.isEmpty()) {
            mongo.insert(enrolleeIds.stream().map(id -> event(viewer, operation, id, Outcome.ALLOWED)).toList(),
                    AuditEvent.class);
        }
    }

    /** Records a refused access. The enrollee id is what was asked for, whether or not it exists. */
    public void denied(Viewer viewer, String operation, String enrolleeId) {
        mongo.insert(event(viewer, operation, enrolleeId, Outcome.DENIED));
    }

    /**
     * Records a refused access to an existing record of {@code recordOrganizationId}: filed under the record's
     * organization, so its supervisors see attempts from outside too.
     */
    public void denied(Viewer viewer, String operation, String enrolleeId, String recordOrganizationId) {
        AuditEvent event = event(viewer, operation, enrolleeId, Outcome.DENIED);
        mongo.insert(new AuditEvent(event.id(), event.at(), recordOrganizationId, event.actorId(), event.actorRole(),
                event.operation(), event.enrolleeId(), event.outcome()));
    }

    /** Who the service itself is in the trail, when it changes a record on its own (a scheduled repair). */
    public static final String SERVICE_ACTOR = "peerpath";

    /**
     * Records a change made to the record of {@code enrolleeId} in {@code organizationId}, with what it did: by
     * the service itself ({@code viewer} null, actor {@value #SERVICE_ACTOR}, role SERVICE) or at a viewer's request.
     */
    public void changed(Viewer viewer, String organizationId, String operation, String enrolleeId, String detail) {
        mongo.insert(new AuditEvent(UUID.randomUUID().toString(), clock.instant(), organizationId,
                viewer == null ? SERVICE_ACTOR : viewer.personId(), viewer == null ? "SERVICE" : viewer.role().name(),
                operation, enrolleeId, Outcome.ALLOWED, detail));
    }

    /**
     * The events of one enrollee of the viewer's organization, newest first: the live store's, then the archive's
     * (older ones, on the embedded default) in one keyset order; an event found in both (a crash between archiving
     * and removing it) is shown once.
     */
    Connection<AuditEvent> eventsOf(Viewer viewer, String enrolleeId, PageRequest page) {
        Criteria criteria = Criteria.where("enrolleeId").is(enrolleeId).and("organizationId")
                .is(viewer.organizationId());
        List<AuditEvent> rows = mongo.find(NEWEST_FIRST.query(criteria, page), AuditEvent.class);
        if (rows.size() < page.fetchSize()
                || archive.mayHoldNewerThan(viewer.organizationId(), enrolleeId, rows.get(rows.size() - 1).at())) {
            AuditEvent after = page.after() == null ? null : position(page.after(), enrolleeId);
            Map<String, AuditEvent> merged = new LinkedHashMap<>();
            rows.forEach(row -> merged.put(row.id(), row));
            archive.eventsOf(viewer.organizationId(), enrolleeId, after, page.fetchSize())
                    .forEach(row -> merged.putIfAbsent(row.id(), row));
            rows = merged.values().stream().sorted(AuditArchive.NEWEST_FIRST).limit(page.fetchSize()).toList();
        }
        return Connection.of(rows, page, event -> NEWEST_FIRST.cursor(event.at(), event.id()));
    }

    /** Whether the enrollee's record was ever touched within the organization (its creation always is). */
    boolean knownIn(String organizationId, String enrolleeId) {
        return mongo.exists(Query.query(Criteria.where("enrolleeId").is(enrolleeId).and("organizationId")
                .is(organizationId).and("outcome").is(Outcome.ALLOWED)), AuditEvent.class)
                || archive.knownIn(organizationId, enrolleeId);
    }

    /** The place in the order a cursor stands for, as an event with its two keys. */
    private static AuditEvent position(String cursor, String enrolleeId) {
        List<String> keys = Cursor.decode(cursor, 2);
        Instant at;
        try {
            at = Dates.instant(keys.get(0));
        }
        catch (RuntimeException ex) {
            throw DomainException.validation("The cursor 'after' is not one this service issued.");
        }
        return new AuditEvent(keys.get(1), at, null, null, null, null, enrolleeId, null);
    }

    private AuditEvent event(Viewer viewer, String operation, String enrolleeId, Outcome outcome) {
        return new AuditEvent(UUID.randomUUID().toString(), clock.instant(), viewer.organizationId(),
                viewer.personId(), viewer.role().name(), operation, enrolleeId, outcome);
    }
}
