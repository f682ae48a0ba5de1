package org.peerpath.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import org.peerpath.IntegrationTest;
import org.peerpath.database.JobLocksFixture;
import org.peerpath.consent.Consent;
import org.peerpath.consent.ConsentElements;
import org.peerpath.people.Enrollee;
import org.peerpath.reminders.FirebaseNotificationSenderTest.ScriptedFcm;
import org.peerpath.reminders.ReminderSchedule.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;

/**
 * Reminders in demo mode with the recording sender, over HTTP where the apps are concerned, in a fresh
 * Michigan organization per test so counts are exact. The job runs at chosen instants (scheduling is off in
 * tests): before and at the send time, in quiet hours, at the month's end, again after a "restart", and from two
 * threads at once.
 */
class ReminderIntegrationTest extends IntegrationTest {

    /** October 2026 in Detroit (EDT, UTC-4): stand-alone services start on October 1st for these clients. */
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @Autowired
    private ReminderJob job;

    @Autowired
    private ReminderLedger ledger;

    @Autowired
    private Devices devices;

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private ConfigurableApplicationContext context;

    private static final List<MonthlyFaceToFaceMissed> MISSED = new CopyOnWriteArrayList<>();
    private static volatile boolean listening;

    /** A fresh organization: its administrator, a supervisor and coaches, all able to sign in. */
    private final class Agency {
        final String organizationId = UUID.randomUUID().toString();
        final String adminLogin = "rem-admin-" + organizationId;
        final String supervisorId = UUID.randomUUID().toString();

        Agency() {
            ReminderIntegrationTest.this.admin("admin.tn").documentName("createOrganization").variable("input", Map.of("id", organizationId,
                    "name", "Reminder test agency", "rulePack", "MI", "timeZone", "America/Detroit",
                    "firstAdministrator", Map.of("id", UUID.randomUUID().toString(), "firstName", "Ada",
                            "lastName", "Admin", "authSubject", adminLogin))).execute()
                    .path("createOrganization.organization.id").entity(String.class).isEqualTo(organizationId);
            staff(supervisorId, "SUPERVISOR", null);
        }

        HttpGraphQlTester admin() {
            return tester(adminLogin, "admin");
        }

        String staff(String id, String role, String supervisor) {
            Map<String, Object> input = new HashMap<>(Map.of("id", id, "firstName", "Sam", "lastName", "Staff",
                    "role", role, "authSubject", login(id)));
            if (supervisor != null) {
                input.put("supervisorId", supervisor);
            }
            admin().documentName("createStaffMember").variable("input", input).execute()
                    .path("createStaffMember.staffMember.id").entity(String.class).isEqualTo(id);
            return id;
        }

        String coach() {
            return staff(UUID.randomUUID().toString(), "RECOVERY_COACH", supervisorId);
        }

        /** A client in stand-alone services from October 1st 2026 (acute treatment ended September 30th). */
        String standAloneClient(String coachId) {
            return client(coachId, true);
        }

        String client(String coachId, boolean standAlone) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> input = new HashMap<>(Map.of("id", id, "firstName", "Robin", "lastName", "Secret",
                    "dateOfBirth", "1988-02-03", "fundingSources", List.of("MEDICAID"), "status", "ENROLLED",
                    "enrolledOn", "2026-01-05", "coachId", coachId, "inStandAloneServices", standAlone));
            if (standAlone) {
                input.put("acuteTreatmentEndedOn", "2026-09-30");
            }
            admin().documentName("createEnrollee").variable("input", input).execute()
                    .path("createEnrollee.enrollee.id").entity(String.class).isEqualTo(id);
            return id;
        }

        /** A face-to-face contact, logged and signed by the coach over HTTP (drafts do not count, Michigan XI.E). */
        void faceToFace(String coachId, String enrolleeId, Instant start) {
            String contactId = UUID.randomUUID().toString();
            tester(login(coachId), "coach").documentName("logContact").variable("input", Map.of(
                    "id", contactId, "enrolleeId", enrolleeId, "type", "FACE_TO_FACE",
                    "start", start.toString(), "end", start.plus(Duration.ofMinutes(45)).toString(),
                    "placeOfService", "OFFICE", "activities", List.of("RECOVERY_PLANNING"),
                    "supportTypes", List.of("EMOTIONAL"), "narrative", "Met at the office.",
                    // Months of history entered at once: a late entry needs a reason (issue 11, item 7).
                    "lateEntryReason", "Entered afterwards from the paper log.")).execute()
                    .path("logContact.contact.status").entity(String.class).isEqualTo("DRAFT");
            tester(login(coachId), "coach").documentName("signContact").variable("input", Map.of(
                    "id", contactId, "expectedVersion", 0)).execute()
                    .path("signContact.contact.status").entity(String.class).isEqualTo("SIGNED");
        }

        /** Switches the optional reminders on (or off), over HTTP as an administrator. */
        void optionalReminders(boolean drafts, boolean consents, boolean certifications) {
            admin().documentName("updateReminderSettings").variable("input", Map.of("remindUnsignedDrafts", drafts,
                    "remindExpiringConsents", consents, "remindExpiringCertifications", certifications)).execute()
                    .path("updateReminderSettings.settings.remindUnsignedDrafts").entity(Boolean.class)
                    .isEqualTo(drafts)
                    .path("updateReminderSettings.settings.remindExpiringCertifications").entity(Boolean.class)
                    .isEqualTo(certifications);
        }

