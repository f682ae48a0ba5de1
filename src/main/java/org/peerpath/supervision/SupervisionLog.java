package org.peerpath.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.database.CreateOnce;
import org.peerpath.database.Keyset;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.Cursor;
import org.peerpath.graphql.Dates;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.InputProblems;
import org.peerpath.graphql.PageRequest;
import org.peerpath.people.Organization;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.StaffMember;
import org.peerpath.people.StaffRole;
import org.peerpath.people.SupervisorAssignment;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;
import org.peerpath.supervision.SupervisionFrequency.Expectation;
import org.peerpath.supervision.SupervisionSession.Format;

/**
 * The supervision log (issue 12, item 2; sources in the package description). Only a supervisee's supervisor on
 * the day of the session records it (the assignments of people, as for note review): coaches, associates and
 * enrollees are refused (FORBIDDEN), a staff member of another team or organization is answered exactly like an
 * unknown id (NOT_FOUND). Every session read or written is audited under each supervisee's id.
 */
@Service
public class SupervisionLog implements SmartInitializingSingleton {

    static final int MAX_SUPERVISEES = 50;
    static final int MAX_TOPICS = 20;
    static final int MAX_TOPIC = 200;
    static final int MAX_NOTE = 4000;
    static final int MAX_MINUTES = 480;

    private static final Keyset<LocalDate> NEWEST_FIRST = Keyset.descending("heldOn", Dates::date);

    private final MongoTemplate mongo;
    private final PeopleDirectory directory;
    private final AuditTrail trail;
    private final Clock clock;

    SupervisionLog(MongoTemplate mongo, PeopleDirectory directory, AuditTrail trail, Clock clock) {
        this.mongo = mongo;
        this.directory = directory;
        this.trail = trail;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(SupervisionSession.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("superviseeIds", Sort.Direction.ASC).on("heldOn", Sort.Direction.DESC)
                .named("org_supervisee_held"));
        mongo.indexOps(SupervisionSession.class).createIndex(new Index().on("supervisorId", Sort.Direction.ASC)
                .on("heldOn", Sort.Direction.DESC).named("supervisor_held"));
    }

    record RecordSupervisionSessionInput(String id, LocalDate heldOn, Integer durationMinutes, Format format,
            List<String> superviseeIds, List<String> topics, String note) {
    }

    record ExpectationInput(StaffRole role, Integer everyDays) {
    }

    record SetSupervisionFrequencyInput(List<ExpectationInput> expectations, long expectedVersion) {
    }

    /**
     * A supervisee of the viewer whose supervision is overdue today: no session since {@code everyDays} days
     * after the last one (or after their supervision by the viewer began; {@code dueOn} null when it has no
     * start on record, never supervised at all).
     */
    record Overdue(StaffMember staffMember, int everyDays, LocalDate lastSessionOn, LocalDate dueOn,
            Integer daysOverdue) {

        String sortKey() {
            return dueOn == null ? "" : dueOn.toString();
        }
    }

    /** The newest day a staff member was supervised (an aggregation row). */
    record LastSession(@Id String id, LocalDate lastHeldOn) {
    }

    // ---- recording ----

