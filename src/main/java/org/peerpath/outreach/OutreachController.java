package org.peerpath.outreach;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import java.time.Clock;

import org.peerpath.audit.AuditTrail;
import org.peerpath.contacts.ContactActivity;
import org.peerpath.contacts.ContactActivity.CoachUnits;
import org.peerpath.contacts.ContactActivity.ContactSummary;
import org.peerpath.contacts.UnitLimits;
import org.peerpath.database.IdPages;
import org.peerpath.graphql.Connection;
import org.peerpath.graphql.CountedConnection;
import org.peerpath.graphql.Cursor;
import org.peerpath.graphql.PageRequest;
import org.peerpath.outreach.Engagements.ClientEngagement;
import org.peerpath.outreach.OutreachInputs.CloseOutreachTaskInput;
import org.peerpath.outreach.OutreachInputs.OpenOutreachTaskInput;
import org.peerpath.outreach.OutreachInputs.RecordOutreachAttemptInput;
import org.peerpath.people.Enrollee;
import org.peerpath.people.EnrolleeAccess;
import org.peerpath.people.ExpiringCertifications;
import org.peerpath.people.ExpiringCertifications.Held;
import org.peerpath.people.Organization;
import org.peerpath.people.PeopleDirectory;
import org.peerpath.people.StaffMember;
import org.peerpath.security.Viewer;

/**
 * The operations of graphql/outreach.graphqls. Lists are assembled from a fixed number of batch queries; nested
 * fields (enrollee, coach, escalated) are loaded with {@code @BatchMapping}, never one query per row.
 */
@Controller
class OutreachController {

    static final int DRAFT_AGE_DAYS = 3;
    static final int CERTIFICATION_WARNING_DAYS = 60;
    static final int DASHBOARD_LIMIT = 200;
    /** Rows of a dashboard list's page when the app does not say. */
    static final int DASHBOARD_PAGE = 20;

    private final OutreachTasks tasks;
    private final Engagements engagements;
    private final ContactActivity activity;
    private final EnrolleeAccess access;
    private final PeopleDirectory directory;
    private final AuditTrail trail;
    private final UnitLimits unitLimits;
    private final ExpiringCertifications certifications;
    private final MongoTemplate mongo;
    private final Clock clock;

    OutreachController(OutreachTasks tasks, Engagements engagements, ContactActivity activity, EnrolleeAccess access,
            PeopleDirectory directory, AuditTrail trail, UnitLimits unitLimits, ExpiringCertifications certifications,
            MongoTemplate mongo, Clock clock) {
        this.tasks = tasks;
        this.engagements = engagements;
        this.activity = activity;
        this.access = access;
        this.directory = directory;
        this.trail = trail;
        this.unitLimits = unitLimits;
        this.certifications = certifications;
        this.mongo = mongo;
        this.clock = clock;
    }

    record EngagementView(String enrolleeId, EngagementRules.Status status, Integer daysSinceLastContact,
            LocalDate lastContactOn, LocalDate lastFaceToFaceOn, Boolean monthlyFaceToFaceMet) {

        static EngagementView of(ClientEngagement c) {
            return new EngagementView(c.enrollee().id(), c.status(), c.engagement().daysSinceLastContact(),
                    c.engagement().lastContactOn(), c.engagement().lastFaceToFaceOn(), c.monthlyFaceToFaceMet());
        }
    }

    record ClientRow(Enrollee enrollee, EngagementView engagement, OutreachTask openTask) {
    }

    record OutreachTaskPayload(OutreachTask task) {
    }

    /** The dashboard's context: every field is scoped to this organization. */
    record Dashboard(Viewer viewer, Organization organization, LocalDate today) {
    }

    record CoachCompliance(String coachId, int clientsRequiring, int met, int missed) {
    }

    record CoachUnitsRow(String coachId, int thisMonth, int lastMonth) {
    }

    record ExpiringCertification(StaffMember staffMember, String type, String number, LocalDate validTo) {
    }

    // ---- queries ----

    @QueryMapping
    EngagementView engagement(@AuthenticationPrincipal Viewer viewer, @Argument String enrolleeId) {
        Enrollee enrollee = access.openForStaff(viewer, enrolleeId, "engagement");
        Organization organization = directory.organizationOf(viewer);
        return EngagementView.of(engagements.of(organization, List.of(enrollee), today(organization)).get(0));
    }

