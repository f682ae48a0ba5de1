package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.GraphQlErrorAssertions.expectError;
import static org.peerpath.GraphQlErrorAssertions.problems;

/**
 * Group sessions over HTTP (issue 12, item 3): one log, many attendees, each with their own contact and verdict
 * (Michigan guidance XII: T1012 HQ for a peer-led group); signing reserves each attendee's units on their own
 * ledger; attendees added and removed before signing, voided after; the facilitator's group is one service that no
 * individual service of theirs overlaps; refused requests leave nothing behind; every denial path.
 */
class GroupSessionIntegrationTest extends AgencyTest {

    private static final ParameterizedTypeReference<Map<String, Object>> ROW = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<String>> STRINGS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Boolean>> BOOLEANS = new ParameterizedTypeReference<>() {
    };

    @Test
    void aGroupOfEightBillsSixAndSaysWhyNotForTheOtherTwo() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(client(agency, 400));
        }
        String unauthorized = enrollee(agency); // no authorization at all
        String nearlySpent = client(agency, 2); // 2 units left, the hour takes 4
        clients.add(unauthorized);
        clients.add(nearlySpent);
        Map<String, Object> input = session(at, 60, clients);

        GraphQlTester.Response logged = log(agency.coach(), input);
        logged.path("logGroupSession.session.status").entity(String.class).isEqualTo("DRAFT")
                .path("logGroupSession.session.attendees").entityList(Object.class).hasSize(8)
                .path("logGroupSession.session.attendees[*].contact.status").entity(STRINGS)
                .satisfies(list -> assertThat(list).containsOnly("DRAFT"))
                .path("logGroupSession.session.attendees[*].contact.groupSessionId").entity(STRINGS)
                .satisfies(list -> assertThat(list).containsOnly((String) input.get("id")));

        GraphQlTester.Response signed = sign(agency.coach(), (String) input.get("id"), 0);
        signed.path("signGroupSession.session.status").entity(String.class).isEqualTo("SIGNED")
                .path("signGroupSession.session.billableCount").entity(Integer.class).isEqualTo(6);
        Map<String, Map<String, Object>> byClient = byEnrollee(signed, "signGroupSession");
        for (String client : clients.subList(0, 6)) {
            assertThat(byClient.get(client)).containsEntry("billable", true).containsEntry("notBillableBecause",
                    List.of());
            assertThat(billing(byClient.get(client))).containsEntry("procedureCode", "T1012")
                    .containsEntry("modifiers", List.of("HQ")).containsEntry("units", 4);
            assertThat(usedUnits(agency, client)).isEqualTo(4);
        }
        assertThat(byClient.get(unauthorized)).containsEntry("billable", false);
        assertThat(reasons(byClient.get(unauthorized))).containsExactly("MI.AUTHORIZATION_REQUIRED");
        assertThat(byClient.get(nearlySpent)).containsEntry("billable", false);
        assertThat(reasons(byClient.get(nearlySpent))).containsExactly("MI.AUTHORIZATION_EXCEEDED");
        assertThat(usedUnits(agency, nearlySpent)).isZero();

        // Each attendee's contact is their own, signed and listed in their own record with the note line.
        String contactId = (String) byClient.get(clients.get(1)).get("contactId");
        coach(agency.coach()).documentName("contact").variable("id", contactId).execute()
                .path("contact.status").entity(String.class).isEqualTo("SIGNED")
                .path("contact.setting").entity(String.class).isEqualTo("GROUP")
                .path("contact.narrative").entity(String.class).satisfies(text -> assertThat(text)
                        .startsWith("Peer-led sharing round").endsWith("Talked about the new job."));
        supervisor(agency.supervisor()).documentName("groupSession").variable("id", input.get("id")).execute()
                .path("groupSession.billableCount").entity(Integer.class).isEqualTo(6)
                .path("groupSession.facilitator.id").entity(String.class).isEqualTo(agency.coachId());
        assertThat(auditTrail(agency.supervisor(), unauthorized)).contains(
                "logGroupSession/ALLOWED/" + agency.coachId(), "signGroupSession/ALLOWED/" + agency.coachId())
                .anySatisfy(event -> assertThat(event).startsWith("groupSession/ALLOWED/"));
    }

    @Test
    void attendeesAreAddedAndRemovedBeforeSigningAndVoidedAfter() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String stays = client(agency, 400);
        String leaves = client(agency, 400);
        String joins = client(agency, 400);
        Map<String, Object> input = session(at, 60, List.of(stays, leaves));
        String id = (String) input.get("id");
        log(agency.coach(), input);
        String leavingContact = (String) byEnrollee(coach(agency.coach()).documentName("groupSession")
                .variable("id", id).execute(), "groupSession").get(leaves).get("contactId");

        Map<String, Object> removal = Map.of("groupSessionId", id, "expectedVersion", 0, "enrolleeId", leaves,
                "reason", "Did not come");
        remove(agency.coach(), removal).path("removeGroupAttendee.session.attendees[*].enrolleeId")
                .entityList(String.class).containsExactly(stays)
                .path("removeGroupAttendee.session.version").entity(Integer.class).isEqualTo(1);
        // A retry changes nothing; the removed draft is voided, never deleted.
        remove(agency.coach(), removal).path("removeGroupAttendee.session.version").entity(Integer.class)
                .isEqualTo(1);
        coach(agency.coach()).documentName("contact").variable("id", leavingContact).execute()
                .path("contact.status").entity(String.class).isEqualTo("VOIDED")
                .path("contact.voidReason").entity(String.class).satisfies(r -> assertThat(r).contains("Did not come"));

        Map<String, Object> addition = Map.of("groupSessionId", id, "expectedVersion", 1, "attendee",
                attendee(joins));
        add(agency.coach(), addition).path("addGroupAttendee.session.attendees[*].enrolleeId").entityList(String.class)
                .containsExactly(stays, joins)
                .path("addGroupAttendee.session.version").entity(Integer.class).isEqualTo(2);
        add(agency.coach(), addition).path("addGroupAttendee.session.version").entity(Integer.class).isEqualTo(2);
        expectError(add(agency.coach(), Map.of("groupSessionId", id, "expectedVersion", 2,
                "attendee", attendee(stays))), "VALIDATION");

        sign(agency.coach(), id, 2).path("signGroupSession.session.billableCount").entity(Integer.class).isEqualTo(2)
                .path("signGroupSession.session.attendees[*].contact.status").entity(STRINGS)
                .satisfies(list -> assertThat(list).containsOnly("SIGNED"));
        assertThat(usedUnits(agency, leaves)).isZero();
        assertThat(usedUnits(agency, joins)).isEqualTo(4);

        // After signing: no more adding or removing; voiding one attendee releases their units only.
        expectError(remove(agency.coach(), Map.of("groupSessionId", id, "expectedVersion", 4, "enrolleeId", joins,
                "reason", "Left early")), "VALIDATION");
        expectError(add(agency.coach(), Map.of("groupSessionId", id, "expectedVersion", 4,
                "attendee", attendee(leaves))), "VALIDATION");
        Map<String, Object> voiding = Map.of("groupSessionId", id, "enrolleeId", joins,
                "reason", "Logged for the wrong client");
        GraphQlTester.Response voided = coach(agency.coach()).documentName("voidGroupAttendee")
                .variable("input", voiding).execute();
        assertThat(byEnrollee(voided, "voidGroupAttendee").get(joins)).containsEntry("billable", false);
        voided.path("voidGroupAttendee.session.billableCount").entity(Integer.class).isEqualTo(1);
        coach(agency.coach()).documentName("voidGroupAttendee").variable("input", voiding).execute()
                .path("voidGroupAttendee.session.billableCount").entity(Integer.class).isEqualTo(1);
        assertThat(usedUnits(agency, joins)).isZero();
        assertThat(usedUnits(agency, stays)).isEqualTo(4);
    }

    @Test
    void aRetryCreatesNothingTwiceAndSignsOnce() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        List<String> clients = List.of(client(agency, 400), client(agency, 400), client(agency, 400));
        Map<String, Object> input = session(at, 60, clients);
        String id = (String) input.get("id");

        log(agency.coach(), input).path("logGroupSession.session.version").entity(Integer.class).isEqualTo(0);
        log(agency.coach(), input).path("logGroupSession.session.version").entity(Integer.class).isEqualTo(0)
                .path("logGroupSession.session.attendees").entityList(Object.class).hasSize(3);
        coach(agency.coach()).documentName("draftsAwaitingSignature").execute()
                .path("draftsAwaitingSignature").entityList(Object.class).hasSize(3);

        sign(agency.coach(), id, 0).path("signGroupSession.session.billableCount").entity(Integer.class).isEqualTo(3);
        sign(agency.coach(), id, 0).path("signGroupSession.session.status").entity(String.class).isEqualTo("SIGNED")
                .path("signGroupSession.session.billableCount").entity(Integer.class).isEqualTo(3);
        for (String client : clients) {
            assertThat(usedUnits(agency, client)).isEqualTo(4);
        }

        // The same id for another session is a conflict, and a signed session's attendee is not signed alone.
        Map<String, Object> other = session(at.plus(Duration.ofHours(2)), 30, List.of(clients.get(0)));
        other.put("id", id);
        expectError(log(agency.coach(), other), "CONFLICT");
        String contactId = (String) byEnrollee(sign(agency.coach(), id, 0), "signGroupSession").get(clients.get(0))
                .get("contactId");
        Map<String, Object> draft = session(at.plus(Duration.ofHours(3)), 30, List.of(clients.get(1)));
        log(agency.coach(), draft);
        String draftContact = (String) attendees(draft).get(0).get("contactId");
        assertThat(expectError(sign(agency.coach(), draftContact), "VALIDATION").getMessage())
                .contains("group session " + draft.get("id"));
        assertThat(contactId).isNotEqualTo(draftContact);
    }

    @Test
    void aRefusedRequestLeavesNothingBehind() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        Agency elsewhere = michigan();
        String own = client(agency, 400);
        String anotherCoachs = client(agency, 400);
        reassign(agency, anotherCoachs, agency.otherCoachId());
        String anotherOrgs = client(elsewhere, 400);
        String notYetEnrolled = enrolledOn(agency, LocalDate.now(clock.withZone(ZoneId.of("America/Detroit"))));
        String unknown = UUID.randomUUID().toString();

        Map<String, Object> input = session(at, 60, List.of(own, anotherCoachs, anotherOrgs, notYetEnrolled,
                unknown, own));
        ResponseError refused = expectError(log(agency.coach(), input), "VALIDATION");
        assertThat(problems(refused)).containsExactlyInAnyOrder(
                "Enrollee " + own + " is listed more than once.",
                "Enrollee " + anotherCoachs + " is not a client on your caseload in your organization.",
                "Enrollee " + anotherOrgs + " is not a client on your caseload in your organization.",
                "Enrollee " + unknown + " is not a client on your caseload in your organization.",
                "Enrollee " + notYetEnrolled + " is not enrolled on " + LocalDate.ofInstant(at,
                        ZoneId.of("America/Detroit")) + "; a group session takes enrolled clients.");
        assertNothingStored(agency, input);
        assertThat(auditTrail(elsewhere.supervisor(), anotherOrgs)).contains("logGroupSession/DENIED/"
                + agency.coachId());

        // A phone group: groups are in person (Michigan guidance XII codes them T1012, client present).
        Map<String, Object> phone = session(at, 60, List.of(own));
        phone.put("type", "PHONE");
        assertThat(problems(expectError(log(agency.coach(), phone), "VALIDATION")))
                .containsExactly("A group session takes place in person (FACE_TO_FACE); a PHONE contact cannot be a"
                        + " group.");
        assertNothingStored(agency, phone);

        // More attendees than the organization allows (an administrator's setting, default 12).
        List<String> thirteen = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            thirteen.add(client(agency, 400));
        }
        Map<String, Object> crowd = session(at, 60, thirteen);
        assertThat(problems(expectError(log(agency.coach(), crowd), "VALIDATION"))).containsExactly(
                "A group session in your organization has at most 12 attendees (maxGroupSize); this one has 13.");
        assertNothingStored(agency, crowd);
        admin(agency.admin()).documentName("updateOrganization").variable("input", Map.of("expectedVersion", 0,
                "maxGroupSize", 13)).execute().path("updateOrganization.organization.maxGroupSize")
                .entity(Integer.class).isEqualTo(13);
        log(agency.coach(), crowd).path("logGroupSession.session.attendees").entityList(Object.class).hasSize(13);
        expectError(admin(agency.admin()).documentName("updateOrganization").variable("input", Map.of(
                "expectedVersion", 1, "maxGroupSize", 1)).execute(), "VALIDATION");

        // Signing refused (a late entry without its reason) is refused for all attendees, nothing signed.
        String second = client(agency, 400);
        Map<String, Object> late = session(at.plus(Duration.ofHours(3)), 30, List.of(own, second));
        log(agency.coach(), late);
        clock.pin(clock.instant().plus(Duration.ofDays(40)));
        expectError(sign(agency.coach(), (String) late.get("id"), 0), "VALIDATION");
        coach(agency.coach()).documentName("groupSession").variable("id", late.get("id")).execute()
                .path("groupSession.status").entity(String.class).isEqualTo("DRAFT")
                .path("groupSession.version").entity(Integer.class).isEqualTo(0)
                .path("groupSession.attendees[*].contact.status").entity(STRINGS)
                .satisfies(list -> assertThat(list).containsOnly("DRAFT"));
        assertThat(usedUnits(agency, second)).isZero();
        coach(agency.coach()).documentName("signGroupSession").variable("input", Map.of("id", late.get("id"),
                "expectedVersion", 0, "lateEntryReason", "Paper sign-in sheet found after the audit")).execute()
                .path("signGroupSession.session.status").entity(String.class).isEqualTo("SIGNED")
                .path("signGroupSession.session.attendees[*].contact.late").entity(BOOLEANS)
                .satisfies(list -> assertThat(list).containsOnly(true));
        assertThat(usedUnits(agency, second)).isEqualTo(2);
    }

    @Test
    void theFacilitatorsGroupIsOneServiceThatNoIndividualServiceOfTheirsOverlaps() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        List<String> members = List.of(client(agency, 400), client(agency, 400), client(agency, 400));
        Map<String, Object> group = session(at, 60, members);
        log(agency.coach(), group);
        GraphQlTester.Response signed = sign(agency.coach(), (String) group.get("id"), 0);
        signed.path("signGroupSession.session.billableCount").entity(Integer.class).isEqualTo(3);
        List<String> groupContacts = attendees(group).stream().map(a -> (String) a.get("contactId")).toList();

        // An individual service of the same coach during the group: not billable, naming the group's contact.
        String individualClient = client(agency, 400);
        GraphQlTester.Response individual = signNew(agency.coach(), faceToFace(individualClient,
                at.plus(Duration.ofMinutes(15)), 30));
        individual.path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(false)
                .path("signContact.contact.billing.findings[*].code").entityList(String.class)
                .containsExactly("OVERLAPPING_SERVICE");
        assertThat(individual.path("signContact.contact.billing.findings[0].message").entity(String.class).get())
                .containsAnyOf(groupContacts.toArray(String[]::new)).contains("group");
        assertThat(usedUnits(agency, individualClient)).isZero();

        // Another group session of the same coach at the same time: the coach facilitates one group at a time.
        String secondGroupClient = client(agency, 400);
        Map<String, Object> second = session(at.plus(Duration.ofMinutes(30)), 60, List.of(secondGroupClient));
        log(agency.coach(), second);
        Map<String, Object> overlapping = byEnrollee(sign(agency.coach(), (String) second.get("id"), 0),
                "signGroupSession").get(secondGroupClient);
        assertThat(reasons(overlapping)).containsExactly("OVERLAPPING_SERVICE");
        assertThat(usedUnits(agency, secondGroupClient)).isZero();

        // Another coach's individual service at the same time is theirs, not the facilitator's.
        String otherCoachsClient = client(agency, 400);
        reassign(agency, otherCoachsClient, agency.otherCoachId());
        signNew(agency.otherCoach(), faceToFace(otherCoachsClient, at.plus(Duration.ofMinutes(15)), 30))
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true);

        // Voiding the group releases the time: the coach's later individual service then bills.
        for (String member : members) {
            coach(agency.coach()).documentName("voidGroupAttendee").variable("input", Map.of("groupSessionId",
                    group.get("id"), "enrolleeId", member, "reason", "Logged on the wrong day")).execute()
                    .path("voidGroupAttendee.session.id").hasValue();
        }
        signNew(agency.coach(), faceToFace(client(agency, 400), at.plus(Duration.ofMinutes(5)), 20))
                .path("signContact.contact.billing.billable").entity(Boolean.class).isEqualTo(true);
    }

    @Test
    void signingsAtOnceReserveEachAttendeesUnitsOnce() throws Exception {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        String shared = client(agency, 4); // one hour's units: only one of the two sessions can bill them
        List<String> first = List.of(shared, client(agency, 400), client(agency, 400));
        Map<String, Object> a = session(at, 60, first);
        log(agency.coach(), a);
        reassign(agency, shared, agency.otherCoachId());
        String theirs = client(agency, 400);
        reassign(agency, theirs, agency.otherCoachId());
        Map<String, Object> b = session(at.plus(Duration.ofHours(2)), 60, List.of(shared, theirs));
        log(agency.otherCoach(), b);
        // Tokens fetched once, before the race.
        assertThat(token(agency.coach())).isNotBlank();
        assertThat(token(agency.otherCoach())).isNotBlank();

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<String> outcomes = new ArrayList<>();
        try {
            List<Callable<String>> signings = List.of(
                    () -> outcome(sign(agency.coach(), (String) a.get("id"), 0)),
                    () -> outcome(sign(agency.coach(), (String) a.get("id"), 0)),
                    () -> outcome(sign(agency.otherCoach(), (String) b.get("id"), 0)));
            for (Future<String> result : pool.invokeAll(signings)) {
                outcomes.add(result.get());
            }
        }
        finally {
            pool.shutdownNow();
        }

        // The same session twice at once: signed once (the later one a CONFLICT, or the same outcome).
        assertThat(outcomes.subList(0, 2)).containsAnyOf("SIGNED").allSatisfy(o -> assertThat(o)
                .isIn("SIGNED", "CONFLICT"));
        assertThat(outcomes.get(2)).isEqualTo("SIGNED");
        Map<String, Map<String, Object>> inA = byEnrollee(coach(agency.coach()).documentName("groupSession")
                .variable("id", a.get("id")).execute(), "groupSession");
        Map<String, Map<String, Object>> inB = byEnrollee(coach(agency.otherCoach()).documentName("groupSession")
                .variable("id", b.get("id")).execute(), "groupSession");
        assertThat(List.of(inA.get(shared).get("billable"), inB.get(shared).get("billable")))
                .containsExactlyInAnyOrder(true, false);
        assertThat(usedUnits(agency, shared)).isEqualTo(4);
        assertThat(reasons(inA.get(shared).get("billable").equals(true) ? inB.get(shared) : inA.get(shared)))
                .containsExactly("MI.AUTHORIZATION_EXCEEDED");
        for (String other : List.of(first.get(1), first.get(2))) {
            assertThat(inA.get(other)).containsEntry("billable", true);
            assertThat(usedUnits(agency, other)).isEqualTo(4);
        }
        assertThat(inB.get(theirs)).containsEntry("billable", true);
    }

    @Test
    void onlyTheFacilitatorChangesASessionAndOnlyTheirOrganizationsStaffReadIt() {
        Instant at = pinNowAndServiceDay();
        Agency agency = michigan();
        Agency elsewhere = michigan();
        String member = client(agency, 400);
        Map<String, Object> input = session(at, 60, List.of(member));
        String id = (String) input.get("id");
        log(agency.coach(), input);

        // Another coach of the organization, and a coach of another organization: as for an unknown id.
        for (String stranger : List.of(agency.otherCoach(), elsewhere.coach())) {
            expectError(sign(stranger, id, 0), "NOT_FOUND");
            expectError(coach(stranger).documentName("groupSession").variable("id", id).execute(), "NOT_FOUND");
            expectError(remove(stranger, Map.of("groupSessionId", id, "expectedVersion", 0, "enrolleeId", member,
                    "reason", "Not mine")), "NOT_FOUND");
            expectError(add(stranger, Map.of("groupSessionId", id, "expectedVersion", 0,
                    "attendee", attendee(client(agency, 400)))), "NOT_FOUND");
        }
        // Supervisors read their organization's sessions only, and facilitate none; enrollees see none.
        supervisor(agency.supervisor()).documentName("groupSession").variable("id", id).execute()
                .path("groupSession.id").entity(String.class).isEqualTo(id);
        expectError(supervisor(elsewhere.supervisor()).documentName("groupSession").variable("id", id).execute(),
                "NOT_FOUND");
        expectError(tester(agency.supervisor(), "coach").documentName("logGroupSession")
                .variable("input", session(at, 60, List.of(member))).execute(), "FORBIDDEN");
        expectError(tester(agency.supervisor(), "coach").documentName("signGroupSession")
                .variable("input", Map.of("id", id, "expectedVersion", 0)).execute(), "FORBIDDEN");
        expectError(tester("enrollee.mi", "coach").documentName("logGroupSession")
                .variable("input", session(at, 60, List.of(member))).execute(), "FORBIDDEN");
        expectError(tester("enrollee.mi", "coach").documentName("groupSession").variable("id", id).execute(),
                "FORBIDDEN");
        // Nothing of that changed the session.
        coach(agency.coach()).documentName("groupSession").variable("id", id).execute()
                .path("groupSession.version").entity(Integer.class).isEqualTo(0)
                .path("groupSession.attendees[*].enrolleeId").entityList(String.class).containsExactly(member);
    }

    // ---- helpers ----

    private String client(Agency agency, int units) {
        String enrolleeId = enrollee(agency);
        authorize(agency, enrolleeId, "GENERAL", units);
        return enrolleeId;
    }

    /** An eligible Medicaid client of the agency's first coach, enrolled on {@code enrolledOn}, authorized. */
    private String enrolledOn(Agency agency, LocalDate enrolledOn) {
        String id = UUID.randomUUID().toString();
        admin(agency.admin()).documentName("createEnrollee").variable("input", Map.of("id", id,
                "firstName", "Newly", "lastName", "Enrolled", "dateOfBirth", "1985-04-12",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED", "enrolledOn", enrolledOn.toString(),
                "coachId", agency.coachId(),
                "eligibility", Map.of("needsNotMetByOtherProgram", true, "criteria", List.of("DOCUMENTED_DOMAIN_NEED"),
                        "agreedToParticipate", true))).execute().path("createEnrollee.enrollee.id").hasValue();
        authorize(agency, id, "GENERAL", 400);
        return id;
    }

    /** A peer-led group at the office; the second attendee has a note line of their own. */
    private static Map<String, Object> session(Instant start, int minutes, List<String> enrolleeIds) {
        Map<String, Object> input = new HashMap<>();
        input.put("id", UUID.randomUUID().toString());
        input.put("format", "PEER_LED");
        input.put("start", start.toString());
        input.put("end", start.plus(Duration.ofMinutes(minutes)).toString());
        input.put("placeOfService", "OFFICE");
        input.put("activities", List.of("RELATIONSHIP_BUILDING"));
        input.put("supportTypes", List.of("AFFILIATIONAL", "EMOTIONAL"));
        input.put("narrative", "Peer-led sharing round on staying connected after treatment.");
        List<Map<String, Object>> attendees = new ArrayList<>();
        for (int i = 0; i < enrolleeIds.size(); i++) {
            Map<String, Object> attendee = attendee(enrolleeIds.get(i));
            if (i == 1) {
                attendee.put("note", "Talked about the new job.");
            }
            attendees.add(attendee);
        }
        input.put("attendees", attendees);
        return input;
    }

    private static Map<String, Object> attendee(String enrolleeId) {
        Map<String, Object> attendee = new HashMap<>();
        attendee.put("contactId", UUID.randomUUID().toString());
        attendee.put("enrolleeId", enrolleeId);
        return attendee;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attendees(Map<String, Object> input) {
        return (List<Map<String, Object>>) input.get("attendees");
    }

    private GraphQlTester.Response log(String login, Map<String, Object> input) {
        return coach(login).documentName("logGroupSession").variable("input", input).execute();
    }

    private GraphQlTester.Response sign(String login, String id, int expectedVersion) {
        return coach(login).documentName("signGroupSession").variable("input", Map.of("id", id,
                "expectedVersion", expectedVersion)).execute();
    }

    private GraphQlTester.Response add(String login, Map<String, Object> input) {
        return coach(login).documentName("addGroupAttendee").variable("input", input).execute();
    }

    private GraphQlTester.Response remove(String login, Map<String, Object> input) {
        return coach(login).documentName("removeGroupAttendee").variable("input", input).execute();
    }

    /** The attendees of the session in {@code response} at {@code field} (an operation or "groupSession"), by client. */
    private static Map<String, Map<String, Object>> byEnrollee(GraphQlTester.Response response, String field) {
        String path = field.equals("groupSession") ? "groupSession.attendees" : field + ".session.attendees";
        Map<String, Map<String, Object>> byClient = new HashMap<>();
        response.path(path).entityList(ROW).get().forEach(a -> byClient.put((String) a.get("enrolleeId"), a));
        return byClient;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> billing(Map<String, Object> attendee) {
        return (Map<String, Object>) ((Map<String, Object>) attendee.get("contact")).get("billing");
    }

    @SuppressWarnings("unchecked")
    private static List<String> reasons(Map<String, Object> attendee) {
        return ((List<Map<String, Object>>) attendee.get("notBillableBecause")).stream()
                .map(f -> (String) f.get("code")).toList();
    }

    /** The session's status after a signing, or the error code it was refused with. */
    private static String outcome(GraphQlTester.Response response) {
        List<String> codes = new ArrayList<>();
        response.errors().satisfy(errors -> errors.forEach(e -> codes.add(String.valueOf(e.getExtensions()
                .get("code")))));
        return codes.isEmpty() ? response.path("signGroupSession.session.status").entity(String.class).get()
                : String.join(",", codes);
    }

    /** No session under the input's id and no contact under any of its attendees' ids. */
    private void assertNothingStored(Agency agency, Map<String, Object> input) {
        expectError(coach(agency.coach()).documentName("groupSession").variable("id", input.get("id")).execute(),
                "NOT_FOUND");
        for (Map<String, Object> attendee : attendees(input)) {
            expectError(coach(agency.coach()).documentName("contact").variable("id", attendee.get("contactId"))
                    .execute(), "NOT_FOUND");
        }
    }
}
