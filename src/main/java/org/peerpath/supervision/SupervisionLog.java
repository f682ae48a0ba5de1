package org.peerpath.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Clock;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.database.CreateOnce;
import org.peerpath.database.Keyset;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.CountedConnection;
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
        // The overdue supervisees' sessions ($lookup by supervisee alone).
        mongo.indexOps(SupervisionSession.class).createIndex(new Index().on("superviseeIds", Sort.Direction.ASC)
                .on("heldOn", Sort.Direction.DESC).named("supervisee_held"));
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

    /** What the page of {@link #overdue} reads of a supervisee the database found overdue. */
    record OverdueCandidate(@Id String id, LocalDate lastSessionOn, LocalDate supervisedSince) {
    }

    private static final long DAY_MILLIS = 86_400_000L;

    /**
     * The viewer's supervisees today whose supervision is overdue: how many, and the page after the cursor, longest
     * overdue first (never supervised first), then by id. Four commands whatever the team's size (issue 16: the
     * dashboard read the whole team, one reply per 1,000 supervisees): the expectations, two aggregations on the
     * staff that count and page in the database, and a find of the page's records.
     *
     * <p>In the database the rule is {@link #overdueOf}'s. A supervisee is the viewer's today when the last
     * assignment covering today names the viewer (a record from before effective dates: its {@code supervisorId}).
     * Days are counted from the last session, else from the first day of that assignment; a supervisee is overdue
     * when that day plus the role's {@code everyDays} is before today, or when neither day is on record. Dates are
     * compared as whole days from today ({@link #daysFromToday}), so the zone the driver stores dates in does not
     * matter. The page is then built by the rule itself from what the database read.
     */
    CountedConnection<Overdue> overdue(Viewer viewer, Organization organization, PageRequest page) {
        if (!viewer.role().overseesOrganization()) {
            throw DomainException.forbidden("This is a supervisor's view.");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), organization.zone());
        SupervisionFrequency frequency = frequencyOf(viewer.organizationId());
        Map<StaffRole, Integer> everyDays = new EnumMap<>(StaffRole.class);
        for (StaffRole role : StaffRole.values()) {
            frequency.everyDays(role).ifPresent(days -> everyDays.put(role, days));
        }
        if (everyDays.isEmpty()) {
            return CountedConnection.of(0, Connection.of(List.of(), page, o -> ""));
        }
        List<Document> stages = overdueStages(viewer, everyDays, today);

        List<Document> counting = new ArrayList<>(stages);
        counting.add(new Document("$count", "total"));
        Document counted = aggregate(counting, Document.class).stream().findFirst().orElse(null);
        int total = counted == null ? 0 : ((Number) counted.get("total")).intValue();

        List<Document> paging = new ArrayList<>(stages);
        if (page.after() != null) {
            paging.add(new Document("$match", after(page.after(), today)));
        }
        paging.add(new Document("$sort", new Document("dueIn", 1).append("_id", 1)));
        paging.add(new Document("$limit", page.fetchSize()));
        List<OverdueCandidate> candidates = aggregate(paging, OverdueCandidate.class);

        Map<String, StaffMember> records = new HashMap<>();
        if (!candidates.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(candidates.stream().map(OverdueCandidate::id).toList())
                    .and("organizationId").is(viewer.organizationId())), StaffMember.class)
                    .forEach(s -> records.put(s.id(), s));
        }
        List<Overdue> rows = new ArrayList<>();
        for (OverdueCandidate candidate : candidates) {
            StaffMember staff = records.get(candidate.id());
            if (staff != null) {
                overdueOf(staff, everyDays.get(staff.role()), candidate, today).ifPresent(rows::add);
            }
        }
        return CountedConnection.of(total, Connection.of(rows, page, o -> Cursor.encode(o.sortKey(),
                o.staffMember().id())));
    }

    /**
     * The rule for one supervisee: counted from the last session, else from the start of the viewer's assignment;
     * overdue when {@code everyDays} after that day is before today, or when neither day is on record.
     */
    static Optional<Overdue> overdueOf(StaffMember staff, int everyDays, OverdueCandidate read,
            LocalDate today) {
        LocalDate from = read.lastSessionOn() != null ? read.lastSessionOn() : read.supervisedSince();
        LocalDate dueOn = from == null ? null : from.plusDays(everyDays);
        if (dueOn != null && !today.isAfter(dueOn)) {
            return Optional.empty();
        }
        return Optional.of(new Overdue(staff, everyDays, read.lastSessionOn(), dueOn,
                dueOn == null ? null : (int) ChronoUnit.DAYS.between(dueOn, today)));
    }

    /** The stages that find the viewer's overdue supervisees (see {@link #overdue}), with {@code dueIn} per row. */
    private List<Document> overdueStages(Viewer viewer, Map<StaffRole, Integer> everyDays, LocalDate today) {
        String me = viewer.personId();
        Object day = date(today);
        Document candidates = new Document("organizationId", viewer.organizationId()).append("active", true)
                .append("_id", new Document("$ne", me))
                .append("role", new Document("$in", everyDays.keySet().stream().map(Enum::name).toList()))
                .append("$or", List.of(new Document("supervisorAssignments.supervisorId", me),
                        new Document("supervisorId", me)));
        // An assignment covers today from its first day (none: since always) to its last (none: while it lasts).
        Document covering = new Document("$filter", new Document("input",
                new Document("$ifNull", List.of("$supervisorAssignments", List.of()))).append("as", "a")
                .append("cond", new Document("$and", List.of(
                        new Document("$lte", List.of(new Document("$ifNull", List.of("$$a.from", date(
                                LocalDate.of(1, 1, 1)))), day)),
                        new Document("$gte", List.of(new Document("$ifNull", List.of("$$a.to", date(
                                LocalDate.of(9999, 12, 31)))), day))))));
        Document assigned = new Document("role", 1).append("legacySupervisorId", "$supervisorId")
                .append("hasAssignments", new Document("$gt", List.of(new Document("$size",
                        new Document("$ifNull", List.of("$supervisorAssignments", List.of()))), 0)))
                .append("covering", covering);
        Document fromOnRecord = new Document("$gt", Arrays.asList(new Document("$ifNull",
                Arrays.asList("$$a.from", null)), null));
        Document mine = new Document("$filter", new Document("input", "$covering").append("as", "a")
                .append("cond", new Document("$and", List.of(new Document("$eq", List.of("$$a.supervisorId", me)),
                        fromOnRecord))));
        Document current = new Document("role", 1)
                .append("supervisorIdToday", new Document("$cond", List.of("$hasAssignments",
                        new Document("$arrayElemAt", List.of(new Document("$map", new Document("input", "$covering")
                                .append("as", "a").append("in", "$$a.supervisorId")), -1)),
                        "$legacySupervisorId")))
                .append("since", new Document("$arrayElemAt", List.of(mine, -1)));
        // Sessions of another organization never name this one's staff (record checks), but the read says so too.
        Document lastSession = new Document("$max", new Document("$map", new Document("input",
                new Document("$filter", new Document("input", "$sessions").append("as", "s").append("cond",
                        new Document("$eq", List.of("$$s.organizationId", viewer.organizationId())))))
                .append("as", "s").append("in", "$$s.heldOn")));
        Document read = new Document("role", 1).append("lastSessionOn", lastSession)
                .append("supervisedSince", "$since.from");
        Document counted = new Document("role", 1).append("lastSessionOn", 1).append("supervisedSince", 1)
                .append("countedFrom", new Document("$ifNull", List.of("$lastSessionOn", "$supervisedSince")));
        // Days from today to the day due: the days from today to the counted day plus the role's expectation.
        Object roleDays = null;
        for (Map.Entry<StaffRole, Integer> expectation : everyDays.entrySet()) {
            roleDays = roleDays == null ? expectation.getValue() : new Document("$cond", List.of(new Document("$eq",
                    List.of("$role", expectation.getKey().name())), expectation.getValue(), roleDays));
        }
        Document due = new Document("lastSessionOn", 1).append("supervisedSince", 1)
                .append("dueIn", new Document("$cond", Arrays.asList(
                        new Document("$eq", Arrays.asList(new Document("$ifNull", Arrays.asList("$countedFrom", null)),
                                null)),
                        null, new Document("$add", List.of(daysFromToday("$countedFrom", day), roleDays)))));
        return List.of(new Document("$match", candidates), new Document("$project", assigned),
                new Document("$project", current), new Document("$match", new Document("supervisorIdToday", me)),
                new Document("$lookup", new Document("from", mongo.getCollectionName(SupervisionSession.class))
                        .append("localField", "_id").append("foreignField", "superviseeIds").append("as", "sessions")),
                new Document("$project", read), new Document("$project", counted), new Document("$project", due),
                new Document("$match", new Document("$or", List.of(new Document("dueIn", null),
                        new Document("dueIn", new Document("$lt", 0))))));
    }

    /**
     * Whole days from {@code today} to the date {@code field}: the difference in milliseconds over a day, rounded.
     * Both dates are midnights in the zone the driver stores dates in, so a change of daylight saving time between
     * them moves the difference by an hour at most, which the rounding takes back.
     */
    private static Document daysFromToday(String field, Object today) {
        return new Document("$floor", new Document("$add", List.of(new Document("$divide", List.of(
                new Document("$subtract", List.of(field, today)), DAY_MILLIS)), 0.5)));
    }

    /** The overdue supervisees after the one a cursor of {@link Overdue#sortKey} and id names, in page order. */
    private static Document after(String cursor, LocalDate today) {
        List<String> keys = Cursor.decode(cursor, 2);
        String id = keys.get(1);
        if (keys.get(0).isEmpty()) { // never counted from a day: the rest of them, then everyone with a day due
            return new Document("$or", List.of(new Document("dueIn", null).append("_id", new Document("$gt", id)),
                    new Document("dueIn", new Document("$ne", null))));
        }
        long dueIn;
        try {
            dueIn = ChronoUnit.DAYS.between(today, LocalDate.parse(keys.get(0)));
        }
        catch (DateTimeParseException ex) {
            throw DomainException.validation("The cursor 'after' is not one this service issued.");
        }
        return new Document("$or", List.of(new Document("dueIn", new Document("$gt", dueIn)),
                new Document("dueIn", dueIn).append("_id", new Document("$gt", id))));
    }

    private <T> List<T> aggregate(List<Document> stages, Class<T> type) {
        List<AggregationOperation> operations = stages.stream()
                .<AggregationOperation>map(stage -> context -> stage).toList();
        return mongo.aggregate(Aggregation.newAggregation(operations), mongo.getCollectionName(StaffMember.class),
                type).getMappedResults();
    }

    private Object date(LocalDate date) {
        return mongo.getConverter().convertToMongoType(date);
    }
}
