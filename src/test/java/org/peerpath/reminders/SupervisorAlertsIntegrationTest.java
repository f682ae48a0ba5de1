package org.peerpath.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import org.peerpath.IntegrationTest;
import org.peerpath.people.Organization;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escalations and flags reach the supervisor (issue 12, item 4), through the recording sender: an escalated
 * outreach task, a signed contact flagged for missing consent and a review waiting more than 2 days reach the
 * supervisor, a contact returned for correction its coach; counts only on the lock screen, each item once, even
 * with two instances at once or a claim left by a pass that died before sending, and nothing in quiet hours.
 */
class SupervisorAlertsIntegrationTest extends IntegrationTest {

    private static final ZoneId DETROIT = ZoneId.of("America/Detroit");

    @Autowired
    private SupervisorAlerts alerts;

    @Autowired
    private ReminderLedger ledger;

    @Autowired
    private MongoTemplate mongo;

    /** A fresh Michigan organization: its administrator, a supervisor, a coach and an associate they supervise. */
    private final class Agency {
        final String organizationId = UUID.randomUUID().toString();
        final String adminLogin = "alert-admin-" + organizationId;
        final String supervisorId = staffId();
        final String coachId = staffId();
        final String associateId = staffId();

        Agency() {
            admin("admin.tn").documentName("createOrganization").variable("input", Map.of("id", organizationId,
                    "name", "Alert test agency", "rulePack", "MI", "timeZone", "America/Detroit",
                    "firstAdministrator", Map.of("id", UUID.randomUUID().toString(), "firstName", "Ada",
                            "lastName", "Admin", "authSubject", adminLogin))).execute()
                    .path("createOrganization.organization.id").entity(String.class).isEqualTo(organizationId);
            staff(supervisorId, "SUPERVISOR", null);
            staff(coachId, "RECOVERY_COACH", supervisorId);
            staff(associateId, "RECOVERY_ASSOCIATE", supervisorId);
        }

        private static String staffId() {
            return UUID.randomUUID().toString();
        }

        void staff(String id, String role, String supervisor) {
            Map<String, Object> input = new HashMap<>(Map.of("id", id, "firstName", "Sam", "lastName", "Staff",
                    "role", role, "authSubject", login(id)));
            if (supervisor != null) {
                input.put("supervisorId", supervisor);
            }
            if (role.equals("SUPERVISOR")) {
                input.put("supervisorQualification", "LICENSED_PROFESSIONAL");
            }
            tester(adminLogin, "admin").documentName("createStaffMember").variable("input", input).execute()
                    .path("createStaffMember.staffMember.id").entity(String.class).isEqualTo(id);
        }

        String client(String coach) {
            String id = UUID.randomUUID().toString();
            tester(adminLogin, "admin").documentName("createEnrollee").variable("input", Map.of("id", id,
                    "firstName", "Robin", "lastName", "Secret", "dateOfBirth", "1988-02-03",
                    "fundingSources", List.of("MEDICAID"), "status", "ENROLLED", "enrolledOn", "2026-01-05",
                    "coachId", coach)).execute().path("createEnrollee.enrollee.id").entity(String.class).isEqualTo(id);
            return id;
        }

        /** A contact the associate logs and signs over HTTP: it awaits the supervisor's review (version 1). */
        String signedByAssociate(Instant start) {
            String contactId = UUID.randomUUID().toString();
            HttpGraphQlTester associate = tester(login(associateId), "coach");
            associate.documentName("logContact").variable("input", Map.of("id", contactId,
                    "enrolleeId", client(associateId), "type", "FACE_TO_FACE", "start", start.toString(),
                    "end", start.plus(Duration.ofMinutes(45)).toString(), "placeOfService", "OFFICE",
                    "activities", List.of("RECOVERY_PLANNING"), "supportTypes", List.of("EMOTIONAL"),
                    "narrative", "Met Robin Secret at the office.")).execute()
                    .path("logContact.contact.id").hasValue();
            associate.documentName("signContact").variable("input", Map.of("id", contactId, "expectedVersion", 0))
                    .execute().path("signContact.contact.review.status").entity(String.class)
                    .isEqualTo("AWAITING_REVIEW");
            return contactId;
        }