        /** A contact stored as the coach left it, with explicit instants (the contact log stamps the clock's now). */
        String contact(String coachId, String enrolleeId, String status, Instant startAndCreated) {
            String id = UUID.randomUUID().toString();
            mongo.insert(new Document("_id", id).append("organizationId", organizationId)
                    .append("enrolleeId", enrolleeId).append("coachId", coachId).append("type", "FACE_TO_FACE")
                    .append("clientPresent", true).append("start", java.util.Date.from(startAndCreated))
                    .append("end", java.util.Date.from(startAndCreated.plus(Duration.ofMinutes(45))))
                    .append("status", status).append("narrative", "Met Robin Secret at the office.")
                    .append("flaggedForReview", false).append("version", 0L)
                    .append("createdAt", java.util.Date.from(startAndCreated)), "contacts");
            return id;
        }

        /** A consent signed on September 1st 2026 for the enrollee, expiring on {@code expiresOn}. */
        String consent(String enrolleeId, String expiresOn, String revokedOn) {
            String id = UUID.randomUUID().toString();
            mongo.insert(new Consent(id, organizationId, enrolleeId, "Robin Secret", "Reminder test agency",
                    new Consent.Recipient(ConsentElements.RecipientKind.PERSON, "Pat Rivers", "sibling",
                            "+1-555-0110", null),
                    "Coordinate recovery support", "Attendance", false, "May revoke in writing at any time",
                    LocalDate.parse("2026-09-01"), LocalDate.parse(expiresOn), null, null,
                    new Consent.Signature("Robin Secret", ConsentElements.SignerKind.ENROLLEE, null),
                    LocalDate.parse("2026-09-01"), revokedOn == null ? null
                            : new Consent.Revocation(LocalDate.parse(revokedOn), Instant.parse("2026-10-01T15:00:00Z"),
                                    Consent.RevocationMethod.WRITTEN_REQUEST, "someone", "RECOVERY_COACH", null),
                    Instant.parse("2026-09-01T15:00:00Z"), "someone", "digest"));
            return id;
        }

        /** A peer certification of the staff member, valid from January 1st 2025 until {@code validTo}. */
        void certification(String staffId, String validTo) {
            admin().documentName("addCertification").variable("input", Map.of("staffMemberId", staffId,
                    "id", UUID.randomUUID().toString(), "type", "CPRS", "number", "MI-" + validTo,
                    "issuingState", "MI", "validFrom", "2025-01-01", "validTo", validTo)).execute()
                    .path("addCertification.staffMember.id").entity(String.class).isEqualTo(staffId);
        }

