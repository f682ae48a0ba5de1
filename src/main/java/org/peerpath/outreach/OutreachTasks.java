package org.peerpath.outreach;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.consent.ConsentRegistry;
import org.peerpath.consent.ContactPermission;
import org.peerpath.contacts.ContactSigned;
import org.peerpath.reminders.MonthlyFaceToFaceMissed;
import org.peerpath.database.CreateOnce;
import org.peerpath.database.IdPages;
import org.peerpath.database.InsertMany;
import org.peerpath.database.Keyset;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.CountedConnection;
import org.peerpath.graphql.Dates;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.PageRequest;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.InputProblems;
import org.peerpath.outreach.EngagementRules.Status;
import org.peerpath.outreach.Engagements.ClientEngagement;
import org.peerpath.outreach.OutreachInputs.CloseOutreachTaskInput;
import org.peerpath.outreach.OutreachInputs.OpenOutreachTaskInput;
import org.peerpath.outreach.OutreachInputs.RecordOutreachAttemptInput;
import org.peerpath.outreach.OutreachTask.Attempt;
import org.peerpath.outreach.OutreachTask.Origin;
import org.peerpath.outreach.OutreachTask.Outcome;
import org.peerpath.people.Enrollee;
import org.peerpath.people.EnrolleeAccess;
import org.peerpath.people.Organization;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.security.Viewer;

/**
 * Outreach tasks (Michigan guidance XI.F: active efforts to re-engage clients who are lost). The job opens one
 * task per disengagement episode; its id is derived from the episode, and a unique {@code openKey} allows one open
 * task per enrollee, so neither a restart nor two instances running at once can open a second one. Coaches and
 * supervisors open tasks by hand, record attempts and close tasks; a signed contact with the client closes the
 * open task as re-engaged through the {@link ContactSigned} event.
 */
@Service
class OutreachTasks implements SmartInitializingSingleton {

    static final String SYSTEM = "system";
    private static final Logger LOG = LoggerFactory.getLogger(OutreachTasks.class);

    private final MongoTemplate mongo;
    private final Engagements engagements;
    private final EnrolleeAccess access;
    private final PeopleDirectory directory;
    private final ConsentRegistry consents;
    private final AuditTrail trail;
    private final Clock clock;
    private final int dueInDays;
    private final MeterRegistry meters;

