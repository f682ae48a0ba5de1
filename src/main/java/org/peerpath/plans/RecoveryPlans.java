package org.peerpath.plans;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.audit.AuditTrail;
import org.peerpath.database.CreateOnce;
import org.peerpath.database.Keyset;
import org.peerpath.database.VersionedUpdate;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.Dates;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.ErrorCode;
import org.peerpath.graphql.Ids;
import org.peerpath.graphql.PageRequest;
import org.peerpath.people.Enrollee;
import org.peerpath.people.EnrolleeAccess;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.plans.PlanEdits.Checks;
import org.peerpath.plans.PlanEdits.Edit;
import org.peerpath.plans.PlanInputs.AcknowledgeRecoveryPlanInput;
import org.peerpath.plans.PlanInputs.AddGoalInput;
import org.peerpath.plans.PlanInputs.AddGoalReflectionInput;
import org.peerpath.plans.PlanInputs.AddStepInput;
import org.peerpath.plans.PlanInputs.CreateRecoveryPlanInput;
import org.peerpath.plans.PlanInputs.MarkStepDoneInput;
import org.peerpath.plans.PlanInputs.UpdateGoalInput;
import org.peerpath.plans.PlanInputs.UpdateRecoveryPlanInput;
import org.peerpath.plans.PlanInputs.UpdateStepInput;
import org.peerpath.plans.RecoveryPlan.Author;
import org.peerpath.plans.RecoveryPlan.Change;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * Recovery plans, person-centered (Michigan guidance VI; TennCare role table: WRAP). The enrollee's coach or
 * associate creates and edits the plan; supervisors and administrators of the organization read it; the enrollee
 * reads their own (without staff-only fields), marks their own steps, reflects on goals and acknowledges a version.
 * <p>
 * No transactions (the embedded server has none): the plan is changed by one version-guarded single-document
 * update, then its revision is inserted under {@code planId:version}. If the process dies between the two, the
 * next change to the plan writes the missing revision from the plan itself before going on, so history stays
 * exact. Every read and change passes the shared access policy, which audits it.
 */
@Service
public class RecoveryPlans implements SmartInitializingSingleton {

    /** Retries of a change that needs no version from the client (a reflection) when another change slipped in. */
    private static final int ATTEMPTS = 3;

    private static final Keyset<Instant> NEWEST_REVISION_FIRST = Keyset.descending("at", Dates::instant);
    private static final Keyset<LocalDate> OLDEST_REVIEW_FIRST = Keyset.ascending("reviewDate", Dates::date);

    private final MongoTemplate mongo;
    private final EnrolleeAccess access;
    private final AuditTrail trail;
    private final PeopleDirectory directory;
    private final Clock clock;