    SupervisionSession record(Viewer viewer, RecordSupervisionSessionInput input) {
        String operation = "recordSupervisionSession";
        if (viewer.role() != Role.SUPERVISOR && viewer.role() != Role.ADMIN) {
            validIds(input.superviseeIds()).forEach(id -> trail.denied(viewer, operation, id));
            throw DomainException.forbidden("Only supervisors record supervision sessions.");
        }
        String id = Ids.require(input.id(), "id");
        List<String> supervisees = input.superviseeIds() == null ? List.of() : input.superviseeIds();
        List<String> topics = input.topics() == null ? List.of()
                : input.topics().stream().map(t -> t == null ? "" : t.trim()).toList();
        String note = input.note() == null || input.note().isBlank() ? null : input.note().trim();
        InputProblems problems = new InputProblems()
                .check(input.heldOn() == null, "'heldOn' is required.")
                .check(input.durationMinutes() == null || input.durationMinutes() < 1
                        || input.durationMinutes() > MAX_MINUTES,
                        "'durationMinutes' must be between 1 and " + MAX_MINUTES + ".")
                .check(input.format() == null, "'format' is required.")
                .check(supervisees.isEmpty(), "'superviseeIds' must name at least one staff member.")
                .check(supervisees.size() > MAX_SUPERVISEES,
                        "'superviseeIds' must name at most " + MAX_SUPERVISEES + " staff members.")
                .check(new HashSet<>(supervisees).size() != supervisees.size(),
                        "'superviseeIds' must not repeat a staff member.")
                .check(input.format() == Format.INDIVIDUAL && supervisees.size() > 1,
                        "An INDIVIDUAL session has one supervisee; use GROUP for several.")
                .check(input.format() == Format.GROUP && supervisees.size() == 1,
                        "A GROUP session has two supervisees or more; use INDIVIDUAL for one.")
                .check(topics.size() > MAX_TOPICS, "'topics' must have at most " + MAX_TOPICS + " entries.")
                .check(topics.stream().anyMatch(String::isEmpty), "'topics' must not contain a blank entry.")
                .check(topics.stream().anyMatch(t -> t.length() > MAX_TOPIC),
                        "Each topic must be at most " + MAX_TOPIC + " characters.")
                .check(note != null && note.length() > MAX_NOTE, "'note' must be at most " + MAX_NOTE + " characters.");
        for (int i = 0; i < supervisees.size(); i++) {
            problems.id(supervisees.get(i), "superviseeIds[" + i + "]");
        }
        Organization organization = directory.organizationOf(viewer);
        LocalDate today = LocalDate.ofInstant(clock.instant(), organization.zone());
        problems.check(input.heldOn() != null && input.heldOn().isAfter(today),
                "'heldOn' must not be after today (" + today + ", organization's time zone).");
        problems.throwIfAny();

        List<String> ids = supervisees.stream().map(s -> Ids.require(s, "superviseeIds")).toList();
        Map<String, StaffMember> staff = directory.staffByIds(ids).stream()
                .collect(Collectors.toMap(StaffMember::id, Function.identity()));
        for (String superviseeId : ids) {
            StaffMember supervisee = staff.get(superviseeId);
            boolean ours = supervisee != null && supervisee.organizationId().equals(viewer.organizationId());
            if (!ours || !viewer.personId().equals(supervisee.supervisorIdOn(input.heldOn()))) {
                if (supervisee == null) {
                    trail.denied(viewer, operation, superviseeId);
                }
                else {
                    trail.denied(viewer, operation, superviseeId, supervisee.organizationId());
                }
                throw DomainException.notFound("Staff member " + superviseeId);
            }
        }
        String digest = CreateOnce.digest(viewer.personId(), List.of(input.heldOn(), input.durationMinutes(),
                input.format(), ids, topics, Objects.toString(note)));
        SupervisionSession session = new SupervisionSession(id, viewer.organizationId(), viewer.personId(),
                input.heldOn(), input.durationMinutes(), input.format(), ids, topics, note, clock.instant(), digest);
        SupervisionSession stored = CreateOnce.insert(mongo, session, id, SupervisionSession.class,
                SupervisionSession::creationDigest);
        trail.allowed(viewer, operation, stored.superviseeIds());
        return stored;
    }