        /**
         * A signed contact of the coach flagged for review (a collateral contact without consent), stored as the
         * contact log leaves it.
         */
        String flaggedByCoach(Instant start) {
            String id = UUID.randomUUID().toString();
            mongo.insert(new Document("_id", id).append("organizationId", organizationId)
                    .append("enrolleeId", client(coachId)).append("coachId", coachId).append("type", "COLLATERAL")
                    .append("clientPresent", false).append("start", java.util.Date.from(start))
                    .append("end", java.util.Date.from(start.plus(Duration.ofMinutes(30))))
                    .append("dateOfService", mongo.getConverter().convertToMongoType(
                            LocalDate.ofInstant(start, DETROIT)))
                    .append("status", "SIGNED").append("signedAt", java.util.Date.from(start))
                    .append("narrative", "Spoke with Robin Secret's sister.").append("flaggedForReview", true)
                    .append("version", 1L).append("createdAt", java.util.Date.from(start)), "contacts");
            return id;
        }

        String openOutreachTask() {
            String taskId = UUID.randomUUID().toString();
            tester(login(coachId), "coach").documentName("openOutreachTask").variable("input", Map.of("id", taskId,
                    "enrolleeId", client(coachId), "note", "Missed two groups")).execute()
                    .path("openOutreachTask.task.id").entity(String.class).isEqualTo(taskId);
            return taskId;
        }

        Organization organization() {
            return mongo.findById(organizationId, Organization.class);
        }

        List<Map<String, Object>> notificationsOf(String personId, String app) {
            return tester(login(personId), app).documentName("myNotifications").variable("first", 50).execute()
                    .path("myNotifications.edges[*].node").entityList(mapType()).get();
        }
    }

