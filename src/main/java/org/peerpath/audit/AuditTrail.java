package org.peerpath.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.peerpath.graphql.RequestScope;
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

    /**
     * The supervisor's reads of the trail ({@code auditEvents}: one enrollee of their organization, newest first,
     * a keyset page at a time; {@link #knownIn}) walk one index range in their order (issue 16). It replaces
     * {@code enrollee_at} (enrollee and time only), which a store made before keeps until an operator drops it
     * (README, Audit); the service never drops an index by itself.
     */
    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(AuditEvent.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("enrolleeId", Sort.Direction.ASC).on("at", Sort.Direction.DESC).on("_id", Sort.Direction.DESC)
                .named("organization_enrollee_at"));
        // The archive reads the oldest events first, across enrollees (AuditArchive).
        mongo.indexOps(AuditEvent.class).createIndex(new Index().on("at", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC).named("at_id"));
    }

    /**
     * Records that {@code viewer} performed {@code operation} on the record of {@code enrolleeId}. Within a query
     * ({@link RequestScope}) the event joins the request's: one per enrollee, naming every operation that read
     * it, all written in one insert before the answer leaves; elsewhere (a mutation, a job) it is written now.
     */
    public void allowed(Viewer viewer, String operation, String enrolleeId) {
        allowed(viewer, operation, List.of(enrolleeId));
    }

    /** Records one read of many records at once (a caseload page): one event per enrollee, in one insert. */
    public void allowed(Viewer viewer, String operation, Collection<String> enrolleeIds) {
        if (enrolleeIds.isEmpty()) {
            return;
        }
        List<AuditEvent> events = enrolleeIds.stream().map(id -> event(viewer, operation, id, Outcome.ALLOWED))
                .toList();
        Optional<RequestReads> query = viewer.requestScope().part(RequestReads.class, () -> new RequestReads(mongo));
        if (query.isPresent()) {
            query.get().add(events);
        }
        else if (events.size() == 1) {
            mongo.insert(events.get(0));
        }
        else {
            mongo.insert(events, AuditEvent.class);
        }
    }

    /**
     * Writes the reads the viewer's query gathered so far now, rather than before the answer: reading the trail
     * is itself an access, and shows in the page it answers. Reads of the record later in the same request make
     * an event of their own.
     */
    void writeGathered(Viewer viewer) {
        viewer.requestScope().part(RequestReads.class, () -> new RequestReads(mongo))
                .ifPresent(RequestReads::beforeAnswer);
    }

    /**
     * The allowed reads of one query (issue 16): one event per actor and enrollee, at its first read, its
     * operation naming each field that read the record ("enrollee, recoveryPlan, contacts, consents"), written
     * together in one insert once the last field is done and before the answer is sent; if that insert fails,
     * the answer is withheld ({@link RequestScope}), so no record leaves unaudited. Denials are never gathered
     * here: each is written when it happens.
     */
    static final class RequestReads implements RequestScope.BeforeAnswer {

        static final String SEPARATOR = ", ";

        private final MongoTemplate mongo;

        private final Map<String, AuditEvent> byRecord = new LinkedHashMap<>();

        RequestReads(MongoTemplate mongo) {
            this.mongo = mongo;
        }

        synchronized void add(List<AuditEvent> events) {
            for (AuditEvent event : events) {
                byRecord.merge(event.actorId() + "/" + event.enrolleeId(), event, RequestReads::alsoFor);
            }
        }

        private static AuditEvent alsoFor(AuditEvent kept, AuditEvent another) {
            if (List.of(kept.operation().split(SEPARATOR)).contains(another.operation())) {
                return kept;
            }
            return new AuditEvent(kept.id(), kept.at(), kept.organizationId(), kept.actorId(), kept.actorRole(),
                    kept.operation() + SEPARATOR + another.operation(), kept.enrolleeId(), kept.outcome());
        }

        @Override
        public void beforeAnswer() {
            List<AuditEvent> events;
            synchronized (this) {
                events = List.copyOf(byRecord.values());
                byRecord.clear();
            }
            if (!events.isEmpty()) {
                mongo.insert(events, AuditEvent.class);
            }
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