    OutreachTasks(MongoTemplate mongo, Engagements engagements, EnrolleeAccess access, PeopleDirectory directory,
            ConsentRegistry consents, AuditTrail trail, Clock clock,
            OutreachSettings settings, MeterRegistry meters) {
        this.mongo = mongo;
        this.meters = meters;
        for (OutreachTask.Origin origin : OutreachTask.Origin.values()) {
            meters.counter("peerpath.outreach.tasks.opened", "origin", origin.name());
        }
        this.engagements = engagements;
        this.access = access;
        this.directory = directory;
        this.consents = consents;
        this.trail = trail;
        this.clock = clock;
        this.dueInDays = settings.dueInDays();
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(OutreachTask.class).createIndex(new Index().on("openKey", Sort.Direction.ASC).unique()
                .named("one_open_task_per_enrollee"));
        mongo.indexOps(OutreachTask.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).on("dueOn", Sort.Direction.ASC).named("org_status_due"));
        // The dashboard's tasks with a flagged attempt (withFlaggedAttempts), not every task of the organization.
        mongo.indexOps(OutreachTask.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on("attempts.flaggedForReview", Sort.Direction.ASC).on("openedOn", Sort.Direction.ASC)
                .named("org_flagged_attempt_opened"));
        // A coach's open tasks (myOpenTasks: the caseload's enrollees, open, by due day), not every task there is.
        mongo.indexOps(OutreachTask.class).createIndex(new Index().on("enrolleeId", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).on("dueOn", Sort.Direction.ASC).named("enrollee_status_due"));
    }

    // ---- the job ----

    /**
     * Opens a task, due in {@code peerpath.outreach.due-in-days} days, for every enrolled client who is disengaged
     * on {@code now} (each organization's zone and thresholds) and has no open task, assigned to their coach.
     * Safe to run again and concurrently: the episode's task id and the one-open-task key decide.
     *
     * @return how many tasks this run opened
     */
    int openTasksForNewlyDisengaged(Instant now) {
        return openTasksForNewlyDisengaged(now, IdPages.SIZE);
    }

    /** The same, walking the clients {@code pageSize} at a time (the tests cross pages with a few clients). */
    int openTasksForNewlyDisengaged(Instant now, int pageSize) {
        int opened = 0;
        for (Organization organization : mongo.findAll(Organization.class)) {
            LocalDate today = EngagementRules.today(now, organization.zone());
            int[] openedHere = {0};
            // One page of clients in memory at a time: their last contacts, their open tasks, one insert.
            engagements.mayBeDisengagedInPages(organization, today, pageSize,
                    page -> openedHere[0] += openForDisengaged(organization, page, today, now));
            opened += openedHere[0];
        }
        return opened;
    }

    private int openForDisengaged(Organization organization, List<Enrollee> page, LocalDate today, Instant now) {
        List<ClientEngagement> clients = engagements.of(organization, page, today);
        Set<String> withOpenTask = enrolleesWithOpenTask(page.stream().map(Enrollee::id).toList());
        List<OutreachTask> toOpen = new ArrayList<>();
        for (ClientEngagement client : clients) {
            Enrollee enrollee = client.enrollee();
            if (client.status() != Status.DISENGAGED || withOpenTask.contains(enrollee.id())) {
                continue;
            }
            // The id is a name-based UUID of the episode: every run, on every instance, derives the same one.
            String id = UUID.nameUUIDFromBytes(("outreach:" + EngagementRules.episodeKey(enrollee.id(),
                    client.engagement())).getBytes(StandardCharsets.UTF_8)).toString();
            toOpen.add(new OutreachTask(id, organization.id(), enrollee.id(), enrollee.coachId(), enrollee.id(),
                    Origin.DISENGAGED, OutreachTask.Status.OPEN, null, null, null, null, null,
                    client.engagement().lastContactOn(), today, now, SYSTEM, today.plusDays(dueInDays), null, null,
                    List.of(), 0, null));
        }
        // A duplicate key: this episode's task exists (another run opened it, or it was closed), or one is open.
        return insertNew(toOpen);
    }

    /** Inserts the tasks in one unordered command; how many were new (the others exist already). */
    private int insertNew(List<OutreachTask> tasks) {
        Set<Integer> existing = InsertMany.unordered(mongo, OutreachTask.class, tasks);
        for (int i = 0; i < tasks.size(); i++) {
            if (!existing.contains(i)) {
                opened(tasks.get(i));
            }
        }
        return tasks.size() - existing.size();
    }

    /**
     * Marks open tasks whose due day has passed (organization zone) as escalated to the supervisor, once: tasks
     * already escalated keep their first time.
     *
     * @return how many tasks this run escalated
     */
    long escalateOverdue(Instant now) {
        long escalated = 0;
        for (Organization organization : mongo.findAll(Organization.class)) {
            LocalDate today = EngagementRules.today(now, organization.zone());
            escalated += mongo.updateMulti(Query.query(Criteria.where("organizationId").is(organization.id())
                    .and("status").is(OutreachTask.Status.OPEN).and("dueOn").lt(today).and("escalatedAt").is(null)),
                    new Update().set("escalatedAt", now), OutreachTask.class).getModifiedCount();
        }
        return escalated;
    }

    // ---- by hand ----

    OutreachTask open(Viewer viewer, OpenOutreachTaskInput input) {
        requireCoachOrSupervisor(viewer);
        new InputProblems().id(input.id(), "id").id(input.enrolleeId(), "enrolleeId")
                .check(input.note() != null && input.note().length() > 2000, "The note must be at most 2000 characters.")
                .throwIfAny();
        String digest = CreateOnce.digest(viewer.personId(), input);
        OutreachTask existing = mongo.findById(input.id(), OutreachTask.class);
        if (existing != null && digest.equals(existing.creationDigest())
                && existing.organizationId().equals(viewer.organizationId())) {
            access.openForStaff(viewer, existing.enrolleeId(), "openOutreachTask");
            return existing;
        }
        Enrollee enrollee = access.openForStaff(viewer, input.enrolleeId(), "openOutreachTask");
        Organization organization = directory.organizationOf(viewer);
        Instant now = clock.instant();
        LocalDate today = EngagementRules.today(now, organization.zone());
        ClientEngagement client = engagements.of(organization, List.of(enrollee), today).get(0);
        LocalDate dueOn = input.dueOn() != null ? input.dueOn() : today.plusDays(dueInDays);
        if (dueOn.isBefore(today)) {
            throw DomainException.validation("The due date cannot be in the past.");
        }
        OutreachTask task = new OutreachTask(input.id(), organization.id(), enrollee.id(),
                enrollee.coachId() != null ? enrollee.coachId() : viewer.personId(), enrollee.id(), Origin.BY_HAND,
                OutreachTask.Status.OPEN, null, null, null, null, null, client.engagement().lastContactOn(), today, now,
                viewer.personId(), dueOn, null, input.note() == null ? null : input.note().trim(), List.of(), 0,
                digest);
        try {
            OutreachTask inserted = mongo.insert(task);
            opened(inserted);
            return inserted;
        }
        catch (DuplicateKeyException ex) {
            OutreachTask sameId = mongo.findById(input.id(), OutreachTask.class);
            if (sameId != null) {
                if (digest.equals(sameId.creationDigest())) {
                    return sameId;
                }
                throw DomainException.conflict("The id " + input.id() + " is already used by a different record.",
                        Map.of("id", input.id()));
            }
            OutreachTask open = openTaskOf(enrollee.id());
            throw DomainException.conflict("An outreach task is already open for this enrollee.",
                    open == null ? Map.of() : Map.of("openTaskId", open.id()));
        }
    }

    OutreachTask recordAttempt(Viewer viewer, RecordOutreachAttemptInput input) {
        requireStaffWorker(viewer);
        OutreachTask task = taskFor(viewer, input.taskId(), "recordOutreachAttempt");
        InputProblems problems = new InputProblems().id(input.id(), "id")
                .check(input.method() == null, "The method is required.")
                .check(input.outcome() == null, "The outcome is required.")
                .check(input.at() == null, "When the attempt was made ('at') is required.")
                .check(input.notes() != null && input.notes().length() > 4000,
                        "The notes must be at most 4000 characters.");
        Instant now = clock.instant();
        problems.check(input.at() != null && input.at().isAfter(now.plusSeconds(300)),
                "An attempt cannot be in the future.");
        boolean throughAnother = input.method() != null && input.method().throughAnotherPerson();
        problems.check(throughAnother && input.emergencyContactId() == null
                && (input.personContacted() == null || input.personContacted().isBlank()),
                "An attempt through an emergency contact or family member names the person (emergencyContactId or personContacted).");
        problems.throwIfAny();
        if (task.attempts().stream().anyMatch(a -> a.id().equals(input.id()))) {
            return task; // the same attempt, retried
        }
        if (task.status() != OutreachTask.Status.OPEN) {
            throw DomainException.validation("This outreach task is closed.");
        }
        boolean flagged = false;
        String reason = null;
        boolean namesSomeoneElse = input.emergencyContactId() != null
                || input.personContacted() != null && !input.personContacted().isBlank();
        if (throughAnother || namesSomeoneElse) {
            // Michigan guidance V and 42 CFR 2.31: anyone other than the client (family, an emergency contact, the
            // addressee of a letter) only with the client's written consent naming them, whatever the method.
            // Without it the attempt is kept (it happened) and flagged for review.
            Organization organization = directory.organizationOf(viewer);
            ContactPermission permission = consents.mayContact(viewer, task.enrolleeId(), input.emergencyContactId(),
                    input.personContacted(), EngagementRules.today(input.at(), organization.zone()));
            flagged = !permission.allowed();
            reason = permission.reason().name();
        }
        Attempt attempt = new Attempt(input.id(), input.method(), input.outcome(),
                input.notes() == null ? null : input.notes().trim(), input.at(), viewer.personId(),
                input.emergencyContactId(), input.personContacted() == null ? null : input.personContacted().trim(),
                flagged, reason, now);
        OutreachTask updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(task.id())
                .and("status").is(OutreachTask.Status.OPEN).and("attempts.id").ne(input.id())),
                new Update().push("attempts", attempt).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), OutreachTask.class);
        if (updated != null) {
            return updated;
        }
        OutreachTask current = mongo.findById(task.id(), OutreachTask.class);
        if (current.attempts().stream().anyMatch(a -> a.id().equals(input.id()))) {
            return current;
        }
        throw DomainException.validation("This outreach task is closed.");
    }

    OutreachTask close(Viewer viewer, CloseOutreachTaskInput input) {
        requireStaffWorker(viewer);
        OutreachTask task = taskFor(viewer, input.taskId(), "closeOutreachTask");
        new InputProblems()
                .check(input.outcome() == null || input.outcome() == Outcome.RE_ENGAGED,
                        "Close a task by hand as UNABLE_TO_REACH or DECLINED; a signed contact with the client closes it as re-engaged.")
                .text(input.reason(), "reason", 1000).throwIfAny();
        if (task.status() == OutreachTask.Status.CLOSED) {
            if (task.outcome() == input.outcome()) {
                return task;
            }
            throw DomainException.validation("This outreach task is already closed.");
        }
        OutreachTask closed = closeIfOpen(task, input.outcome(), input.reason().trim(), viewer.personId(), null);
        if (closed == null) {
            throw DomainException.conflict("This outreach task was closed meanwhile.", Map.of("taskId", task.id()));
        }
        return closed;
    }

    /** A signed contact with the client closes the enrollee's open task as re-engaged (Michigan XI.F). */
    @EventListener
    void onContactSigned(ContactSigned signed) {
        if (!signed.withClient()) {
            return;
        }
        try {
            OutreachTask open = openTaskOf(signed.enrolleeId());
            if (open == null || (open.lastContactBefore() != null && signed.dateOfService() != null
                    && !signed.dateOfService().isAfter(open.lastContactBefore()))) {
                return; // no task, or a late-signed contact from before the client was lost
            }
            closeIfOpen(open, Outcome.RE_ENGAGED, null, signed.coachId(), signed.contactId());
        }
        catch (RuntimeException ex) {
            // The contact is signed whatever happens here; the task stays open for the coach to close.
            LOG.warn("Could not close the outreach task of enrollee {} after contact {}", signed.enrolleeId(),
                    signed.contactId(), ex);
        }
    }

    /**
     * A month ended without the face-to-face some clients needed (Michigan guidance XI.E): each one's coach gets an
     * outreach task, unless one is already open. The ids are derived from the enrollee and the month, so a
     * repeated event (another instance, a restart) opens nothing more. One insert per event, whatever the number of
     * clients; the event carries the organization's day, so nothing is read.
     */
    @EventListener
    void onMonthlyFaceToFaceMissed(MonthlyFaceToFaceMissed missed) {
        if (missed.clients().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        LocalDate today = missed.today();
        List<OutreachTask> tasks = missed.clients().stream().map(client -> new OutreachTask(
                UUID.nameUUIDFromBytes(("outreach:face-to-face-missed:" + client.enrolleeId() + ":" + missed.month())
                        .getBytes(StandardCharsets.UTF_8)).toString(),
                missed.organizationId(), client.enrolleeId(), client.coachId(), client.enrolleeId(),
                Origin.MONTHLY_FACE_TO_FACE_MISSED, OutreachTask.Status.OPEN, null, null, null, null, null,
                missed.month().atEndOfMonth(), today, now, SYSTEM, today.plusDays(dueInDays), null,
                "No face-to-face visit in " + missed.month() + ".", List.of(), 0, null)).toList();
        // A duplicate key: this month's task exists, or the client already has an open task.
        insertNew(tasks);
    }

    // ---- reads ----

    OutreachTask task(Viewer viewer, String taskId) {
        return taskFor(viewer, taskId, "outreachTask");
    }

    /** The open tasks of the coach's caseload, soonest due first. */
    List<OutreachTask> myOpenTasks(Viewer viewer, LocalDate dueOnOrBefore, String operation) {
        requireCoach(viewer);
        List<String> caseload = directory.caseloadIds(viewer);
        Criteria criteria = Criteria.where("enrolleeId").in(caseload).and("status").is(OutreachTask.Status.OPEN);
        if (dueOnOrBefore != null) {
            criteria = criteria.and("dueOn").lte(dueOnOrBefore);
        }
        List<OutreachTask> tasks = mongo.find(Query.query(criteria).with(Sort.by("dueOn", "_id")), OutreachTask.class);
        trail.allowed(viewer, operation, tasks.stream().map(OutreachTask::enrolleeId).distinct().toList());
        return tasks;
    }

    /** Open tasks of the organization whose due day has passed: escalated to the supervisors. */
    List<OutreachTask> overdue(Viewer viewer, LocalDate today) {
        List<OutreachTask> tasks = mongo.find(Query.query(Criteria.where("organizationId").is(viewer.organizationId())
                .and("status").is(OutreachTask.Status.OPEN).and("dueOn").lt(today)).with(Sort.by("dueOn", "_id")),
                OutreachTask.class);
        trail.allowed(viewer, "overdueOutreachTasks", tasks.stream().map(OutreachTask::enrolleeId).distinct().toList());
        return tasks;
    }

    private static final Keyset<LocalDate> SOONEST_DUE_FIRST = Keyset.ascending("dueOn", Dates::date);

    /**
     * How many open tasks of the organization are overdue, and one page of them, soonest due first: two queries;
     * only the page's clients are audited.
     */
    CountedConnection<OutreachTask> overdue(Viewer viewer, LocalDate today, PageRequest page) {
        Criteria scope = Criteria.where("organizationId").is(viewer.organizationId())
                .and("status").is(OutreachTask.Status.OPEN).and("dueOn").lt(today);
        long count = mongo.count(Query.query(scope), OutreachTask.class);
        Connection<OutreachTask> connection = Connection.of(mongo.find(SOONEST_DUE_FIRST.query(scope, page),
                OutreachTask.class), page, task -> SOONEST_DUE_FIRST.cursor(task.dueOn(), task.id()));
        CountedConnection<OutreachTask> counted = CountedConnection.of(count, connection);
        trail.allowed(viewer, "overdueOutreachTasks", counted.nodes().stream().map(OutreachTask::enrolleeId)
                .distinct().toList());
        return counted;
    }

    /**
     * The organization's outreach tasks with an attempt flagged for review (someone other than the client reached
     * without consent naming them), oldest first; one query.
     */
    List<OutreachTask> withFlaggedAttempts(Viewer viewer, int limit) {
        List<OutreachTask> tasks = mongo.find(Query.query(Criteria.where("organizationId").is(viewer.organizationId())
                .and("attempts.flaggedForReview").is(true)).with(Sort.by("openedOn", "_id")).limit(limit),
                OutreachTask.class);
        trail.allowed(viewer, "flaggedOutreachTasks", tasks.stream().map(OutreachTask::enrolleeId).distinct().toList());
        return tasks;
    }

    /** Which of these enrollees have an open task: one query on the one-open-task key, ids only. */
    private Set<String> enrolleesWithOpenTask(Collection<String> enrolleeIds) {
        if (enrolleeIds.isEmpty()) {
            return Set.of();
        }
        Query query = Query.query(Criteria.where("openKey").in(enrolleeIds));
        query.fields().include("openKey");
        return mongo.find(query, Document.class, mongo.getCollectionName(OutreachTask.class)).stream()
                .map(task -> task.getString("openKey")).collect(Collectors.toSet());
    }

    /** The open tasks of several enrollees, in one query. */
    List<OutreachTask> openTasksOf(Collection<String> enrolleeIds) {
        if (enrolleeIds.isEmpty()) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where("openKey").in(enrolleeIds)), OutreachTask.class);
    }

    // ---- helpers ----

    private OutreachTask openTaskOf(String enrolleeId) {
        return mongo.findOne(Query.query(Criteria.where("openKey").is(enrolleeId)), OutreachTask.class);
    }

    private OutreachTask closeIfOpen(OutreachTask task, Outcome outcome, String reason, String by, String contactId) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(task.id()).and("status")
                .is(OutreachTask.Status.OPEN)), new Update().set("status", OutreachTask.Status.CLOSED)
                .set("openKey", task.id()).set("outcome", outcome).set("closeReason", reason).set("closedBy", by)
                .set("closedByContactId", contactId).set("closedAt", clock.instant()).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), OutreachTask.class);
    }

    /** The task, when the viewer may see its enrollee's record (the one access policy); NOT_FOUND otherwise. */
    private OutreachTask taskFor(Viewer viewer, String taskId, String operation) {
        String id = Ids.require(taskId, "taskId");
        OutreachTask task = mongo.findById(id, OutreachTask.class);
        access.openThrough(viewer, "Outreach task", id, task == null ? null : task.enrolleeId(), operation, true);
        return task;
    }

    static void requireCoach(Viewer viewer) {
        if (!viewer.role().carriesCaseload()) {
            throw DomainException.forbidden("This is the coach's own view.");
        }
    }

    static void requireSupervisor(Viewer viewer) {
        if (!viewer.role().overseesOrganization()) {
            throw DomainException.forbidden("This is a supervisor's view.");
        }
    }

    private static void requireCoachOrSupervisor(Viewer viewer) {
        if (!viewer.role().carriesCaseload() && viewer.role() != org.peerpath.security.Role.SUPERVISOR) {
            throw DomainException.forbidden("Coaches and supervisors open outreach tasks.");
        }
    }

    private static void requireStaffWorker(Viewer viewer) {
        if (!viewer.role().carriesCaseload() && viewer.role() != org.peerpath.security.Role.SUPERVISOR) {
            throw DomainException.forbidden("Coaches and supervisors work outreach tasks.");
        }
    }

    /** Counted by origin only (job, by hand, month without a visit). */
    private void opened(OutreachTask task) {
        meters.counter("peerpath.outreach.tasks.opened", "origin", task.origin().name()).increment();
    }
}