    private static String login(String personId) {
        return "alert-" + personId;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> mapType() {
        return (Class) Map.class;
    }

    private static List<String> kinds(List<Map<String, Object>> notifications) {
        return notifications.stream().map(n -> (String) n.get("kind")).sorted().toList();
    }

    @Test
    void escalationsFlagsReturnsAndWaitingReviewsReachWhoMustActOnceEach() {
        Agency agency = new Agency();
        Instant now = clock.instant();
        String taskId = agency.openOutreachTask(); // due in three days
        agency.flaggedByCoach(now.minus(Duration.ofDays(1)));
        String waiting = agency.signedByAssociate(now.minus(Duration.ofDays(2)));
        String returned = agency.signedByAssociate(now.minus(Duration.ofDays(2)).plus(Duration.ofHours(2)));
        tester(login(agency.supervisorId), "supervisor").documentName("returnContactForCorrection")
                .variable("input", Map.of("id", returned, "expectedVersion", 1, "comment", "Say where you met."))
                .execute().path("returnContactForCorrection.contact.review.status").entity(String.class)
                .isEqualTo("RETURNED");

        // Today: the return and the flag are told at once; the review has not waited 2 days, the task is not due.
        SupervisorAlerts.Sent first = alerts.runFor(agency.organization(), now);
        assertThat(first).isEqualTo(new SupervisorAlerts.Sent(2, 2));
        assertThat(kinds(agency.notificationsOf(agency.associateId, "coach"))).containsExactly("CONTACT_RETURNED");
        assertThat(kinds(agency.notificationsOf(agency.supervisorId, "supervisor"))).containsExactly(
                "CONTACT_FLAGGED");

        // Six days on (10:00 in Detroit): the task is escalated and the review has waited more than 2 days.
        Instant later = now.plus(Duration.ofDays(6));
        assertThat(alerts.runFor(agency.organization(), later)).isEqualTo(new SupervisorAlerts.Sent(2, 2));
        List<Map<String, Object>> supervisors = agency.notificationsOf(agency.supervisorId, "supervisor");
        assertThat(kinds(supervisors)).containsExactly("CONTACT_FLAGGED", "OUTREACH_ESCALATED", "REVIEW_WAITING");
        for (Map<String, Object> notification : supervisors) {
            assertThat(notification.get("clientCount")).isEqualTo(1);
            assertThat(notification.get("status")).isEqualTo("RECORDED");
            // Counts only on the lock screen: no name, no narrative.
            assertThat(notification.get("title") + " " + notification.get("body")).doesNotContain("Robin", "Secret",
                    "sister");
        }
        assertThat(supervisors).extracting(n -> n.get("body")).contains(
                "1 outreach task was escalated to you", "1 contact was flagged for missing consent",
                "1 contact has waited for your review for more than 2 days");

        // Once per item: the next passes send nothing more.
        assertThat(alerts.runFor(agency.organization(), later.plus(Duration.ofHours(1))))
                .isEqualTo(new SupervisorAlerts.Sent(0, 0));
        assertThat(agency.notificationsOf(agency.supervisorId, "supervisor")).hasSize(3);
        assertThat(ledger.taken(List.of("alert:escalated:" + taskId, "alert:review-waiting:" + waiting)))
                .hasSize(2);
    }

    @Test
    void nothingInQuietHoursAndAClaimLeftByAPassThatDiedIsNeverSentAgain() {
        Agency agency = new Agency();
        Instant now = clock.instant();
        String flagged = agency.flaggedByCoach(now.minus(Duration.ofDays(1)));
        String alsoFlagged = agency.flaggedByCoach(now.minus(Duration.ofDays(1)).plus(Duration.ofHours(1)));

        // 02:00 in Detroit: quiet hours; the items wait.
        Instant night = LocalDate.ofInstant(now, DETROIT).plusDays(1).atTime(2, 0).atZone(DETROIT).toInstant();
        assertThat(alerts.runFor(agency.organization(), night)).isEqualTo(new SupervisorAlerts.Sent(0, 0));
        assertThat(agency.notificationsOf(agency.supervisorId, "supervisor")).isEmpty();

        // A pass claimed the first item, then died before sending: it is not sent again (at most once).
        assertThat(ledger.claim("alert:flagged:" + flagged, agency.organizationId, agency.supervisorId,
                "CONTACT_FLAGGED", "a-pass-that-died", night)).isTrue();
        Instant morning = night.plus(Duration.ofHours(8));
        assertThat(alerts.runFor(agency.organization(), morning)).isEqualTo(new SupervisorAlerts.Sent(1, 1));
        List<Map<String, Object>> sent = agency.notificationsOf(agency.supervisorId, "supervisor");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).get("clientCount")).isEqualTo(1);
        assertThat(ledger.taken(List.of("alert:flagged:" + alsoFlagged))).hasSize(1);
    }

    @Test
    void twoInstancesAtOnceTellEachItemOnce() throws Exception {
        Agency agency = new Agency();
        Instant now = clock.instant();
        for (int i = 0; i < 3; i++) {
            agency.flaggedByCoach(now.minus(Duration.ofDays(1)).plus(Duration.ofHours(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<SupervisorAlerts.Sent>> instances = List.of(
                    () -> alerts.runFor(agency.organization(), now), () -> alerts.runFor(agency.organization(), now));
            int items = 0;
            for (Future<SupervisorAlerts.Sent> result : pool.invokeAll(instances)) {
                items += result.get().items();
            }
            assertThat(items).isEqualTo(3);
        }
        finally {
            pool.shutdown();
        }
        List<Map<String, Object>> sent = agency.notificationsOf(agency.supervisorId, "supervisor");
        assertThat(sent.stream().mapToInt(n -> (Integer) n.get("clientCount")).sum()).isEqualTo(3);
    }
}