    RecoveryPlans(MongoTemplate mongo, EnrolleeAccess access, AuditTrail trail, PeopleDirectory directory,
            Clock clock) {
        this.mongo = mongo;
        this.access = access;
        this.trail = trail;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * The ids of every goal in the enrollee's plans, current or past: what a contact may say it served. The
     * caller has already opened the enrollee's record through the access policy.
     */
    public Set<String> goalIdsOf(String enrolleeId) {
        return mongo.find(Query.query(Criteria.where("enrolleeId").is(enrolleeId)), RecoveryPlan.class).stream()
                .flatMap(plan -> plan.goals().stream()).map(RecoveryPlan.Goal::id)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(RecoveryPlan.class).createIndex(new Index().on("activePlanKey", Sort.Direction.ASC).unique()
                .named("one_active_plan_per_enrollee"));
        mongo.indexOps(RecoveryPlanRevision.class).createIndex(new Index().on("enrolleeId", Sort.Direction.ASC)
                .on("at", Sort.Direction.DESC).named("enrollee_at"));
    }

    // ---- reads ----

    /** Staff: the enrollee's active plan, or the plan as it stood at {@code asOf}; null when there was none. */
    RecoveryPlan plan(Viewer viewer, String enrolleeId, Instant asOf) {
        Enrollee enrollee = access.openForStaff(viewer, enrolleeId, "recoveryPlan");
        if (asOf == null) {
            return activePlanOf(enrollee.id());
        }
        RecoveryPlanRevision revision = mongo.findOne(Query.query(Criteria.where("enrolleeId").is(enrollee.id())
                .and("at").lte(asOf)).with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("version"))).limit(1),
                RecoveryPlanRevision.class);
        return revision == null ? null : revision.snapshot();
    }

    /** The enrollee's own active plan, or null. */
    MyRecoveryPlan myPlan(Viewer viewer) {
        requireEnrollee(viewer, null, "myRecoveryPlan");
        Enrollee self = access.open(viewer, viewer.personId(), "myRecoveryPlan");
        return MyRecoveryPlan.of(activePlanOf(self.id()));
    }

    /**
     * Staff: the changes to the enrollee's plans, newest first; optionally only those the enrollee made, and only
     * those after the version the coach last saw.
     */
    Connection<RecoveryPlanRevision> history(Viewer viewer, String enrolleeId, boolean byEnrolleeOnly,
            Integer sinceVersion, PageRequest page) {
        Enrollee enrollee = access.openForStaff(viewer, enrolleeId, "recoveryPlanHistory");
        Criteria criteria = Criteria.where("enrolleeId").is(enrollee.id()).and("organizationId")
                .is(viewer.organizationId());
        if (byEnrolleeOnly) {
            criteria = criteria.and("by.role").is(Role.ENROLLEE.name());
        }
        if (sinceVersion != null) {
            criteria = criteria.and("version").gt(sinceVersion.longValue());
        }
        return Connection.of(mongo.find(NEWEST_REVISION_FIRST.query(criteria, page), RecoveryPlanRevision.class),
                page, r -> NEWEST_REVISION_FIRST.cursor(r.at(), r.id()));
    }

    /**
     * Active plans whose review date is before today in the organization's zone, earliest first: a coach's or
     * associate's own caseload, or for supervisors and administrators the whole organization.
     */
    Connection<RecoveryPlan> dueForReview(Viewer viewer, PageRequest page) {
        if (viewer.isEnrollee()) {
            throw DomainException.forbidden("This is for staff only.");
        }
        LocalDate today = LocalDate.now(clock.withZone(directory.organizationOf(viewer).zone()));
        Criteria criteria = Criteria.where("organizationId").is(viewer.organizationId()).and("status")
                .is(PlanStatus.ACTIVE.name()).and("reviewDate").lt(today);
        if (viewer.role().carriesCaseload()) {
            criteria = criteria.and("enrolleeId").in(directory.caseloadIds(viewer));
        }
        Connection<RecoveryPlan> connection = Connection.of(
                mongo.find(OLDEST_REVIEW_FIRST.query(criteria, page), RecoveryPlan.class), page,
                p -> OLDEST_REVIEW_FIRST.cursor(p.reviewDate(), p.id()));
        trail.allowed(viewer, "plansDueForReview",
                connection.edges().stream().map(edge -> edge.node().enrolleeId()).toList());
        return connection;
    }

    // ---- coach changes ----

    RecoveryPlan create(Viewer viewer, CreateRecoveryPlanInput input) {
        new Checks().id(input.id(), "id").id(input.enrolleeId(), "enrolleeId").goals(input.goals(), "goals")
                .texts(input.strengths(), "strengths").texts(input.triggers(), "triggers")
                .optionalText(input.relapsePreventionPlan(), "relapsePreventionPlan", PlanEdits.MAX_LONG_TEXT)
                .supportNetwork(input.supportNetwork(), "supportNetwork").required(input.reviewDate(), "reviewDate")
                .optionalText(input.coachNotes(), "coachNotes", PlanEdits.MAX_LONG_TEXT).throwIfAny();
        requireCoach(viewer, input.enrolleeId(), "createRecoveryPlan");
        Enrollee enrollee = access.open(viewer, input.enrolleeId(), "createRecoveryPlan");
        Instant now = clock.instant();
        RecoveryPlan plan = new RecoveryPlan(input.id(), enrollee.organizationId(), enrollee.id(), enrollee.id(),
                PlanStatus.ACTIVE, input.goals().stream().map(PlanEdits::newGoal).toList(),
                PlanEdits.cleaned(input.strengths()), PlanEdits.cleaned(input.triggers()),
                PlanEdits.blankToNull(input.relapsePreventionPlan()), PlanEdits.supportNetwork(input.supportNetwork()),
                input.reviewDate(), PlanEdits.blankToNull(input.coachNotes()), List.of(), 0, now, now,
                author(viewer), new Change(ChangeKind.CREATED, "Created the plan with " + input.goals().size()
                        + " goal(s).", null, null), CreateOnce.digest(viewer.personId(), input));
        RecoveryPlan stored;
        try {
            stored = mongo.insert(plan);
        }
        catch (DuplicateKeyException ex) {
            stored = alreadyCreated(plan);
        }
        writeRevision(stored);
        return stored;
    }

    /** The plan a retry of the same creation made, or a CONFLICT saying why this creation cannot be. */
    private RecoveryPlan alreadyCreated(RecoveryPlan plan) {
        RecoveryPlan existing = mongo.findById(plan.id(), RecoveryPlan.class);
        if (existing != null) {
            if (existing.creationDigest().equals(plan.creationDigest())) {
                return existing;
            }
            throw DomainException.conflict("The id " + plan.id() + " is already used by a different record.",
                    Map.of("id", plan.id()));
        }
        RecoveryPlan active = activePlanOf(plan.enrolleeId());
        throw DomainException.conflict("This enrollee already has an active recovery plan; edit that one.",
                active == null ? Map.of() : Map.of("activePlanId", active.id(), "currentVersion", active.version()));
    }

    RecoveryPlan update(Viewer viewer, UpdateRecoveryPlanInput input) {
        new Checks().id(input.planId(), "planId").version(input.expectedVersion(), "expectedVersion")
                .texts(input.strengths(), "strengths").texts(input.triggers(), "triggers")
                .optionalText(input.relapsePreventionPlan(), "relapsePreventionPlan", PlanEdits.MAX_LONG_TEXT)
                .supportNetwork(input.supportNetwork(), "supportNetwork")
                .optionalText(input.coachNotes(), "coachNotes", PlanEdits.MAX_LONG_TEXT).throwIfAny();
        return coachEdit(viewer, input.planId(), input.expectedVersion(), "updateRecoveryPlan",
                plan -> PlanEdits.updatePlan(plan, input));
    }

    RecoveryPlan addGoal(Viewer viewer, AddGoalInput input) {
        new Checks().id(input.planId(), "planId").version(input.expectedVersion(), "expectedVersion")
                .goal(input.goal(), "goal").throwIfAny();
        return coachEdit(viewer, input.planId(), input.expectedVersion(), "addGoal",
                plan -> PlanEdits.addGoal(plan, input.goal()));
    }

    RecoveryPlan updateGoal(Viewer viewer, UpdateGoalInput input) {
        Checks checks = new Checks();
        checks.id(input.planId(), "planId").version(input.expectedVersion(), "expectedVersion")
                .id(input.goalId(), "goalId");
        if (input.inOwnWords() != null) {
            checks.text(input.inOwnWords(), "inOwnWords", 1000);
        }
        checks.throwIfAny();
        return coachEdit(viewer, input.planId(), input.expectedVersion(), "updateGoal",
                plan -> PlanEdits.updateGoal(plan, input));
    }

    RecoveryPlan addStep(Viewer viewer, AddStepInput input) {
        new Checks().id(input.planId(), "planId").version(input.expectedVersion(), "expectedVersion")
                .id(input.goalId(), "goalId").step(input.step(), "step").throwIfAny();
        return coachEdit(viewer, input.planId(), input.expectedVersion(), "addStep",
                plan -> PlanEdits.addStep(plan, input.goalId(), input.step()));
    }

    RecoveryPlan updateStep(Viewer viewer, UpdateStepInput input) {
        Checks checks = new Checks();
        checks.id(input.planId(), "planId").version(input.expectedVersion(), "expectedVersion")
                .id(input.goalId(), "goalId").id(input.stepId(), "stepId");
        if (input.what() != null) {
            checks.text(input.what(), "what", 500);
        }
        checks.throwIfAny();
        Instant now = clock.instant();
        return coachEdit(viewer, input.planId(), input.expectedVersion(), "updateStep",
                plan -> PlanEdits.updateStep(plan, input, author(viewer), now));
    }

    // ---- enrollee changes ----

    MyRecoveryPlan markStepDone(Viewer viewer, MarkStepDoneInput input) {
        new Checks().id(input.planId(), "planId").id(input.goalId(), "goalId").id(input.stepId(), "stepId")
                .version(input.expectedVersion(), "expectedVersion").throwIfAny();
        Instant now = clock.instant();
        RecoveryPlan plan = openForEnrollee(viewer, input.planId(), "markStepDone");
        return MyRecoveryPlan.of(apply(viewer, plan, input.expectedVersion(),
                current -> PlanEdits.markStepDone(current, input.goalId(), input.stepId(), input.done(),
                        author(viewer), now)));
    }

    /**
     * A reflection only adds to the plan and is idempotent on its id, so it needs no version from the phone: it is
     * applied to the plan as it stands, re-read and re-applied if another change slips in between.
     */
    MyRecoveryPlan addReflection(Viewer viewer, AddGoalReflectionInput input) {
        new Checks().id(input.planId(), "planId").id(input.goalId(), "goalId").id(input.id(), "id")
                .text(input.text(), "text", PlanEdits.MAX_REFLECTION_LENGTH).throwIfAny();
        Instant now = clock.instant();
        RecoveryPlan plan = openForEnrollee(viewer, input.planId(), "addGoalReflection");
        for (int attempt = 1;; attempt++) {
            try {
                return MyRecoveryPlan.of(apply(viewer, plan, plan.version(),
                        current -> PlanEdits.addReflection(current, input.goalId(), input.id(), input.text(), now)));
            }
            catch (DomainException ex) {
                if (ex.code() != ErrorCode.CONFLICT || !ex.details().containsKey("currentVersion")
                        || attempt == ATTEMPTS) {
                    throw ex;
                }
                plan = mongo.findById(plan.id(), RecoveryPlan.class);
            }
        }
    }

    /** The enrollee acknowledges the version they were shown; a stale one is a CONFLICT with the current one. */
    MyRecoveryPlan acknowledge(Viewer viewer, AcknowledgeRecoveryPlanInput input) {
        new Checks().id(input.planId(), "planId").version(input.version(), "version").throwIfAny();
        Instant now = clock.instant();
        RecoveryPlan plan = openForEnrollee(viewer, input.planId(), "acknowledgeRecoveryPlan");
        return MyRecoveryPlan.of(apply(viewer, plan, input.version(),
                current -> PlanEdits.acknowledge(current, input.version(), author(viewer), now)));
    }

    // ---- the one way a plan changes ----

    private RecoveryPlan coachEdit(Viewer viewer, String planId, long expectedVersion, String operation,
            Function<RecoveryPlan, Edit> change) {
        RecoveryPlan plan = findPlan(planId);
        requireCoach(viewer, plan == null ? null : plan.enrolleeId(), operation);
        if (plan == null) {
            throw DomainException.notFound("Recovery plan " + planId);
        }
        access.open(viewer, plan.enrolleeId(), operation);
        return apply(viewer, plan, expectedVersion, change);
    }

    /**
     * Applies {@code change} to {@code current} if the client saw {@code expectedVersion}. A change that changes
     * nothing is a retry (or the other phone did the same) and is answered with the plan as it is, whatever the
     * version. Otherwise a stale version is a CONFLICT carrying the current one, also when the race is lost inside
     * the database.
     */
    private RecoveryPlan apply(Viewer viewer, RecoveryPlan current, long expectedVersion,
            Function<RecoveryPlan, Edit> change) {
        writeRevision(current); // repairs a revision lost to a crash after the previous change
        Edit edit;
        try {
            edit = change.apply(current);
        }
        catch (DomainException ex) {
            if (ex.code() != ErrorCode.FORBIDDEN && current.version() != expectedVersion) {
                throw stale(current, expectedVersion);
            }
            throw ex;
        }
        if (edit.plan().equals(current)) {
            return current;
        }
        if (current.version() != expectedVersion) {
            throw stale(current, expectedVersion);
        }
        RecoveryPlan next = edit.plan().stamped(author(viewer), clock.instant(), edit.change());
        Update update = new Update().set("goals", next.goals()).set("strengths", next.strengths())
                .set("triggers", next.triggers()).set("relapsePreventionPlan", next.relapsePreventionPlan())
                .set("supportNetwork", next.supportNetwork()).set("reviewDate", next.reviewDate())
                .set("coachNotes", next.coachNotes()).set("acknowledgements", next.acknowledgements())
                .set("updatedAt", next.updatedAt()).set("updatedBy", next.updatedBy())
                .set("lastChange", next.lastChange());
        RecoveryPlan saved = VersionedUpdate.apply(mongo, RecoveryPlan.class, Criteria.where("_id").is(current.id()),
                expectedVersion, update, "Recovery plan " + current.id());
        writeRevision(saved);
        return saved;
    }

    private static DomainException stale(RecoveryPlan current, long expectedVersion) {
        return DomainException.conflict("Recovery plan " + current.id() + " was changed by someone else (now version "
                + current.version() + ", you edited version " + expectedVersion + "). Reload and try again.",
                Map.of("currentVersion", current.version()));
    }

    private void writeRevision(RecoveryPlan plan) {
        try {
            mongo.insert(RecoveryPlanRevision.of(plan));
        }
        catch (DuplicateKeyException ex) {
            // written already: revisions are immutable and keyed by plan and version
        }
    }

    private RecoveryPlan openForEnrollee(Viewer viewer, String planId, String operation) {
        RecoveryPlan plan = findPlan(planId);
        requireEnrollee(viewer, plan == null ? null : plan.enrolleeId(), operation);
        if (plan == null) {
            throw DomainException.notFound("Recovery plan " + planId);
        }
        access.open(viewer, plan.enrolleeId(), operation); // NOT_FOUND for anyone else's plan
        return plan;
    }

    private RecoveryPlan findPlan(String planId) {
        return mongo.findById(Ids.require(planId, "planId"), RecoveryPlan.class);
    }

    private RecoveryPlan activePlanOf(String enrolleeId) {
        return mongo.findOne(Query.query(Criteria.where("activePlanKey").is(enrolleeId)), RecoveryPlan.class);
    }

    /** Only the enrollee's coach or associate edits a plan; supervisors read. */
    private void requireCoach(Viewer viewer, String enrolleeId, String operation) {
        if (!viewer.role().carriesCaseload()) {
            if (enrolleeId != null) {
                trail.denied(viewer, operation, enrolleeId);
            }
            throw DomainException.forbidden("Only the enrollee's coach or associate edits a recovery plan.");
        }
    }

    private void requireEnrollee(Viewer viewer, String enrolleeId, String operation) {
        if (!viewer.isEnrollee()) {
            if (enrolleeId != null) {
                trail.denied(viewer, operation, enrolleeId);
            }
            throw DomainException.forbidden("This is for enrollees, in their own app.");
        }
    }

    private static Author author(Viewer viewer) {
        return new Author(viewer.personId(), viewer.role());
    }
}