        List<Map<String, Object>> notificationsOf(String personId, String app) {
            return tester(login(personId), app).documentName("myNotifications").variable("first", 50).execute()
                    .path("myNotifications.edges[*].node").entityList(mapType()).get();
        }
    }

    private static String login(String personId) {
        return "rem-" + personId;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> mapType() {
        return (Class) Map.class;
    }

    private void listen() {
        if (!listening) {
            listening = true;
            context.addApplicationListener((PayloadApplicationEvent<?> event) -> {
                if (event.getPayload() instanceof MonthlyFaceToFaceMissed missed) {
                    MISSED.add(missed);
                }
            });
        }
    }

    private static List<MonthlyFaceToFaceMissed> eventsOf(String organizationId) {
        return MISSED.stream().filter(m -> m.organizationId().equals(organizationId)).toList();
    }

    private static List<MonthlyFaceToFaceMissed.Client> missedIn(String organizationId) {
        return eventsOf(organizationId).stream().flatMap(m -> m.clients().stream()).toList();
    }

    @Test
    void coachesGetOneDigestPerReminderDayAndSupervisorsHearOfMissedMonths() {
        listen();
        Agency agency = new Agency();
        String coachA = agency.coach();
        String coachB = agency.coach();
        String seen = agency.standAloneClient(coachA);
        String dueA1 = agency.standAloneClient(coachA);
        String dueA2 = agency.standAloneClient(coachA);
        String dueB = agency.standAloneClient(coachB);
        agency.client(coachA, false); // enrolled, not stand-alone: not counted without the opt-in
        agency.faceToFace(coachA, seen, Instant.parse("2026-10-05T14:00:00Z"));

        // 08:59 on the 15th in Detroit: not yet.
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-10-15T12:59:00Z")).clientsClaimed()).isZero();
        // 09:00: one digest per coach, counting only clients still due.
        ReminderJob.Summary day15 = job.runFor(agency.organizationId, Instant.parse("2026-10-15T13:00:00Z"));
        assertThat(day15.clientsClaimed()).isEqualTo(3);
        assertThat(day15.notificationsSent()).isEqualTo(2);

        List<Map<String, Object>> coachANotes = agency.notificationsOf(coachA, "coach");
        assertThat(coachANotes).singleElement().satisfies(note -> {
            assertThat(note).containsEntry("kind", "FACE_TO_FACE_DUE").containsEntry("clientCount", 2)
                    .containsEntry("month", "2026-10").containsEntry("status", "RECORDED")
                    .containsEntry("title", "Face-to-face visits due")
                    .containsEntry("body", "2 clients are due for a face-to-face visit this month");
            assertThat((String) note.get("ref")).startsWith("ntf_").doesNotContain("Robin", "Secret");
        });
        assertThat(agency.notificationsOf(coachB, "coach")).singleElement()
                .satisfies(note -> assertThat(note).containsEntry("body",
                        "1 client is due for a face-to-face visit this month"));

        // A restart, and later runs on the same stage: nothing again.
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-10-15T13:05:00Z")).clientsClaimed()).isZero();
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-10-20T15:00:00Z")).clientsClaimed()).isZero();
        // Quiet hours on the 25th (22:00 on the 24th... and 07:00 on the 25th): nothing.
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-10-25T11:00:00Z")).clientsClaimed()).isZero();

        // The 25th: a second digest. Coach B saw the client on the 26th afterwards.
        ReminderJob.Summary day25 = job.runFor(agency.organizationId, Instant.parse("2026-10-25T13:00:00Z"));
        assertThat(day25.clientsClaimed()).isEqualTo(3);
        agency.faceToFace(coachB, dueB, Instant.parse("2026-10-26T14:00:00Z"));

        // UTC is in November (20:30 on October 31st in Detroit), the month has not ended locally.
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-11-01T00:30:00Z")).eventsPublished()).isZero();
        // 00:30 on November 1st in Detroit: the month ended, but quiet hours.
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-11-01T04:30:00Z")).eventsPublished()).isZero();
        // 08:00 on November 1st (EST after the change that night): the supervisor hears, once.
        ReminderJob.Summary monthEnd = job.runFor(agency.organizationId, Instant.parse("2026-11-01T13:00:00Z"));
        assertThat(monthEnd.eventsPublished()).isEqualTo(2);
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-11-02T15:00:00Z")).eventsPublished()).isZero();

        assertThat(missedIn(agency.organizationId)).extracting(MonthlyFaceToFaceMissed.Client::enrolleeId)
                .containsExactlyInAnyOrder(dueA1, dueA2);
        assertThat(missedIn(agency.organizationId)).allSatisfy(m -> assertThat(m.coachId()).isEqualTo(coachA));
        // One event for the page of missed clients, not one per client.
        assertThat(eventsOf(agency.organizationId)).singleElement()
                .satisfies(m -> assertThat(m.month()).isEqualTo(OCTOBER));
        // The outreach feature heard it: coach A has one task per client who missed the month.
        List<String> tasks = tester(login(coachA), "coach").documentName("myOutreachTasks").execute()
                .path("myOutreachTasks[?(@.origin == 'MONTHLY_FACE_TO_FACE_MISSED')].enrolleeId")
                .entityList(String.class).get();
        assertThat(tasks).containsExactlyInAnyOrder(dueA1, dueA2);
        assertThat(agency.notificationsOf(agency.supervisorId, "supervisor")).singleElement().satisfies(note ->
                assertThat(note).containsEntry("kind", "FACE_TO_FACE_MISSED").containsEntry("clientCount", 2)
                        .containsEntry("body", "2 clients missed their monthly face-to-face visit"));

        // Administrators see every recorded notification of their organization: 2 + 2 + 1.
        List<String> bodies = agency.admin().documentName("recordedNotifications").variable("first", 50).execute()
                .path("recordedNotifications.edges[*].node.body").entityList(String.class).get();
        assertThat(bodies).hasSize(5).noneMatch(body -> body.contains("Robin") || body.contains("Secret"));
    }

    /**
     * Issue 16: a reminder day's digests go out in batches (one insert of the records, one read of the devices, one
     * write of the outcomes), so six coaches cost the database what one does; each still gets one digest of their
     * own clients, with their devices' deliveries recorded.
     */
    @Test
    void aReminderDayCostsTheSameCommandsForSixCoachesAsForOne() {
        Agency small = new Agency();
        small.standAloneClient(small.coach());
        Agency large = new Agency();
        List<String> coaches = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String coach = large.coach();
            coaches.add(coach);
            for (int k = 0; k <= i % 2; k++) {
                large.standAloneClient(coach);
            }
        }
        for (String coach : coaches.subList(0, 2)) {
            tester(login(coach), "coach").documentName("registerDevice").variable("input", Map.of("token",
                    "fcm-" + coach, "platform", "ANDROID", "appVersion", "2.0.1", "timeZone", "America/Detroit"))
                    .execute().path("registerDevice.device.token").entity(String.class).isEqualTo("fcm-" + coach);
        }
        Instant day15 = Instant.parse("2026-10-15T13:00:00Z");

        long before = org.peerpath.database.CommandCounter.started();
        assertThat(job.runFor(small.organizationId, day15).notificationsSent()).isEqualTo(1);
        long forOne = org.peerpath.database.CommandCounter.started() - before;
        before = org.peerpath.database.CommandCounter.started();
        ReminderJob.Summary summary = job.runFor(large.organizationId, day15);
        long forSix = org.peerpath.database.CommandCounter.started() - before;

        assertThat(summary.clientsClaimed()).isEqualTo(9);
        assertThat(summary.notificationsSent()).isEqualTo(6);
        assertThat(forSix).isEqualTo(forOne);
        for (int i = 0; i < coaches.size(); i++) {
            int clients = 1 + i % 2;
            assertThat(large.notificationsOf(coaches.get(i), "coach")).singleElement().satisfies(note ->
                    assertThat(note).containsEntry("kind", "FACE_TO_FACE_DUE").containsEntry("clientCount", clients)
                            .containsEntry("status", "RECORDED"));
        }
        List<Document> withDevices = mongo.find(Query.query(Criteria.where("recipientId").in(coaches.subList(0, 2))),
                Document.class, "notifications");
        assertThat(withDevices).hasSize(2).allSatisfy(note -> assertThat(note.getList("deliveries", Document.class))
                .singleElement().satisfies(delivery -> assertThat(delivery.getString("outcome"))
                        .isEqualTo("RECORDED")));
    }

    @Test
    void twoInstancesAtOnceSendEachStageOnce() throws Exception {
        Agency agency = new Agency();
        String coach = agency.coach();
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(agency.standAloneClient(coach));
        }
        Instant now = Instant.parse("2026-10-15T14:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<ReminderJob.Summary>> instances = List.of(
                    () -> { start.await(); return job.runFor(agency.organizationId, now); },
                    () -> { start.await(); return job.runFor(agency.organizationId, now); });
            List<Future<ReminderJob.Summary>> results = instances.stream().map(pool::submit).toList();
            start.countDown();
            int claimed = 0;
            for (Future<ReminderJob.Summary> result : results) {
                claimed += result.get().clientsClaimed();
            }
            assertThat(claimed).isEqualTo(5);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(job.runFor(agency.organizationId, now).clientsClaimed()).isZero();
        assertThat(ledger.claimed(clients, OCTOBER, Stage.day(15))).containsExactlyInAnyOrderElementsOf(clients);
        assertThat(agency.notificationsOf(coach, "coach")).singleElement()
                .satisfies(note -> assertThat(note).containsEntry("clientCount", 5));
    }

    @Test
    void aRunInterruptedAfterItsClaimsNeverRemindsThoseClientsTwice() {
        Agency agency = new Agency();
        String coach = agency.coach();
        String claimedBeforeCrash = agency.standAloneClient(coach);
        agency.standAloneClient(coach);
        agency.standAloneClient(coach);
        Instant now = Instant.parse("2026-10-15T14:00:00Z");
        // The crashed instance took the organization's lock a minute ago, claimed one client and died before its
        // digest, never giving the lock back.
        clock.pin(now.minus(Duration.ofMinutes(1)));
        JobLocksFixture.takeAndKeep(mongo, clock, "reminders." + agency.organizationId,
                ReminderJob.LOCK_AT_MOST_FOR);
        assertThat(ledger.claim(agency.organizationId, claimedBeforeCrash, coach, OCTOBER, Stage.day(15),
                "crashed-run", now.minus(Duration.ofMinutes(1)))).isTrue();

        // While the lock lasts, another instance leaves the organization alone.
        clock.pin(now);
        assertThat(job.runFor(agency.organizationId, now).clientsClaimed()).isZero();
        // After it expires the restarted service sends the rest: two clients, not three.
        Instant later = now.plus(ReminderJob.LOCK_AT_MOST_FOR);
        clock.pin(later);
        ReminderJob.Summary restarted = job.runFor(agency.organizationId, later);
        assertThat(restarted.clientsClaimed()).isEqualTo(2);
        assertThat(agency.notificationsOf(coach, "coach")).singleElement()
                .satisfies(note -> assertThat(note).containsEntry("clientCount", 2));
    }

    /**
     * Claims go in one insert per page of clients (issue 16): a run that died in the middle of a batch, with part
     * of its claims written, and is run again page by page claims and counts only the rest; another run claims
     * nothing. The month's end crosses pages the same way: one digest for the supervisor, one event per page.
     */
    @Test
    void aRunInterruptedMidBatchAndRunAgainRemindsEachClientOnce() {
        listen();
        Agency agency = new Agency();
        String coachA = agency.coach();
        String coachB = agency.coach();
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            clients.add(agency.standAloneClient(i % 2 == 0 ? coachA : coachB));
        }
        Instant now = Instant.parse("2026-10-15T14:00:00Z");
        // The interrupted run's batch: three of its claims were written before it died, no digest went out.
        List<Enrollee> firstThree = mongo.find(Query.query(Criteria.where("_id").in(clients.subList(0, 3))),
                Enrollee.class);
        assertThat(ledger.claim(agency.organizationId, firstThree, OCTOBER, Stage.day(15), "crashed-run", now))
                .hasSize(3);

        ReminderJob.Summary rerun = job.runFor(agency.organizationId, now, 2);
        assertThat(rerun.clientsClaimed()).isEqualTo(4);
        assertThat(job.runFor(agency.organizationId, now, 2).clientsClaimed()).isZero();
        assertThat(ledger.claimed(clients, OCTOBER, Stage.day(15))).containsExactlyInAnyOrderElementsOf(clients);
        int reminded = 0;
        for (String coach : List.of(coachA, coachB)) {
            List<Map<String, Object>> notes = agency.notificationsOf(coach, "coach");
            assertThat(notes).hasSizeLessThanOrEqualTo(1);
            reminded += notes.stream().mapToInt(note -> (Integer) note.get("clientCount")).sum();
        }
        assertThat(reminded).isEqualTo(4);

        // November 1st, 08:00 in Detroit: nobody was seen in October; four pages of at most two.
        ReminderJob.Summary monthEnd = job.runFor(agency.organizationId, Instant.parse("2026-11-01T13:00:00Z"), 2);
        assertThat(monthEnd.eventsPublished()).isEqualTo(7);
        assertThat(eventsOf(agency.organizationId)).hasSize(4).allSatisfy(m -> assertThat(m.clients()).hasSizeBetween(1, 2));
        assertThat(missedIn(agency.organizationId)).extracting(MonthlyFaceToFaceMissed.Client::enrolleeId)
                .containsExactlyInAnyOrderElementsOf(clients);
        assertThat(agency.notificationsOf(agency.supervisorId, "supervisor")).singleElement()
                .satisfies(note -> assertThat(note).containsEntry("clientCount", 7));
        // The outreach feature opened one task per client from the batched events, on the run's day in Detroit
        // (the event carries it: the listener reads no organization).
        List<Document> opened = mongo.find(Query.query(Criteria.where("organizationId")
                .is(agency.organizationId).and("origin").is("MONTHLY_FACE_TO_FACE_MISSED")),
                Document.class, "outreachTasks");
        assertThat(opened).hasSize(7).allSatisfy(task -> assertThat(mongo.getConverter().getConversionService()
                .convert(task.get("openedOn"), LocalDate.class)).isEqualTo("2026-11-01"));
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-11-01T14:00:00Z"), 2).eventsPublished())
                .isZero();
    }

    @Test
    void organizationsMayAskForRemindersAboutEveryEnrolledClient() {
        Agency agency = new Agency();
        String coach = agency.coach();
        agency.client(coach, false);
        agency.client(coach, false);
        agency.standAloneClient(coach);
        agency.admin().documentName("reminderSettings").execute()
                .path("reminderSettings.reminderDays").entityList(Integer.class).containsExactly(15, 25)
                .path("reminderSettings.sendAt").entity(String.class).isEqualTo("09:00")
                .path("reminderSettings.allEnrolledClients").entity(Boolean.class).isEqualTo(false);
        agency.admin().documentName("updateReminderSettings").variable("input", Map.of("allEnrolledClients", true,
                "reminderDays", List.of(10), "sendAt", "10:30")).execute()
                .path("updateReminderSettings.settings.sendAt").entity(String.class).isEqualTo("10:30");

        // Before 10:30 on the 10th only September's month end is due: with the opt-in, every enrolled client
        // needed a face-to-face in September too.
        ReminderJob.Summary before = job.runFor(agency.organizationId, Instant.parse("2026-10-10T14:29:00Z"));
        assertThat(before.eventsPublished()).isEqualTo(3);
        assertThat(before.clientsClaimed()).isEqualTo(3);
        ReminderJob.Summary day10 = job.runFor(agency.organizationId, Instant.parse("2026-10-10T14:30:00Z"));
        assertThat(day10.clientsClaimed()).isEqualTo(3);
        assertThat(day10.eventsPublished()).isZero();
        assertThat(agency.notificationsOf(coach, "coach")).singleElement()
                .satisfies(note -> assertThat(note).containsEntry("clientCount", 3));
    }

    /** Kinds of the optional reminders, as the app sees them. */
    private static final List<String> OPTIONAL_KINDS = List.of("DRAFTS_UNSIGNED", "CONSENTS_EXPIRING",
            "CERTIFICATION_EXPIRING");

    private static List<Map<String, Object>> optionalOnly(List<Map<String, Object>> notes) {
        return notes.stream().filter(note -> OPTIONAL_KINDS.contains(note.get("kind"))).toList();
    }

    private static Map<String, Object> ofKind(List<Map<String, Object>> notes, String kind) {
        List<Map<String, Object>> found = notes.stream().filter(note -> kind.equals(note.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    /** October 15th 2026, 09:00 in Detroit (EDT): the default send time. */
    private static final Instant OCT_15_SEND = Instant.parse("2026-10-15T13:00:00Z");

    @Test
    void optionalRemindersAreOffByDefaultAndSendNothing() {
        Agency agency = new Agency();
        String coach = agency.coach();
        String client = agency.client(coach, false);
        agency.contact(coach, client, "DRAFT", Instant.parse("2026-10-01T14:00:00Z"));
        agency.consent(client, "2026-10-20", null);
        agency.certification(coach, "2026-10-30");
        agency.admin().documentName("reminderSettings").execute()
                .path("reminderSettings.remindUnsignedDrafts").entity(Boolean.class).isEqualTo(false)
                .path("reminderSettings.remindExpiringConsents").entity(Boolean.class).isEqualTo(false)
                .path("reminderSettings.remindExpiringCertifications").entity(Boolean.class).isEqualTo(false);

        assertThat(job.runFor(agency.organizationId, OCT_15_SEND).itemsClaimed()).isZero();
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-10-16T13:00:00Z")).itemsClaimed()).isZero();
        assertThat(optionalOnly(agency.notificationsOf(coach, "coach"))).isEmpty();

        // Switched on and off again: still nothing.
        agency.optionalReminders(true, true, true);
        agency.optionalReminders(false, false, false);
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-10-17T13:00:00Z")).itemsClaimed()).isZero();
        assertThat(optionalOnly(agency.notificationsOf(coach, "coach"))).isEmpty();
    }

    @Test
    void coachesHearOfOverdueDraftsExpiringConsentsAndCertificationsOncePerItem() {
        Agency agency = new Agency();
        String coachA = agency.coach();
        String coachB = agency.coach();
        String clientA = agency.client(coachA, false);
        String clientB = agency.client(coachB, false);
        // Coach A: two drafts of the 12th and 13th (local), one of the 14th (not yet overdue on the 15th), a signed one.
        agency.contact(coachA, clientA, "DRAFT", Instant.parse("2026-10-12T14:00:00Z"));
        agency.contact(coachA, clientA, "DRAFT", Instant.parse("2026-10-14T03:30:00Z")); // 23:30 on the 13th
        agency.contact(coachA, clientA, "DRAFT", Instant.parse("2026-10-14T14:00:00Z"));
        agency.contact(coachA, clientA, "SIGNED", Instant.parse("2026-10-01T14:00:00Z"));
        agency.contact(coachB, clientB, "DRAFT", Instant.parse("2026-10-10T14:00:00Z"));
        // Consents of coach A's client: the 29th is within 14 days, the 30th is not yet; revoked and expired never.
        agency.consent(clientA, "2026-10-29", null);
        agency.consent(clientA, "2026-10-30", null);
        agency.consent(clientA, "2026-10-20", "2026-10-01");
        agency.consent(clientA, "2026-10-14", null);
        // Certifications: coach A's ends within 30 days (November 14th), coach B's in December; the supervisor is no coach.
        agency.certification(coachA, "2026-11-14");
        agency.certification(coachB, "2026-12-31");
        agency.certification(agency.supervisorId, "2026-10-20");
        agency.optionalReminders(true, true, true);

        // 08:59: not yet.
        assertThat(job.runFor(agency.organizationId, OCT_15_SEND.minusSeconds(60)).itemsClaimed()).isZero();
        ReminderJob.Summary day15 = job.runFor(agency.organizationId, OCT_15_SEND);
        assertThat(day15.itemsClaimed()).isEqualTo(5);
        assertThat(day15.notificationsSent()).isEqualTo(4);

        List<Map<String, Object>> notesA = agency.notificationsOf(coachA, "coach");
        assertThat(ofKind(notesA, "DRAFTS_UNSIGNED")).containsEntry("clientCount", 2)
                .containsEntry("title", "Contact drafts to sign")
                .containsEntry("body", "2 contact drafts have been unsigned for 2 days or more");
        assertThat(ofKind(notesA, "CONSENTS_EXPIRING")).containsEntry("clientCount", 1)
                .containsEntry("body", "1 consent expires within 14 days");
        assertThat(ofKind(notesA, "CERTIFICATION_EXPIRING"))
                .containsEntry("body", "Your certification expires within 30 days");
        assertThat(ofKind(agency.notificationsOf(coachB, "coach"), "DRAFTS_UNSIGNED"))
                .containsEntry("body", "1 contact draft has been unsigned for 2 days or more");
        assertThat(optionalOnly(agency.notificationsOf(agency.supervisorId, "supervisor"))).isEmpty();
        assertThat(notesA).allSatisfy(note -> {
            assertThat((String) note.get("ref")).startsWith("ntf_");
            assertThat(note.get("title") + " " + note.get("body") + " " + note.get("ref"))
                    .doesNotContain("Robin", "Secret", "Pat", "Rivers", "Sam", "Staff");
        });

        // A restart later that day: nothing again.
        assertThat(job.runFor(agency.organizationId, OCT_15_SEND.plus(Duration.ofMinutes(5))).itemsClaimed())
                .isZero();
        // The 16th: only what became due since (the draft of the 14th, the consent ending on the 30th); nothing
        // reminded on the 15th is reminded again.
        ReminderJob.Summary day16 = job.runFor(agency.organizationId, Instant.parse("2026-10-16T13:00:00Z"));
        assertThat(day16.itemsClaimed()).isEqualTo(2);
        assertThat(day16.notificationsSent()).isEqualTo(2);
        // A draft found overdue later on the 16th waits for the 17th: one digest per kind and day at most.
        agency.contact(coachA, clientA, "DRAFT", Instant.parse("2026-10-09T14:00:00Z"));
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-10-16T18:00:00Z")).itemsClaimed()).isZero();
        ReminderJob.Summary day17 = job.runFor(agency.organizationId, Instant.parse("2026-10-17T13:00:00Z"));
        assertThat(day17.itemsClaimed()).isEqualTo(1);
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-10-18T13:00:00Z")).itemsClaimed()).isZero();

        assertThat(optionalOnly(agency.notificationsOf(coachA, "coach"))).hasSize(6);
        List<String> bodies = agency.admin().documentName("recordedNotifications").variable("first", 50).execute()
                .path("recordedNotifications.edges[*].node.body").entityList(String.class).get();
        assertThat(bodies).hasSize(7).noneMatch(body -> body.contains("Robin") || body.contains("Secret"));
    }

    /** Optional reminders claim and send in batches (issue 16): five coaches cost the commands of one. */
    @Test
    void anOptionalReminderDayCostsTheSameCommandsForFiveCoachesAsForOne() {
        Agency small = new Agency();
        String alone = small.coach();
        small.contact(alone, small.client(alone, false), "DRAFT", Instant.parse("2026-10-12T14:00:00Z"));
        small.optionalReminders(true, false, false);
        Agency large = new Agency();
        List<String> coaches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String coach = large.coach();
            coaches.add(coach);
            String client = large.client(coach, false);
            for (int k = 0; k <= i % 2; k++) {
                large.contact(coach, client, "DRAFT", Instant.parse("2026-10-1" + k + "T14:00:00Z"));
            }
        }
        large.optionalReminders(true, false, false);

        long before = org.peerpath.database.CommandCounter.started();
        assertThat(job.runFor(small.organizationId, OCT_15_SEND).itemsClaimed()).isEqualTo(1);
        long forOne = org.peerpath.database.CommandCounter.started() - before;
        before = org.peerpath.database.CommandCounter.started();
        ReminderJob.Summary day15 = job.runFor(large.organizationId, OCT_15_SEND);
        long forFive = org.peerpath.database.CommandCounter.started() - before;

        assertThat(day15.itemsClaimed()).isEqualTo(7);
        assertThat(day15.notificationsSent()).isEqualTo(5);
        assertThat(forFive).isEqualTo(forOne);
        for (int i = 0; i < coaches.size(); i++) {
            assertThat(ofKind(large.notificationsOf(coaches.get(i), "coach"), "DRAFTS_UNSIGNED"))
                    .containsEntry("clientCount", 1 + i % 2);
        }
        // Again the same day, and the next: nothing more (each draft is reminded of once).
        assertThat(job.runFor(large.organizationId, OCT_15_SEND.plus(Duration.ofMinutes(5))).itemsClaimed()).isZero();
        assertThat(job.runFor(large.organizationId, OCT_15_SEND.plus(Duration.ofDays(1))).itemsClaimed()).isZero();
    }

    /**
     * A run that died after claiming its coaches' day but before their items (batched claims, issue 16) reminds
     * those items the next day, once; the coach whose day it already had hears nothing more that day.
     */
    @Test
    void anOptionalRunInterruptedAfterTheCoachesDayRemindsTheItemsTheNextDayOnce() {
        Agency agency = new Agency();
        String coach = agency.coach();
        String client = agency.client(coach, false);
        agency.contact(coach, client, "DRAFT", Instant.parse("2026-10-12T14:00:00Z"));
        agency.contact(coach, client, "DRAFT", Instant.parse("2026-10-11T14:00:00Z"));
        agency.optionalReminders(true, false, false);
        // The dead run's first write: the coach's drafts day of the 15th.
        assertThat(ledger.claimAll(agency.organizationId, List.of(new ReminderLedger.Claim(
                OptionalReminder.UNSIGNED_DRAFTS.dailyId(coach, LocalDate.parse("2026-10-15")), coach)),
                "DRAFTS_UNSIGNED", "dead-run", OCT_15_SEND)).hasSize(1);

        assertThat(job.runFor(agency.organizationId, OCT_15_SEND).itemsClaimed()).isZero();
        assertThat(optionalOnly(agency.notificationsOf(coach, "coach"))).isEmpty();
        ReminderJob.Summary day16 = job.runFor(agency.organizationId, OCT_15_SEND.plus(Duration.ofDays(1)));
        assertThat(day16.itemsClaimed()).isEqualTo(2);
        assertThat(ofKind(agency.notificationsOf(coach, "coach"), "DRAFTS_UNSIGNED")).containsEntry("clientCount", 2);
        assertThat(job.runFor(agency.organizationId, OCT_15_SEND.plus(Duration.ofDays(2))).itemsClaimed()).isZero();
    }

    @Test
    void optionalRemindersWaitOutQuietHours() {
        Agency agency = new Agency();
        String coach = agency.coach();
        String client = agency.client(coach, false);
        agency.contact(coach, client, "DRAFT", Instant.parse("2026-10-01T14:00:00Z"));
        agency.consent(client, "2026-10-20", null);
        agency.certification(coach, "2026-10-30");
        agency.optionalReminders(true, true, true);

        // 22:00 on the 15th and 07:00 on the 16th in Detroit: quiet hours.
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-10-16T02:00:00Z")).itemsClaimed()).isZero();
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-10-16T11:00:00Z")).itemsClaimed()).isZero();
        // 08:30: quiet hours are over, the send time has not come.
        assertThat(job.runFor(agency.organizationId, Instant.parse("2026-10-16T12:30:00Z")).itemsClaimed()).isZero();
        assertThat(optionalOnly(agency.notificationsOf(coach, "coach"))).isEmpty();
        // 09:00 on the 16th: all three at once.
        ReminderJob.Summary sent = job.runFor(agency.organizationId, Instant.parse("2026-10-16T13:00:00Z"));
        assertThat(sent.itemsClaimed()).isEqualTo(3);
        assertThat(optionalOnly(agency.notificationsOf(coach, "coach"))).hasSize(3);
    }

    @Test
    void twoInstancesAtOnceSendEachOptionalReminderOnce() throws Exception {
        Agency agency = new Agency();
        String coach = agency.coach();
        String client = agency.client(coach, false);
        for (int i = 0; i < 5; i++) {
            agency.contact(coach, client, "DRAFT", Instant.parse("2026-10-0" + (i + 1) + "T14:00:00Z"));
            agency.consent(client, "2026-10-2" + i, null);
        }
        agency.certification(coach, "2026-11-01");
        agency.optionalReminders(true, true, true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<ReminderJob.Summary>> instances = List.of(
                    () -> { start.await(); return job.runFor(agency.organizationId, OCT_15_SEND); },
                    () -> { start.await(); return job.runFor(agency.organizationId, OCT_15_SEND); });
            List<Future<ReminderJob.Summary>> results = instances.stream().map(pool::submit).toList();
            start.countDown();
            int claimed = 0;
            for (Future<ReminderJob.Summary> result : results) {
                claimed += result.get().itemsClaimed();
            }
            assertThat(claimed).isEqualTo(11);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(job.runFor(agency.organizationId, OCT_15_SEND.plus(ReminderJob.LOCK_AT_MOST_FOR)).itemsClaimed())
                .isZero();
        List<Map<String, Object>> notes = optionalOnly(agency.notificationsOf(coach, "coach"));
        assertThat(notes).hasSize(3);
        assertThat(ofKind(notes, "DRAFTS_UNSIGNED")).containsEntry("clientCount", 5);
        assertThat(ofKind(notes, "CONSENTS_EXPIRING")).containsEntry("body", "5 consents expire within 14 days");
        assertThat(ofKind(notes, "CERTIFICATION_EXPIRING")).containsEntry("clientCount", 1);
    }

    @Test
    void onlyAdministratorsSeeRecordedNotificationsAndChangeSettings() {
        expectError(tester("coach.mi", "admin").documentName("recordedNotifications").execute(), "FORBIDDEN");
        expectError(tester("coach.mi", "admin").documentName("updateReminderSettings")
                .variable("input", Map.of("allEnrolledClients", true)).execute(), "FORBIDDEN");
        expectError(admin("admin").documentName("updateReminderSettings")
                .variable("input", Map.of("reminderDays", List.of(0), "sendAt", "nine")).execute(), "VALIDATION");
    }

    @Test
    void devicesRegisterIdempotentlyMoveBetweenPeopleAndBelongToTheirOwner() {
        String token = "fcm-" + UUID.randomUUID();
        Map<String, Object> input = Map.of("token", token, "platform", "IOS", "appVersion", "2.0.1",
                "timeZone", "America/Detroit");
        coach("coach.mi").documentName("registerDevice").variable("input", input).execute()
                .path("registerDevice.device.platform").entity(String.class).isEqualTo("IOS");
        coach("coach.mi").documentName("registerDevice").variable("input", input).execute()
                .path("registerDevice.device.token").entity(String.class).isEqualTo(token);
        assertThat(coach("coach.mi").documentName("myDevices").execute().path("myDevices[*].token")
                .entityList(String.class).get()).containsOnlyOnce(token);

        // Someone else cannot remove it.
        supervisor("supervisor.mi").documentName("unregisterDevice").variable("token", token).execute()
                .path("unregisterDevice.removed").entity(Boolean.class).isEqualTo(false);
        // The same phone signed in by someone else: the token moves to them.
        supervisor("supervisor.mi").documentName("registerDevice").variable("input", input).execute()
                .path("registerDevice.device.token").entity(String.class).isEqualTo(token);
        assertThat(coach("coach.mi").documentName("myDevices").execute().path("myDevices[*].token")
                .entityList(String.class).get()).doesNotContain(token);
        supervisor("supervisor.mi").documentName("unregisterDevice").variable("token", token).execute()
                .path("unregisterDevice.removed").entity(Boolean.class).isEqualTo(true);
        assertThat(supervisor("supervisor.mi").documentName("myDevices").execute().path("myDevices[*].token")
                .entityList(String.class).get()).doesNotContain(token);

        expectError(enrollee("enrollee.mi").documentName("registerDevice").variable("input", Map.of("token", token,
                "platform", "ANDROID", "appVersion", "2.0.1", "timeZone", "Mars/Olympus")).execute(), "VALIDATION");
    }

    @Test
    void tokensNotRefreshedFor60DaysAreDropped() {
        String token = "fcm-" + UUID.randomUUID();
        enrollee("enrollee.mi").documentName("registerDevice").variable("input", Map.of("token", token,
                "platform", "ANDROID", "appVersion", "2.0.1", "timeZone", "America/Detroit")).execute()
                .path("registerDevice.device.token").entity(String.class).isEqualTo(token);
        devices.dropStale(clock.instant().plus(Duration.ofDays(59)));
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(token)), Device.class)).isTrue();
        devices.dropStale(clock.instant().plus(Duration.ofDays(61)));
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(token)), Device.class)).isFalse();
    }

    @Test
    void throughFirebaseUnregisteredTokensAreRemovedAndTheNotificationIsRecordedAsSent() {
        Agency agency = new Agency();
        String coach = agency.coach();
        String gone = "fcm-gone-" + UUID.randomUUID();
        String ok = "fcm-ok-" + UUID.randomUUID();
        for (String token : List.of(gone, ok)) {
            tester(login(coach), "coach").documentName("registerDevice").variable("input", Map.of("token", token,
                    "platform", "ANDROID", "appVersion", "2.0.1", "timeZone", "America/Detroit")).execute()
                    .path("registerDevice.device.token").entity(String.class).isEqualTo(token);
        }
        ScriptedFcm fcm = new ScriptedFcm().answer(gone, List.of(
                call -> FirebaseNotificationSenderTest.fcmError(404, "NOT_FOUND", "UNREGISTERED")));
        FirebaseNotificationSenderTest firebase = new FirebaseNotificationSenderTest();
        try {
            PushNotifications throughFirebase = new PushNotifications(mongo, devices, firebase.sender(fcm),
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            Notification sent = throughFirebase.send(agency.organizationId, coach,
                    Notification.Kind.FACE_TO_FACE_DUE, 4, OCTOBER, clock.instant());
            assertThat(sent.status()).isEqualTo(Notification.Status.SENT);
            assertThat(sent.deliveries()).extracting(Notification.DeliveryRecord::outcome).containsExactlyInAnyOrder(
                    NotificationSender.Outcome.TOKEN_INVALID, NotificationSender.Outcome.DELIVERED);
        }
        finally {
            firebase.deleteApps();
        }
        assertThat(fcm.requests).allSatisfy(request -> {
            assertThat(request.body().path("message").path("notification").path("body").asString())
                    .isEqualTo("4 clients are due for a face-to-face visit this month");
            assertThat(request.body().path("message").path("data").path("ref").asString()).startsWith("ntf_");
        });
        assertThat(tester(login(coach), "coach").documentName("myDevices").execute().path("myDevices[*].token")
                .entityList(String.class).get()).containsExactly(ok);
        Document recorded = mongo.findOne(Query.query(Criteria.where("recipientId").is(coach)), Document.class,
                "notifications");
        assertThat(recorded.getString("status")).isEqualTo("SENT");
    }
}