    @QueryMapping
    List<OutreachTask> myOutreachTasks(@AuthenticationPrincipal Viewer viewer) {
        return tasks.myOpenTasks(viewer, null, "myOutreachTasks");
    }

    @QueryMapping
    List<OutreachTask> myOutreachToday(@AuthenticationPrincipal Viewer viewer) {
        OutreachTasks.requireCoach(viewer);
        return tasks.myOpenTasks(viewer, today(directory.organizationOf(viewer)), "myOutreachToday");
    }

    @QueryMapping
    List<ClientRow> myAtRiskClients(@AuthenticationPrincipal Viewer viewer) {
        OutreachTasks.requireCoach(viewer);
        Organization organization = directory.organizationOf(viewer);
        return rows(viewer, organization,
                engagements.mayNeedAttention(organization, viewer.personId(), today(organization)),
                "myAtRiskClients");
    }

    @QueryMapping
    OutreachTask outreachTask(@AuthenticationPrincipal Viewer viewer, @Argument String id) {
        return tasks.task(viewer, id);
    }

    @QueryMapping
    Dashboard supervisorDashboard(@AuthenticationPrincipal Viewer viewer) {
        OutreachTasks.requireSupervisor(viewer);
        Organization organization = directory.organizationOf(viewer);
        return new Dashboard(viewer, organization, today(organization));
    }

    @SchemaMapping(typeName = "SupervisorDashboard")
    List<ClientRow> clientsNeedingOutreach(Dashboard dashboard) {
        return rows(dashboard.viewer(), dashboard.organization(),
                engagements.mayNeedAttention(dashboard.organization(), null, dashboard.today()),
                "clientsNeedingOutreach");
    }

    /**
     * How many clients need outreach and a page of them (issue 16): engagement is computed for the clients whose
     * activity summary's last contact is older than the at-risk threshold (an indexed range query, then their
     * summaries), and only the page's rows are answered, looked up and audited.
     */
    @SchemaMapping(typeName = "SupervisorDashboard")
    CountedConnection<ClientRow> clientsNeedingOutreachPage(Dashboard dashboard, @Argument Integer first,
            @Argument String after) {
        PageRequest page = PageRequest.of(first, after, DASHBOARD_PAGE);
        Engagements.AttentionPage needing = engagements.needingAttention(dashboard.organization(), dashboard.today(),
                page.after() == null ? null : Cursor.decode(page.after(), 1).get(0), page.fetchSize());
        CountedConnection<ClientEngagement> counted = CountedConnection.of(needing.total(),
                Connection.of(needing.page(), page, c -> Cursor.encode(attentionKey(c))));
        List<String> ids = counted.nodes().stream().map(c -> c.enrollee().id()).toList();
        Map<String, OutreachTask> open = tasks.openTasksOf(ids).stream()
                .collect(Collectors.toMap(OutreachTask::enrolleeId, Function.identity(), (a, b) -> a));
        trail.allowed(dashboard.viewer(), "clientsNeedingOutreach", ids);
        return counted.map(c -> new ClientRow(c.enrollee(), EngagementView.of(c), open.get(c.enrollee().id())));
    }

    @SchemaMapping(typeName = "SupervisorDashboard")
    List<OutreachTask> overdueOutreachTasks(Dashboard dashboard) {
        return tasks.overdue(dashboard.viewer(), dashboard.today());
    }

    /** How many open tasks are overdue and a page of them, soonest due first (issue 16). */
    @SchemaMapping(typeName = "SupervisorDashboard")
    CountedConnection<OutreachTask> overdueOutreachTasksPage(Dashboard dashboard, @Argument Integer first,
            @Argument String after) {
        return tasks.overdue(dashboard.viewer(), dashboard.today(), PageRequest.of(first, after, DASHBOARD_PAGE));
    }

    @SchemaMapping(typeName = "SupervisorDashboard")
    List<ContactSummary> unsignedDrafts(Dashboard dashboard) {
        List<ContactSummary> drafts = activity.unsignedDrafts(dashboard.organization().id(),
                clock.instant().minus(java.time.Duration.ofDays(DRAFT_AGE_DAYS)), DASHBOARD_LIMIT);
        trail.allowed(dashboard.viewer(), "unsignedDrafts",
                drafts.stream().map(ContactSummary::enrolleeId).distinct().toList());
        return drafts;
    }