    private static List<String> validIds(List<String> ids) {
        List<String> valid = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            try {
                valid.add(Ids.require(id, "superviseeIds"));
            }
            catch (DomainException ex) {
                // not an id: nothing to file the refusal under
            }
        }
        return valid;
    }

    // ---- reading ----

    /** The viewer's own sessions as a supervisee, newest first. */
    Connection<SupervisionSession> mine(Viewer viewer, PageRequest page) {
        if (!viewer.role().isStaff()) {
            throw DomainException.forbidden("This is for staff only.");
        }
        Connection<SupervisionSession> connection = page(Criteria.where("organizationId").is(viewer.organizationId())
                .and("superviseeIds").is(viewer.personId()), page);
        if (!connection.edges().isEmpty()) {
            trail.allowed(viewer, "mySupervisionSessions", viewer.personId());
        }
        return connection;
    }

    /**
     * Supervisors: the sessions they led; administrators: the organization's. Newest first, only one
     * supervisee's with {@code superviseeId}.
     */
    Connection<SupervisionSession> sessions(Viewer viewer, String superviseeId, PageRequest page) {
        if (viewer.role() != Role.SUPERVISOR && viewer.role() != Role.ADMIN) {
            throw DomainException.forbidden("Only supervisors and administrators list supervision sessions.");
        }
        Criteria scope = Criteria.where("organizationId").is(viewer.organizationId());
        if (viewer.role() == Role.SUPERVISOR) {
            scope = scope.and("supervisorId").is(viewer.personId());
        }
        if (superviseeId != null) {
            scope = scope.and("superviseeIds").is(Ids.require(superviseeId, "superviseeId"));
        }
        Connection<SupervisionSession> connection = page(scope, page);
        trail.allowed(viewer, "supervisionSessions", connection.edges().stream()
                .flatMap(e -> e.node().superviseeIds().stream()).distinct().toList());
        return connection;
    }

    private Connection<SupervisionSession> page(Criteria scope, PageRequest page) {
        return Connection.of(mongo.find(NEWEST_FIRST.query(scope, page), SupervisionSession.class), page,
                s -> NEWEST_FIRST.cursor(s.heldOn(), s.id()));
    }

    // ---- the expected frequency ----

    SupervisionFrequency frequency(Viewer viewer) {
        if (!viewer.role().isStaff()) {
            throw DomainException.forbidden("This is for staff only.");
        }
        return frequencyOf(viewer.organizationId());
    }

    private SupervisionFrequency frequencyOf(String organizationId) {
        SupervisionFrequency stored = mongo.findById(organizationId, SupervisionFrequency.class);
        return stored != null ? stored : SupervisionFrequency.defaults(organizationId);
    }

    /** Administrators: the expectations per role, replacing the ones before; a role left out expects none. */
    SupervisionFrequency setFrequency(Viewer viewer, SetSupervisionFrequencyInput input) {
        if (viewer.role() != Role.ADMIN) {
            throw DomainException.forbidden("Only administrators set the expected supervision frequency.");
        }
        List<ExpectationInput> given = input.expectations() == null ? List.of() : input.expectations();
        InputProblems problems = new InputProblems();
        Set<StaffRole> roles = new HashSet<>();
        for (ExpectationInput expectation : given) {
            problems.check(expectation == null || expectation.role() == null, "Each expectation needs a 'role'.");
            if (expectation == null) {
                continue;
            }
            problems.check(expectation.role() != null && !roles.add(expectation.role()),
                    "Role " + expectation.role() + " is given twice.")
                    .check(expectation.everyDays() == null || expectation.everyDays() < 1
                            || expectation.everyDays() > SupervisionFrequency.MAX_EVERY_DAYS,
                            "'everyDays' must be between 1 and " + SupervisionFrequency.MAX_EVERY_DAYS + ".");
        }
        problems.throwIfAny();
        List<Expectation> wanted = given.stream().map(e -> new Expectation(e.role(), e.everyDays()))
                .sorted(Comparator.comparing(Expectation::role)).toList();
        SupervisionFrequency current = frequencyOf(viewer.organizationId());
        if (current.version() > 0 && current.expectations().equals(wanted)) {
            return current; // a retry of the change that already happened
        }
        if (current.version() != input.expectedVersion()) {
            throw conflict(current.version());
        }
        Instant now = clock.instant();
        if (current.version() == 0) {
            try {
                return mongo.insert(new SupervisionFrequency(viewer.organizationId(), wanted, 1, now,
                        viewer.personId()));
            }
            catch (DuplicateKeyException raced) {
                throw conflict(frequencyOf(viewer.organizationId()).version());
            }
        }
        SupervisionFrequency updated = mongo.findAndModify(Query.query(Criteria.where("_id")
                .is(viewer.organizationId()).and("version").is(input.expectedVersion())),
                new Update().set("expectations", wanted).set("changedAt", now).set("changedBy", viewer.personId())
                        .inc("version", 1), FindAndModifyOptions.options().returnNew(true),
                SupervisionFrequency.class);
        if (updated == null) {
            throw conflict(frequencyOf(viewer.organizationId()).version());
        }
        return updated;
    }

    private static DomainException conflict(long version) {
        return DomainException.conflict("The expected supervision frequency was changed elsewhere (now version "
                + version + "). Reload and try again.", Map.of("currentVersion", version));
    }

    // ---- who is overdue ----

    /**
     * The viewer's supervisees today whose supervision is overdue, longest overdue first (never supervised
     * first), in three queries whatever the team's size: the supervisees, the organization's expectations, and
     * each supervisee's last session (one aggregation).
     */
    List<Overdue> overdue(Viewer viewer, Organization organization) {
        if (!viewer.role().overseesOrganization()) {
            throw DomainException.forbidden("This is a supervisor's view.");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), organization.zone());
        // Records from before effective dates carry only supervisorId (StaffMember reads it as an assignment).
        List<StaffMember> supervisees = mongo.find(Query.query(Criteria.where("organizationId")
                .is(viewer.organizationId()).and("active").is(true)
                .orOperator(Criteria.where("supervisorAssignments.supervisorId").is(viewer.personId()),
                        Criteria.where("supervisorId").is(viewer.personId()))), StaffMember.class).stream()
                .filter(s -> !s.id().equals(viewer.personId()) && viewer.personId().equals(s.supervisorIdOn(today)))
                .toList();
        if (supervisees.isEmpty()) {
            return List.of();
        }
        SupervisionFrequency frequency = frequencyOf(viewer.organizationId());
        List<StaffMember> expected = supervisees.stream().filter(s -> frequency.everyDays(s.role()).isPresent())
                .toList();
        if (expected.isEmpty()) {
            return List.of();
        }
        Map<String, LocalDate> last = lastSessions(viewer.organizationId(),
                expected.stream().map(StaffMember::id).toList());
        List<Overdue> overdue = new ArrayList<>();
        for (StaffMember staff : expected) {
            int everyDays = frequency.everyDays(staff.role()).orElseThrow();
            LocalDate lastOn = last.get(staff.id());
            LocalDate from = lastOn != null ? lastOn : supervisedSince(staff, viewer.personId(), today);
            LocalDate dueOn = from == null ? null : from.plusDays(everyDays);
            if (dueOn == null || today.isAfter(dueOn)) {
                overdue.add(new Overdue(staff, everyDays, lastOn, dueOn,
                        dueOn == null ? null : (int) ChronoUnit.DAYS.between(dueOn, today)));
            }
        }
        overdue.sort(Comparator.comparing(Overdue::sortKey).thenComparing(o -> o.staffMember().id()));
        return overdue;
    }

    /** One page of {@link #overdue}, after the cursor of its last row. */
    static Connection<Overdue> page(List<Overdue> overdue, PageRequest page) {
        List<Overdue> rows = overdue;
        if (page.after() != null) {
            List<String> keys = Cursor.decode(page.after(), 2);
            rows = overdue.stream().filter(o -> o.sortKey().compareTo(keys.get(0)) > 0
                    || o.sortKey().equals(keys.get(0)) && o.staffMember().id().compareTo(keys.get(1)) > 0).toList();
        }
        return Connection.of(rows.stream().limit(page.fetchSize()).toList(), page,
                o -> Cursor.encode(o.sortKey(), o.staffMember().id()));
    }

    /** The first day of the viewer's assignment to {@code staff} in force today; null when it has none on record. */
    private static LocalDate supervisedSince(StaffMember staff, String supervisorId, LocalDate today) {
        return staff.supervisorAssignments().stream()
                .filter(a -> a.coversDay(today) && supervisorId.equals(a.supervisorId()))
                .map(SupervisorAssignment::from).filter(Objects::nonNull).reduce((first, later) -> later)
                .orElse(null);
    }

    /** The last session day of each of these staff members who has one, in one aggregation. */
    private Map<String, LocalDate> lastSessions(String organizationId, List<String> staffIds) {
        Aggregation aggregation = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("organizationId").is(organizationId).and("superviseeIds")
                        .in(staffIds)),
                Aggregation.unwind("superviseeIds"),
                Aggregation.match(Criteria.where("superviseeIds").in(staffIds)),
                Aggregation.group("superviseeIds").max("heldOn").as("lastHeldOn"));
        Map<String, LocalDate> last = new HashMap<>();
        for (LastSession row : mongo.aggregate(aggregation, SupervisionSession.class, LastSession.class)
                .getMappedResults()) {
            last.put(row.id(), row.lastHeldOn());
        }
        return last;
    }
}
