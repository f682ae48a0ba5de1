package org.peerpath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.peerpath.consent.ConsentFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.demo.DemoData.id;

/**
 * Every operation in mobile-contract/ is valid against the schema in graphql/ and runs without errors, with
 * the role of its app, against the demo data. A new operation file without an entry in {@link #RUNS} fails
 * here, so nothing the apps send goes untested.
 */
class ContractTest extends IntegrationTest {

    private static final Path CONTRACT = Path.of("mobile-contract");

    /** How to run one operation: as whom, with which variables. */
    record Run(String login, Supplier<Map<String, Object>> variables) {
        static Run as(String login) {
            return new Run(login, Map::of);
        }

        static Run as(String login, Supplier<Map<String, Object>> variables) {
            return new Run(login, variables);
        }
    }

    static final Map<String, Run> RUNS = new HashMap<>();

    /**
     * The recovery plan the plan operations work on: enrollee.in's, made by coach.in before the runs (the plan
     * operations need one, and runs go in file order). Ids are fresh for every test run.
     */
    static PlanFixture plan;

    static {
        String miEnrollee = id("enrollee.mi.0");
        RUNS.put("coach/me", Run.as("coach.mi"));
        RUNS.put("coach/caseload", Run.as("coach.mi", () -> Map.of("first", 5)));
        RUNS.put("coach/enrollee", Run.as("coach.mi", () -> Map.of("id", miEnrollee)));
        RUNS.put("enrollee/me", Run.as("enrollee.mi"));
        RUNS.put("supervisor/me", Run.as("supervisor.mi"));
        RUNS.put("supervisor/team", Run.as("supervisor.mi", () -> Map.of("first", 10)));
        RUNS.put("supervisor/organizationEnrollees", Run.as("supervisor.mi", () -> Map.of("first", 10)));
        RUNS.put("supervisor/enrollee", Run.as("supervisor.mi", () -> Map.of("id", miEnrollee)));
        RUNS.put("supervisor/auditEvents", Run.as("supervisor.mi", () -> Map.of("enrolleeId", miEnrollee)));
        RUNS.put("supervisor/assignCoach", Run.as("supervisor.in", () -> Map.of("input",
                Map.of("enrolleeId", id("enrollee.in.7"), "coachId", id("coach2.in")))));
        RUNS.put("admin/assignCoach", Run.as("admin.in", () -> Map.of("input",
                Map.of("enrolleeId", id("enrollee.in.6"), "coachId", id("coach.in")))));
        RUNS.put("admin/organizationSetup", Run.as("admin.tn"));
        RUNS.put("admin/reconcileLedgers", Run.as("admin.tn"));
        RUNS.put("admin/rebuildActivitySummaries", Run.as("admin.tn"));
        RUNS.put("admin/administratorDashboard", Run.as("admin.tn"));
        RUNS.put("admin/createOrganization", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "id", UUID.randomUUID().toString(), "name", "Contract test agency", "rulePack", "TN",
                "timeZone", "America/Chicago", "firstAdministrator", Map.of("id", UUID.randomUUID().toString(),
                        "firstName", "Ada", "lastName", "Admin", "authSubject", "contract-" + UUID.randomUUID())))));
        RUNS.put("admin/updateOrganization", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "expectedVersion", 0, "atRiskAfterDays", 10, "lateEntryDays", 30, "lateEntryHardLimitDays", 365,
                "maxGroupSize", 12))));
        // The demo organization's own settings again: nothing changes (BillingSettingsIntegrationTest changes some).
        RUNS.put("admin/changeBillingSettings", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "expectedVersion", 0, "effectiveFrom", michiganToday().toString(), "rulePack", "TN",
                "unitRounding", "PACK_DEFAULT"))));
        RUNS.put("admin/createStaffMember", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "id", UUID.randomUUID().toString(), "firstName", "Noor", "lastName", "New", "role", "RECOVERY_COACH",
                "supervisorId", id("supervisor.tn")))));
        RUNS.put("admin/updateStaffMember", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "id", id("supervisor.tn"), "expectedVersion", 0, "email", "sam@demo.peerpath.org"))));
        RUNS.put("admin/addCertification", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "staffMemberId", id("coach2.tn"), "id", UUID.randomUUID().toString(), "type", "CPRS",
                "number", "TN-1234", "issuingState", "TN", "validFrom", "2026-01-01", "validTo", "2028-01-01"))));
        RUNS.put("admin/createEnrollee", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "id", UUID.randomUUID().toString(), "firstName", "Lee", "lastName", "Newcomer",
                "dateOfBirth", "1990-05-01", "fundingSources", List.of("MEDICAID"), "status", "ENROLLED",
                "enrolledOn", "2026-11-01", "coachId", id("coach.tn"),
                "childEnrolleeId", id("enrollee.tn.3"))))); // a parent of the demo's 15-year-old (CMS FAQ A5)
        RUNS.put("admin/updateEnrollee", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "id", id("enrollee.tn.5"), "expectedVersion", 0, "preferredName", "Jay",
                "childEnrolleeId", id("enrollee.tn.3")))));
        RUNS.put("admin/linkSignIn", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "personId", id("enrollee.tn.7"), "authSubject", "contract-" + UUID.randomUUID()))));
        RUNS.put("admin/assignSupervisor", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "staffMemberId", newTennesseeCoach(), "supervisorId", id("supervisor.tn"),
                "effectiveFrom", michiganToday().toString(), "expectedVersion", 0))));
        RUNS.put("admin/dischargeEnrollee", Run.as("admin", () -> Map.of("input", Map.of(
                "enrolleeId", enrolledMichiganClient(), "expectedVersion", 0,
                "dischargedOn", michiganToday().minusDays(30).toString(), "reason", "COMPLETED"))));
        RUNS.put("supervisor/dischargeEnrollee", Run.as("supervisor.mi", () -> Map.of("input", Map.of(
                "enrolleeId", enrolledMichiganClient(), "expectedVersion", 0,
                "dischargedOn", michiganToday().toString(), "reason", "OTHER", "note", "Joined the Army"))));
        RUNS.put("admin/readmitEnrollee", Run.as("admin", () -> Map.of("input", Map.of(
                "enrolleeId", dischargedMichiganClient(), "episodeId", UUID.randomUUID().toString(),
                "expectedVersion", 1, "referredOn", michiganToday().minusDays(12).toString(),
                "enrolledOn", michiganToday().minusDays(10).toString()))));
        RUNS.put("supervisor/readmitEnrollee", Run.as("supervisor.mi", () -> Map.of("input", Map.of(
                "enrolleeId", dischargedMichiganClient(), "episodeId", UUID.randomUUID().toString(),
                "expectedVersion", 1, "referredOn", michiganToday().toString()))));
        RUNS.put("admin/addAuthorization", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "enrolleeId", id("enrollee.tn.6"), "id", UUID.randomUUID().toString(), "kind", "PLAN_OF_CARE",
                "validFrom", "2026-11-01", "validTo", "2027-04-30")))); // a plan of care stating no units
        RUNS.put("admin/recordOpeningBalance", Run.as("admin.in", () -> Map.of("input", Map.of(
                "id", UUID.randomUUID().toString(), "enrolleeId", newIndianaClient(),
                "usedBefore", michiganToday().minusDays(1).toString(), "units", 100,
                "source", "Claims of the previous agency", "note", "Transferred mid-year"))));

        String miContact = id("ec." + miEnrollee);
        RUNS.put("coach/recordConsent", Run.as("coach.mi", () -> Map.of("input",
                ConsentFixtures.completeConsent(miEnrollee, serviceClock()))));
        RUNS.put("coach/revokeConsent", Run.as("coach.mi", () -> Map.of("input", Map.of(
                "consentId", recordedConsent(ConsentFixtures.completeConsent(miEnrollee, serviceClock())),
                "note", "Written request dated today"))));
        RUNS.put("coach/recordConsentExpirationEvent", Run.as("coach.mi", () -> {
            Map<String, Object> input = ConsentFixtures.completeConsent(miEnrollee, serviceClock());
            input.put("expirationEvent", "Discharge from the program");
            return Map.of("input", Map.of("consentId", recordedConsent(input), "occurredOn", todayInMichigan()));
        }));
        RUNS.put("coach/recordDisclosure", Run.as("coach.mi", () -> Map.of("input", Map.of(
                "id", UUID.randomUUID().toString(),
                "consentId", recordedConsent(ConsentFixtures.completeConsent(miEnrollee, serviceClock())),
                "disclosedOn", todayInMichigan(), "informationShared", "Attendance this week",
                "includesSubstanceUseInformation", false))));
        RUNS.put("coach/consents", Run.as("coach.mi", () -> Map.of("enrolleeId", miEnrollee)));
        RUNS.put("coach/consentStatus", Run.as("coach.mi", () -> Map.of(
                "consentId", recordedConsent(ConsentFixtures.completeConsent(miEnrollee, serviceClock())),
                "on", todayInMichigan())));
        RUNS.put("coach/consentsExpiringSoon", Run.as("coach.mi"));
        RUNS.put("coach/disclosures", Run.as("coach.mi", () -> Map.of("enrolleeId", miEnrollee)));
        RUNS.put("coach/mayContact", Run.as("coach.mi", () -> Map.of("enrolleeId", miEnrollee,
                "emergencyContactId", miContact)));
        RUNS.put("coach/emergencyContactConsents", Run.as("coach.mi", () -> Map.of("enrolleeId", miEnrollee)));
        RUNS.put("enrollee/consentStatus", Run.as("enrollee.mi", () -> Map.of(
                "consentId", recordedConsent(ConsentFixtures.completeConsent(miEnrollee, serviceClock())))));
        RUNS.put("enrollee/myConsents", Run.as("enrollee.mi"));
        RUNS.put("enrollee/myDisclosures", Run.as("enrollee.mi"));
        RUNS.put("enrollee/revokeMyConsent", Run.as("enrollee.mi", () -> Map.of("input", Map.of(
                "consentId", recordedConsent(ConsentFixtures.completeConsent(miEnrollee, serviceClock()))))));
        RUNS.put("supervisor/consents", Run.as("supervisor.mi", () -> Map.of("enrolleeId", miEnrollee)));
        RUNS.put("supervisor/disclosures", Run.as("supervisor.mi", () -> Map.of("enrolleeId", miEnrollee)));
        RUNS.put("supervisor/consentsExpiringSoon", Run.as("supervisor.mi"));

        String inEnrollee = id("enrollee.in.0");
        RUNS.put("coach/createRecoveryPlan", Run.as("coach.in", () -> Map.of("input", plan.creation)));
        RUNS.put("coach/recoveryPlan", Run.as("coach.in", () -> Map.of("enrolleeId", inEnrollee)));
        RUNS.put("coach/clientDetail", Run.as("coach.in", () -> Map.of("enrolleeId", inEnrollee)));
        RUNS.put("coach/recoveryPlanHistory", Run.as("coach.in", () -> Map.of("enrolleeId", inEnrollee,
                "byEnrolleeOnly", true, "sinceVersion", 0)));
        RUNS.put("coach/plansDueForReview", Run.as("coach.in", () -> Map.of("first", 10)));
        RUNS.put("coach/updateRecoveryPlan", Run.as("coach.in", () -> Map.of("input", Map.of("planId", plan.planId,
                "expectedVersion", plan.version(), "triggers", List.of("Payday"), "reviewDate", "2026-02-01"))));
        RUNS.put("coach/addGoal", Run.as("coach.in", () -> Map.of("input", Map.of("planId", plan.planId,
                "expectedVersion", plan.version(), "goal", Map.of("id", UUID.randomUUID().toString(),
                        "inOwnWords", "Sleep better", "lifeDomain", "HEALTH_CARE", "targetDate", "2026-06-01")))));
        RUNS.put("coach/updateGoal", Run.as("coach.in", () -> Map.of("input", Map.of("planId", plan.planId,
                "expectedVersion", plan.version(), "goalId", plan.goalId, "targetDate", "2026-09-30"))));
        RUNS.put("coach/addStep", Run.as("coach.in", () -> Map.of("input", Map.of("planId", plan.planId,
                "expectedVersion", plan.version(), "goalId", plan.goalId, "step", Map.of("id",
                        UUID.randomUUID().toString(), "what", "Book the road test", "who", "ENROLLEE")))));
        RUNS.put("coach/updateStep", Run.as("coach.in", () -> Map.of("input", Map.of("planId", plan.planId,
                "expectedVersion", plan.version(), "goalId", plan.goalId, "stepId", plan.coachStepId,
                "done", true))));
        RUNS.put("enrollee/myRecoveryPlan", Run.as("enrollee.in"));
        RUNS.put("enrollee/markStepDone", Run.as("enrollee.in", () -> Map.of("input", Map.of("planId", plan.planId,
                "goalId", plan.goalId, "stepId", plan.enrolleeStepId, "done", true,
                "expectedVersion", plan.version()))));
        RUNS.put("enrollee/addGoalReflection", Run.as("enrollee.in", () -> Map.of("input", Map.of(
                "planId", plan.planId, "goalId", plan.goalId, "id", UUID.randomUUID().toString(),
                "text", "The BMV line was long but I stayed."))));
        RUNS.put("enrollee/acknowledgeRecoveryPlan", Run.as("enrollee.in", () -> Map.of("input", Map.of(
                "planId", plan.planId, "version", plan.version()))));
        RUNS.put("supervisor/recoveryPlan", Run.as("supervisor.in", () -> Map.of("enrolleeId", inEnrollee)));
        RUNS.put("supervisor/recoveryPlanHistory", Run.as("supervisor.in", () -> Map.of("enrolleeId", inEnrollee)));
        RUNS.put("supervisor/plansDueForReview", Run.as("supervisor.in", () -> Map.of("first", 10)));
        RUNS.put("coach/logContact", Run.as("coach.in", () -> Map.of("input", contactInput())));
        RUNS.put("coach/previewContactBilling", Run.as("coach.in", () -> Map.of("input", contactInput())));
        RUNS.put("coach/updateContactDraft", Run.as("coach.in", () -> Map.of("input", Map.of(
                "id", loggedContact(), "expectedVersion", 0, "supportTypes", List.of("INFORMATIONAL")))));
        RUNS.put("coach/signContact", Run.as("coach.in", () -> Map.of("input", Map.of(
                "id", loggedContact(), "expectedVersion", 0))));
        RUNS.put("coach/amendContact", Run.as("coach.in", () -> Map.of("input", Map.of(
                "id", signedContact(), "expectedVersion", 1, "addendumId", UUID.randomUUID().toString(),
                "reason", "Clarification", "text", "Also discussed the bus schedule."))));
        RUNS.put("coach/voidContact", Run.as("coach.in", () -> Map.of("input", Map.of(
                "id", loggedContact(), "expectedVersion", 0, "reason", "Duplicate entry"))));
        RUNS.put("coach/contact", Run.as("coach.in", () -> Map.of("id", loggedContact())));
        RUNS.put("coach/enrolleeContacts", Run.as("coach.in", () -> Map.of("enrolleeId", inEnrollee,
                "filter", Map.of("signed", true), "first", 5)));
        RUNS.put("coach/myContacts", Run.as("coach.in", () -> Map.of("first", 5)));
        RUNS.put("coach/draftsAwaitingSignature", Run.as("coach.in"));
        RUNS.put("coach/unitUsage", Run.as("coach.in", () -> Map.of("enrolleeId", inEnrollee)));
        RUNS.put("coach/myUnitsThisMonth", Run.as("coach.in"));
        RUNS.put("supervisor/enrolleeContacts", Run.as("supervisor.in", () -> Map.of("enrolleeId", inEnrollee)));
        RUNS.put("supervisor/unitUsage", Run.as("supervisor.in", () -> Map.of("enrolleeId", inEnrollee)));
        RUNS.put("enrollee/myContactHistory", Run.as("enrollee.in", () -> Map.of("first", 10)));

        RUNS.put("coach/engagement", Run.as("coach.mi", () -> Map.of("enrolleeId", miEnrollee)));
        RUNS.put("coach/myOutreachTasks", Run.as("coach.mi"));
        RUNS.put("coach/myOutreachToday", Run.as("coach.mi"));
        RUNS.put("coach/myAtRiskClients", Run.as("coach.mi"));
        RUNS.put("coach/openOutreachTask", Run.as("coach.mi", () -> Map.of("input", Map.of(
                "id", UUID.randomUUID().toString(), "enrolleeId", newMichiganEnrollee(), "note", "Missed two groups"))));
        RUNS.put("coach/outreachTask", Run.as("coach.mi", () -> Map.of("id", openedOutreachTask())));
        RUNS.put("coach/recordOutreachAttempt", Run.as("coach.mi", () -> Map.of("input", Map.of(
                "taskId", openedOutreachTask(), "id", UUID.randomUUID().toString(), "method", "PHONE",
                "outcome", "LEFT_MESSAGE", "at", serviceClock().instant().minusSeconds(60).toString()))));
        RUNS.put("coach/closeOutreachTask", Run.as("coach.mi", () -> Map.of("input", Map.of(
                "taskId", openedOutreachTask(), "outcome", "UNABLE_TO_REACH", "reason", "Phone disconnected"))));
        RUNS.put("supervisor/engagement", Run.as("supervisor.mi", () -> Map.of("enrolleeId", miEnrollee)));
        RUNS.put("supervisor/supervisorDashboard", Run.as("supervisor.mi"));
        RUNS.put("supervisor/openOutreachTask", Run.as("supervisor.mi", () -> Map.of("input", Map.of(
                "id", UUID.randomUUID().toString(), "enrolleeId", newMichiganEnrollee()))));
        RUNS.put("supervisor/outreachTask", Run.as("supervisor.mi", () -> Map.of("id", openedOutreachTask())));
        RUNS.put("supervisor/recordOutreachAttempt", Run.as("supervisor.mi", () -> Map.of("input", Map.of(
                "taskId", openedOutreachTask(), "id", UUID.randomUUID().toString(), "method", "HOME_VISIT",
                "outcome", "MOVED", "at", serviceClock().instant().minusSeconds(60).toString()))));
        RUNS.put("supervisor/closeOutreachTask", Run.as("supervisor.mi", () -> Map.of("input", Map.of(
                "taskId", openedOutreachTask(), "outcome", "DECLINED", "reason", "Asked not to be contacted"))));
        for (String[] app : new String[][] {{"coach", "coach.tn"}, {"enrollee", "enrollee.tn"},
                {"supervisor", "supervisor.tn"}}) {
            String login = app[1];
            RUNS.put(app[0] + "/registerDevice", Run.as(login, () -> Map.of("input", Map.of(
                    "token", "contract-" + UUID.randomUUID(), "platform", "ANDROID", "appVersion", "1.4.0",
                    "timeZone", "America/Chicago"))));
            RUNS.put(app[0] + "/unregisterDevice", Run.as(login, () -> Map.of("token", registeredDevice(login))));
            RUNS.put(app[0] + "/myDevices", Run.as(login));
            RUNS.put(app[0] + "/myNotifications", Run.as(login, () -> Map.of("first", 5)));
        }
        RUNS.put("supervisor/reviewQueue", Run.as("supervisor.mi", () -> Map.of("first", 5)));
        RUNS.put("supervisor/approveContact", Run.as("supervisor.mi", () -> Map.of("input", Map.of(
                "id", contactAwaitingReview(), "expectedVersion", 1))));
        RUNS.put("supervisor/returnContactForCorrection", Run.as("supervisor.mi", () -> Map.of("input", Map.of(
                "id", contactAwaitingReview(), "expectedVersion", 1, "comment", "Add the place of the meeting."))));
        RUNS.put("coach/returnedToMe", Run.as("associate.mi", () -> Map.of("first", 5)));
        RUNS.put("coach/resubmitContact", Run.as("associate.mi", () -> Map.of("input", Map.of(
                "id", correctedReturnedContact(), "expectedVersion", 3))));
        RUNS.put("admin/reviewPolicy", Run.as("admin.tn"));
        RUNS.put("admin/setReviewPolicy", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "policy", "ASSOCIATES_AND_FLAGGED", "expectedVersion", ContractTest.current.admin("admin.tn")
                        .documentName("reviewPolicy").execute().path("reviewPolicy.version").entity(Integer.class)
                        .get()))));
        RUNS.put("coach/logGroupSession", Run.as("coach.mi", () -> Map.of("input", groupSessionInput())));
        RUNS.put("coach/signGroupSession", Run.as("coach.mi", () -> Map.of("input", Map.of(
                "id", loggedGroupSession().get("id"), "expectedVersion", 0))));
        RUNS.put("coach/addGroupAttendee", Run.as("coach.mi", () -> Map.of("input", Map.of(
                "groupSessionId", loggedGroupSession().get("id"), "expectedVersion", 0,
                "attendee", Map.of("contactId", UUID.randomUUID().toString(), "enrolleeId", groupClients().get(2),
                        "note", "Came late, stayed for the sharing round.")))));
        RUNS.put("coach/removeGroupAttendee", Run.as("coach.mi", () -> {
            Map<String, Object> session = loggedGroupSession();
            return Map.of("input", Map.of("groupSessionId", session.get("id"), "expectedVersion", 0,
                    "enrolleeId", firstAttendee(session), "reason", "Did not come"));
        }));
        RUNS.put("coach/voidGroupAttendee", Run.as("coach.mi", () -> {
            Map<String, Object> session = loggedGroupSession();
            ContractTest.current.coach("coach.mi").documentName("signGroupSession").variable("input", Map.of("id", session.get("id"),
                    "expectedVersion", 0)).execute().path("signGroupSession.session.status").entity(String.class)
                    .isEqualTo("SIGNED");
            return Map.of("input", Map.of("groupSessionId", session.get("id"), "enrolleeId", firstAttendee(session),
                    "reason", "Logged for the wrong client"));
        }));
        RUNS.put("coach/groupSession", Run.as("coach.mi", () -> Map.of("id", loggedGroupSession().get("id"))));
        RUNS.put("supervisor/groupSession", Run.as("supervisor.mi", () -> Map.of("id",
                loggedGroupSession().get("id"))));
        RUNS.put("supervisor/recordSupervisionSession", Run.as("supervisor.mi", () -> Map.of("input", Map.of(
                "id", UUID.randomUUID().toString(), "heldOn", michiganToday().toString(), "durationMinutes", 60,
                "format", "GROUP", "superviseeIds", List.of(id("coach.mi"), id("associate.mi")),
                "topics", List.of("Boundaries with clients met at meetings"), "note", "Role-played a hand-off."))));
        RUNS.put("supervisor/supervisionSessions", Run.as("supervisor.mi", () -> Map.of("first", 5)));
        RUNS.put("supervisor/supervisionFrequency", Run.as("supervisor.mi"));
        RUNS.put("supervisor/supervisorQueues", Run.as("supervisor.mi", () -> Map.of("first", 5)));
        RUNS.put("coach/mySupervisionSessions", Run.as("coach.mi", () -> Map.of("first", 5)));
        RUNS.put("admin/supervisionSessions", Run.as("admin.tn", () -> Map.of("first", 5)));
        RUNS.put("admin/supervisionFrequency", Run.as("admin.tn"));
        RUNS.put("admin/setSupervisionFrequency", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "expectations", List.of(Map.of("role", "RECOVERY_COACH", "everyDays", 7),
                        Map.of("role", "RECOVERY_ASSOCIATE", "everyDays", 7)),
                "expectedVersion", ContractTest.current.admin("admin.tn").documentName("supervisionFrequency")
                        .execute().path("supervisionFrequency.version").entity(Integer.class).get()))));
        RUNS.put("admin/recordedNotifications", Run.as("admin.tn", () -> Map.of("first", 5)));
        RUNS.put("admin/reminderSettings", Run.as("admin.tn"));
        RUNS.put("admin/updateReminderSettings", Run.as("admin.tn", () -> Map.of("input", Map.of(
                "reminderDays", List.of(15, 25), "sendAt", "09:00"))));
    }

    /** The running instance, so the RUNS suppliers can create what their operation needs over HTTP. */
    private static volatile ContractTest current;

    @BeforeEach
    void remember() {
        current = this;
    }

    /** The running test's clock, the service's "now", for the RUNS suppliers. */
    static TestClock serviceClock() {
        return current.clock;
    }

    /** Today in the Michigan demo organization's zone, on the service's clock. */
    static String todayInMichigan() {
        return ConsentFixtures.todayInMichigan(serviceClock()).toString();
    }

    /** Records {@code input} as coach.mi, over HTTP as the coach app does; its id, for operations on a consent. */
    static String recordedConsent(Map<String, Object> input) {
        return current.coach("coach.mi").documentName("recordConsent").variable("input", input).execute()
                .path("recordConsent.consent.id").entity(String.class).get();
    }

    /** Registers a fresh device token as {@code login}, over HTTP as the apps do; the token. */
    static String registeredDevice(String login) {
        String token = "contract-" + UUID.randomUUID();
        String app = login.substring(0, login.indexOf('.'));
        current.tester(login, app).documentName("registerDevice").variable("input", Map.of("token", token,
                "platform", "IOS", "appVersion", "1.4.0", "timeZone", "America/Chicago")).execute()
                .path("registerDevice.device.token").entity(String.class).isEqualTo(token);
        return token;
    }

    private static final java.util.concurrent.atomic.AtomicInteger CONTACT_SLOTS =
            new java.util.concurrent.atomic.AtomicInteger();

    /** An Indiana face-to-face contact of coach.in, each in its own hour so none overlaps another. */
    static Map<String, Object> contactInput() {
        java.time.Instant start = serviceClock().instant().minus(java.time.Duration.ofDays(5))
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .minus(java.time.Duration.ofHours(CONTACT_SLOTS.getAndIncrement()));
        return Map.of("id", UUID.randomUUID().toString(), "enrolleeId", id("enrollee.in.0"), "type", "FACE_TO_FACE",
                "start", start.toString(), "end", start.plus(java.time.Duration.ofMinutes(45)).toString(),
                "placeOfService", "COMMUNITY", "activities", List.of("RESOURCE_LINKAGE"),
                "supportTypes", List.of("INSTRUMENTAL"), "narrative", "Went to the food bank together.");
    }

    /** Logs a draft over HTTP as the coach app does; its id. */
    static String loggedContact() {
        return current.coach("coach.in").documentName("logContact").variable("input", contactInput()).execute()
                .path("logContact.contact.id").entity(String.class).get();
    }

    static String signedContact() {
        String contactId = loggedContact();
        current.coach("coach.in").documentName("signContact")
                .variable("input", Map.of("id", contactId, "expectedVersion", 0)).execute()
                .path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED");
        return contactId;
    }

    private static final java.util.concurrent.atomic.AtomicInteger GROUP_SLOTS =
            new java.util.concurrent.atomic.AtomicInteger();

    /** A peer-led group of coach.mi with two fresh clients, each session in its own hour eight days back. */
    static Map<String, Object> groupSessionInput() {
        java.time.Instant start = serviceClock().instant().minus(java.time.Duration.ofDays(8))
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .minus(java.time.Duration.ofHours(GROUP_SLOTS.getAndIncrement()));
        return Map.of("id", UUID.randomUUID().toString(), "format", "PEER_LED", "start", start.toString(),
                "end", start.plus(java.time.Duration.ofMinutes(60)).toString(), "placeOfService", "OFFICE",
                "activities", List.of("RELATIONSHIP_BUILDING"), "supportTypes", List.of("AFFILIATIONAL"),
                "narrative", "Sharing round on the first month back at work.",
                "attendees", List.of(
                        Map.of("contactId", UUID.randomUUID().toString(), "enrolleeId", groupClients().get(0)),
                        Map.of("contactId", UUID.randomUUID().toString(), "enrolleeId", groupClients().get(1),
                                "note", "Spoke about the night shift.")));
    }

    private static volatile List<String> groupClients;

    /**
     * Three Michigan clients of coach.mi, enrolled 60 days ago, made once for every group session run (each in its
     * own hour). Their last name sorts after the demo's, so they never push a demo client off the first caseload
     * page other tests read.
     */
    static synchronized List<String> groupClients() {
        if (groupClients == null) {
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String enrolleeId = UUID.randomUUID().toString();
                current.admin("admin").documentName("createEnrollee").variable("input", Map.of("id", enrolleeId,
                        "firstName", "Group" + i, "lastName", "Zuniga", "dateOfBirth", "1983-09-10",
                        "fundingSources", List.of("MEDICAID"), "status", "ENROLLED",
                        "enrolledOn", michiganToday().minusDays(60).toString(), "coachId", id("coach.mi"))).execute()
                        .path("createEnrollee.enrollee.id").hasValue();
                ids.add(enrolleeId);
            }
            groupClients = List.copyOf(ids);
        }
        return groupClients;
    }

    /** A group session coach.mi logged over HTTP (version 0); its input. */
    static Map<String, Object> loggedGroupSession() {
        Map<String, Object> input = groupSessionInput();
        current.coach("coach.mi").documentName("logGroupSession").variable("input", input).execute()
                .path("logGroupSession.session.id").entity(String.class).isEqualTo((String) input.get("id"));
        return input;
    }

    @SuppressWarnings("unchecked")
    static String firstAttendee(Map<String, Object> session) {
        return ((List<Map<String, Object>>) session.get("attendees")).get(0).get("enrolleeId").toString();
    }

    private static final java.util.concurrent.atomic.AtomicInteger REVIEW_SLOTS =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A contact associate.mi signed (version 1): awaiting supervisor.mi's review under Michigan's default review
     * policy (associates' contacts). Each in its own hour, six days back, so none overlaps another.
     */
    static String contactAwaitingReview() {
        java.time.Instant start = serviceClock().instant().minus(java.time.Duration.ofDays(6))
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .minus(java.time.Duration.ofHours(REVIEW_SLOTS.getAndIncrement()));
        String contactId = current.coach("associate.mi").documentName("logContact").variable("input", Map.of(
                "id", UUID.randomUUID().toString(), "enrolleeId", id("enrollee.mi.5"), "type", "FACE_TO_FACE",
                "start", start.toString(), "end", start.plus(java.time.Duration.ofMinutes(45)).toString(),
                "placeOfService", "COMMUNITY", "activities", List.of("RESOURCE_LINKAGE"),
                "supportTypes", List.of("INSTRUMENTAL"), "narrative", "Went to the food bank together."))
                .execute().path("logContact.contact.id").entity(String.class).get();
        current.coach("associate.mi").documentName("signContact")
                .variable("input", Map.of("id", contactId, "expectedVersion", 0)).execute()
                .path("signContact.contact.review.status").entity(String.class).isEqualTo("AWAITING_REVIEW");
        return contactId;
    }

    /** A contact of associate.mi returned for correction and corrected with an addendum (version 3). */
    static String correctedReturnedContact() {
        String contactId = contactAwaitingReview();
        current.supervisor("supervisor.mi").documentName("returnContactForCorrection").variable("input", Map.of(
                "id", contactId, "expectedVersion", 1, "comment", "Say what was decided.")).execute()
                .path("returnContactForCorrection.contact.review.status").entity(String.class).isEqualTo("RETURNED");
        current.coach("associate.mi").documentName("amendContact").variable("input", Map.of("id", contactId,
                "expectedVersion", 2, "addendumId", UUID.randomUUID().toString(), "reason", "Returned",
                "text", "Decided to apply for food assistance.")).execute()
                .path("amendContact.contact.version").entity(Integer.class).isEqualTo(3);
        return contactId;
    }

    /** A fresh Michigan enrollee of coach.mi, so each outreach run has its own (one open task per enrollee). */
    static String newMichiganEnrollee() {
        String enrolleeId = UUID.randomUUID().toString();
        current.admin("admin").documentName("createEnrollee").variable("input", Map.of("id", enrolleeId,
                "firstName", "Outreach", "lastName", "Contract", "dateOfBirth", "1988-02-03",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED", "enrolledOn", "2026-01-01",
                "coachId", id("coach.mi"))).execute().path("createEnrollee.enrollee.id").hasValue();
        return enrolleeId;
    }

    /** Today in Michigan by the service's clock. */
    static java.time.LocalDate michiganToday() {
        return java.time.LocalDate.ofInstant(current.clock.instant(), java.time.ZoneId.of("America/Detroit"));
    }

    /** A fresh Tennessee coach without a supervisor (version 0); their id. */
    static String newTennesseeCoach() {
        String staffId = UUID.randomUUID().toString();
        current.admin("admin.tn").documentName("createStaffMember").variable("input", Map.of("id", staffId,
                "firstName", "Una", "lastName", "Supervised", "role", "RECOVERY_COACH")).execute()
                .path("createStaffMember.staffMember.id").hasValue();
        return staffId;
    }

    /** A fresh Indiana enrollee of coach.in, so units counted for it touch no other test's. */
    static String newIndianaClient() {
        String enrolleeId = UUID.randomUUID().toString();
        current.admin("admin.in").documentName("createEnrollee").variable("input", Map.of("id", enrolleeId,
                "firstName", "Balance", "lastName", "Contract", "dateOfBirth", "1981-03-04",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED",
                "enrolledOn", michiganToday().minusDays(60).toString(), "coachId", id("coach.in"))).execute()
                .path("createEnrollee.enrollee.id").hasValue();
        return enrolleeId;
    }

    /** A fresh Michigan enrollee enrolled 60 days ago (version 0), so each episode run has its own. */
    static String enrolledMichiganClient() {
        String enrolleeId = UUID.randomUUID().toString();
        current.admin("admin").documentName("createEnrollee").variable("input", Map.of("id", enrolleeId,
                "firstName", "Episode", "lastName", "Contract", "dateOfBirth", "1979-07-08",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED",
                "enrolledOn", michiganToday().minusDays(60).toString(), "coachId", id("coach.mi"))).execute()
                .path("createEnrollee.enrollee.version").entity(Integer.class).isEqualTo(0);
        return enrolleeId;
    }

    /** A fresh Michigan enrollee discharged 20 days ago (version 1). */
    static String dischargedMichiganClient() {
        String enrolleeId = enrolledMichiganClient();
        current.admin("admin").documentName("dischargeEnrollee").variable("input", Map.of("enrolleeId", enrolleeId,
                "expectedVersion", 0, "dischargedOn", michiganToday().minusDays(20).toString(),
                "reason", "LOST_TO_CONTACT")).execute()
                .path("dischargeEnrollee.enrollee.status").entity(String.class).isEqualTo("DISCHARGED");
        return enrolleeId;
    }

    /** An outreach task opened by hand by coach.mi for a fresh enrollee; its id. */
    static String openedOutreachTask() {
        String taskId = UUID.randomUUID().toString();
        current.coach("coach.mi").documentName("openOutreachTask").variable("input", Map.of("id", taskId,
                "enrolleeId", newMichiganEnrollee())).execute().path("openOutreachTask.task.id").entity(String.class)
                .isEqualTo(taskId);
        return taskId;
    }

    static final class PlanFixture {

        final String enrolleeId = id("enrollee.in.0");
        final String planId = UUID.randomUUID().toString();
        final String goalId = UUID.randomUUID().toString();
        final String enrolleeStepId = UUID.randomUUID().toString();
        final String coachStepId = UUID.randomUUID().toString();
        final Map<String, Object> creation = Map.of("id", planId, "enrolleeId", enrolleeId, "reviewDate", "2026-01-15",
                "strengths", List.of("I show up"), "coachNotes", "Staff only",
                "supportNetwork", List.of(Map.of("id", UUID.randomUUID().toString(), "name", "Tuesday group",
                        "kind", "GROUP")),
                "goals", List.of(Map.of("id", goalId, "inOwnWords", "Get my license back", "lifeDomain",
                        "COMMUNITY_LIVING", "steps", List.of(
                                Map.of("id", enrolleeStepId, "what", "Call the BMV", "who", "ENROLLEE"),
                                Map.of("id", coachStepId, "what", "Find a fee waiver", "who", "COACH")))));
        private final HttpGraphQlTester coach;

        PlanFixture(HttpGraphQlTester coach) {
            this.coach = coach;
            coach.documentName("createRecoveryPlan").variable("input", creation).execute()
                    .path("createRecoveryPlan.plan.id").entity(String.class).isEqualTo(planId);
        }

        /** The plan's version now: every run changes it. */
        long version() {
            return coach.documentName("recoveryPlan").variable("enrolleeId", enrolleeId).execute()
                    .path("recoveryPlan.version").entity(Long.class).get();
        }
    }

    @BeforeEach
    void createPlanOnce() {
        if (plan == null) {
            plan = new PlanFixture(coach("coach.in"));
        }
    }

    @Test
    void everyOperationIsValidAgainstTheSchema() {
        GraphQLSchema schema = schema();
        List<Path> operations = operations();
        assertThat(operations).isNotEmpty();
        for (Path operation : operations) {
            ParseAndValidateResult result = ParseAndValidate.parseAndValidate(schema,
                    ExecutionInput.newExecutionInput(read(operation)).build());
            assertThat(result.getErrors()).as(operation.toString()).isEmpty();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRunsWithItsAppsRole() {
        return operations().stream().map(operation -> {
            String key = CONTRACT.relativize(operation).toString().replace(".graphql", "").replace('\\', '/');
            return DynamicTest.dynamicTest(key, () -> {
                Run run = RUNS.get(key);
                assertThat(run).as("ContractTest.RUNS has no entry for " + key).isNotNull();
                String app = key.substring(0, key.indexOf('/'));
                var request = tester(run.login(), app).documentName(key.substring(key.indexOf('/') + 1));
                run.variables().get().forEach(request::variable);
                request.execute().errors().verify().path("").hasValue();
            });
        });
    }

    static GraphQLSchema schema() {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(Path.of("graphql"))) {
            files.filter(f -> f.toString().endsWith(".graphqls"))
                    .forEach(f -> registry.merge(new SchemaParser().parse(read(f))));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
    }

    static List<Path> operations() {
        try (Stream<Path> files = Files.walk(CONTRACT)) {
            return files.filter(f -> f.toString().endsWith(".graphql")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