    @SchemaMapping(typeName = "SupervisorDashboard")
    List<ContactSummary> strandedDrafts(Dashboard dashboard) {
        List<ContactSummary> drafts = activity.strandedDrafts(dashboard.organization().id(), DASHBOARD_LIMIT);
        trail.allowed(dashboard.viewer(), "strandedDrafts",
                drafts.stream().map(ContactSummary::enrolleeId).distinct().toList());
        return drafts;
    }

    @SchemaMapping(typeName = "SupervisorDashboard")
    List<ContactSummary> flaggedContacts(Dashboard dashboard) {
        List<ContactSummary> flagged = activity.flaggedForReview(dashboard.organization().id(), DASHBOARD_LIMIT);
        trail.allowed(dashboard.viewer(), "flaggedContacts",
                flagged.stream().map(ContactSummary::enrolleeId).distinct().toList());
        return flagged;
    }

    @SchemaMapping(typeName = "SupervisorDashboard")
    List<OutreachTask> flaggedOutreachTasks(Dashboard dashboard) {
        return tasks.withFlaggedAttempts(dashboard.viewer(), DASHBOARD_LIMIT);
    }

    @SchemaMapping(typeName = "SupervisorDashboard")
    List<CoachCompliance> faceToFaceCompliance(Dashboard dashboard) {
        return engagements.faceToFaceCompliance(dashboard.organization().id(), dashboard.today());
    }

    /** How many coaches the requirement concerns this month and a page of them, most missed first (issue 16). */
    @SchemaMapping(typeName = "SupervisorDashboard")
    CountedConnection<CoachCompliance> faceToFaceCompliancePage(Dashboard dashboard, @Argument Integer first,
            @Argument String after) {
        return CountedConnection.ofComputed(faceToFaceCompliance(dashboard), PageRequest.of(first, after,
                DASHBOARD_PAGE), row -> mostFirst(row.missed()) + '\0' + row.coachId());
    }

    /** How many coaches billed units this month or last and a page of them, most this month first (issue 16). */
    @SchemaMapping(typeName = "SupervisorDashboard")
    CountedConnection<CoachUnitsRow> unitsByCoachPage(Dashboard dashboard, @Argument Integer first,
            @Argument String after) {
        return CountedConnection.ofComputed(unitsByCoach(dashboard), PageRequest.of(first, after, DASHBOARD_PAGE),
                row -> mostFirst(row.thisMonth()) + '\0' + row.coachId());
    }

    /** A count as text that sorts the largest first. */
    private static String mostFirst(int count) {
        return String.format(java.util.Locale.ROOT, "%010d", Integer.MAX_VALUE - (long) count);
    }

    @SchemaMapping(typeName = "SupervisorDashboard")
    List<CoachUnitsRow> unitsByCoach(Dashboard dashboard) {
        YearMonth month = YearMonth.from(dashboard.today());
        YearMonth last = month.minusMonths(1);
        String organizationId = dashboard.organization().id();
        Map<String, Integer> thisMonth = units(activity.unitsByCoach(organizationId, month.atDay(1),
                month.atEndOfMonth()));
        Map<String, Integer> lastMonth = units(activity.unitsByCoach(organizationId, last.atDay(1),
                last.atEndOfMonth()));
        return java.util.stream.Stream.concat(thisMonth.keySet().stream(), lastMonth.keySet().stream()).distinct()
                .sorted().map(coachId -> new CoachUnitsRow(coachId, thisMonth.getOrDefault(coachId, 0),
                        lastMonth.getOrDefault(coachId, 0))).toList();
    }

    /** Authorizations and Indiana's annual cap with 90 % or more used, every one at once (deprecated). */
    @SchemaMapping(typeName = "SupervisorDashboard")
    List<UnitLimits.NearLimit> unitsNearLimit(Dashboard dashboard) {
        List<UnitLimits.NearLimit> rows = unitLimits.nearLimit(dashboard.organization(), dashboard.today());
        trail.allowed(dashboard.viewer(), "unitsNearLimit",
                rows.stream().map(row -> row.enrollee().id()).distinct().toList());
        return rows;
    }

    /** How many limits are near and a page of them (issue 16); only the page's clients are read and audited. */
    @SchemaMapping(typeName = "SupervisorDashboard")
    CountedConnection<UnitLimits.NearLimit> unitsNearLimitPage(Dashboard dashboard, @Argument Integer first,
            @Argument String after) {
        CountedConnection<UnitLimits.NearLimit> counted = unitLimits.nearLimit(dashboard.organization(),
                dashboard.today(), PageRequest.of(first, after, DASHBOARD_PAGE));
        trail.allowed(dashboard.viewer(), "unitsNearLimit",
                counted.nodes().stream().map(row -> row.enrollee().id()).distinct().toList());
        return counted;
    }

    /** Every certification ending within 60 days, soonest first (deprecated). */
    @SchemaMapping(typeName = "SupervisorDashboard")
    List<ExpiringCertification> expiringCertifications(Dashboard dashboard) {
        List<Held> held = certificationsEnding(dashboard);
        Map<String, StaffMember> staff = new HashMap<>();
        List<String> ids = held.stream().map(Held::staffId).distinct().toList();
        for (int from = 0; from < ids.size(); from += IdPages.SIZE) {
            staff.putAll(staff(ids.subList(from, Math.min(ids.size(), from + IdPages.SIZE))));
        }
        return held.stream().map(h -> expiring(h, staff)).toList();
    }

    /** How many certifications end within 60 days and a page of them, soonest first (issue 16). */
    @SchemaMapping(typeName = "SupervisorDashboard")
    CountedConnection<ExpiringCertification> expiringCertificationsPage(Dashboard dashboard,
            @Argument Integer first, @Argument String after) {
        CountedConnection<Held> counted = CountedConnection.ofComputed(certificationsEnding(dashboard),
                PageRequest.of(first, after, DASHBOARD_PAGE), OutreachController::certificationKey);
        Map<String, StaffMember> staff = staff(counted.nodes().stream().map(Held::staffId).toList());
        return counted.map(h -> expiring(h, staff));
    }

    private List<Held> certificationsEnding(Dashboard dashboard) {
        List<Held> held = new java.util.ArrayList<>(certifications.endingBetween(dashboard.organization().id(),
                dashboard.today(), dashboard.today().plusDays(CERTIFICATION_WARNING_DAYS)));
        held.sort(java.util.Comparator.comparing(OutreachController::certificationKey));
        return held;
    }

    /** Last valid day, then staff member and place in their list: the order of the expiring certifications. */
    private static String certificationKey(Held held) {
        return held.certification().validTo() + "\0" + held.staffId() + "\0"
                + String.format(java.util.Locale.ROOT, "%05d", held.position());
    }

    private static ExpiringCertification expiring(Held held, Map<String, StaffMember> staff) {
        return new ExpiringCertification(staff.get(held.staffId()), held.certification().type(),
                held.certification().number(), held.certification().validTo());
    }

    // ---- mutations ----

    @MutationMapping
    OutreachTaskPayload openOutreachTask(@AuthenticationPrincipal Viewer viewer,
            @Argument OpenOutreachTaskInput input) {
        return new OutreachTaskPayload(tasks.open(viewer, input));
    }

    @MutationMapping
    OutreachTaskPayload recordOutreachAttempt(@AuthenticationPrincipal Viewer viewer,
            @Argument RecordOutreachAttemptInput input) {
        return new OutreachTaskPayload(tasks.recordAttempt(viewer, input));
    }

    @MutationMapping
    OutreachTaskPayload closeOutreachTask(@AuthenticationPrincipal Viewer viewer,
            @Argument CloseOutreachTaskInput input) {
        return new OutreachTaskPayload(tasks.close(viewer, input));
    }

    // ---- nested fields, in batches ----

    @BatchMapping(typeName = "OutreachTask", field = "enrollee")
    Map<OutreachTask, Enrollee> enrollee(List<OutreachTask> list) {
        Map<String, Enrollee> byId = mongo.find(Query.query(Criteria.where("_id").in(
                list.stream().map(OutreachTask::enrolleeId).distinct().toList())), Enrollee.class).stream()
                .collect(Collectors.toMap(Enrollee::id, Function.identity()));
        Map<OutreachTask, Enrollee> result = new HashMap<>();
        list.forEach(task -> result.put(task, byId.get(task.enrolleeId())));
        return result;
    }

    @BatchMapping(typeName = "OutreachTask", field = "coach")
    Map<OutreachTask, StaffMember> taskCoach(List<OutreachTask> list) {
        Map<String, StaffMember> byId = staff(list.stream().map(OutreachTask::coachId).toList());
        Map<OutreachTask, StaffMember> result = new HashMap<>();
        list.forEach(task -> {
            if (byId.containsKey(task.coachId())) {
                result.put(task, byId.get(task.coachId()));
            }
        });
        return result;
    }

    /** Escalated to the supervisor: the due day has passed in the task's organization's zone. */
    @BatchMapping(typeName = "OutreachTask", field = "escalated")
    Map<OutreachTask, Boolean> escalated(List<OutreachTask> list) {
        Map<String, Organization> organizations = mongo.find(Query.query(Criteria.where("_id").in(
                list.stream().map(OutreachTask::organizationId).distinct().toList())), Organization.class).stream()
                .collect(Collectors.toMap(Organization::id, Function.identity()));
        Map<OutreachTask, Boolean> result = new HashMap<>();
        list.forEach(task -> result.put(task, task.status() == OutreachTask.Status.OPEN
                && (task.escalatedAt() != null || EngagementRules.overdue(task.dueOn(),
                        today(organizations.get(task.organizationId()))))));
        return result;
    }

    @BatchMapping(typeName = "ClientEngagement", field = "coach")
    Map<ClientRow, StaffMember> clientCoach(List<ClientRow> list) {
        Map<String, StaffMember> byId = staff(list.stream().map(row -> row.enrollee().coachId()).toList());
        Map<ClientRow, StaffMember> result = new HashMap<>();
        list.forEach(row -> {
            if (byId.containsKey(row.enrollee().coachId())) {
                result.put(row, byId.get(row.enrollee().coachId()));
            }
        });
        return result;
    }

    @BatchMapping(typeName = "CoachFaceToFaceCompliance", field = "coach")
    Map<CoachCompliance, StaffMember> complianceCoach(List<CoachCompliance> list) {
        Map<String, StaffMember> byId = staff(list.stream().map(CoachCompliance::coachId).toList());
        Map<CoachCompliance, StaffMember> result = new HashMap<>();
        list.forEach(row -> {
            if (byId.containsKey(row.coachId())) {
                result.put(row, byId.get(row.coachId()));
            }
        });
        return result;
    }

    @BatchMapping(typeName = "CoachUnits", field = "coach")
    Map<CoachUnitsRow, StaffMember> unitsCoach(List<CoachUnitsRow> list) {
        Map<String, StaffMember> byId = staff(list.stream().map(CoachUnitsRow::coachId).toList());
        Map<CoachUnitsRow, StaffMember> result = new HashMap<>();
        list.forEach(row -> {
            if (byId.containsKey(row.coachId())) {
                result.put(row, byId.get(row.coachId()));
            }
        });
        return result;
    }

    // ---- helpers ----

    private List<ClientRow> rows(Viewer viewer, Organization organization, List<Enrollee> enrollees,
            String operation) {
        List<ClientEngagement> needing = Engagements.needingAttention(
                engagements.of(organization, enrollees, today(organization)));
        List<String> ids = needing.stream().map(c -> c.enrollee().id()).toList();
        Map<String, OutreachTask> open = tasks.openTasksOf(ids).stream()
                .collect(Collectors.toMap(OutreachTask::enrolleeId, Function.identity(), (a, b) -> a));
        trail.allowed(viewer, operation, ids);
        return needing.stream().map(c -> new ClientRow(c.enrollee(), EngagementView.of(c), open.get(c.enrollee().id())))
                .toList();
    }

    private Map<String, StaffMember> staff(Collection<String> ids) {
        List<String> distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return Map.of();
        }
        return directory.staffByIds(distinct).stream().collect(Collectors.toMap(StaffMember::id, Function.identity()));
    }

    private static Map<String, Integer> units(List<CoachUnits> rows) {
        return rows.stream().collect(Collectors.toMap(CoachUnits::coachId, CoachUnits::units));
    }

    /**
     * The order of clients needing attention ({@link Engagements#needingAttention}: never reached first, then
     * longest without contact, then name and id) as one text key, for the dashboard's cursors.
     */
    static String attentionKey(ClientEngagement client) {
        return Engagements.attentionKey(client.engagement().daysSinceLastContact(), client.enrollee().sortName(),
                client.enrollee().id());
    }

    private LocalDate today(Organization organization) {
        return EngagementRules.today(clock.instant(), organization.zone());
    }
}
