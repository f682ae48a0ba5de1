package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.graphql.test.tester.GraphQlTester;

import org.peerpath.IntegrationTest;

/**
 * Contact scenarios in an agency of their own: a fresh organization with a licensed supervisor and two
 * certified coaches per test, so no other test's signed contacts share a coach or a client with it. No context
 * configuration here: it is the shared {@link IntegrationTest} context.
 */
abstract class AgencyTest extends IntegrationTest {

    /** An organization of its own, with an administrator, a supervisor and two coaches (logins). */
    record Agency(String id, String pack, String admin, String supervisor, String coach, String coachId,
            String otherCoach, String otherCoachId) {
    }

    /**
     * Pins "now" to the current hour of the suite's clock (tokens are checked against it) and returns the day
     * before yesterday at 14:00 UTC, the service day most tests are about.
     */
    protected Instant pinNowAndServiceDay() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        clock.pin(now);
        return now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2)).plus(Duration.ofHours(14));
    }

    protected Agency agency(String pack, String zone, boolean tennCareProvider) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String orgId = UUID.randomUUID().toString();
        admin("admin").documentName("createOrganization").variable("input", Map.of("id", orgId,
                "name", "Agency " + suffix, "rulePack", pack, "timeZone", zone, "tennCareProvider", tennCareProvider,
                "firstAdministrator", Map.of("id", UUID.randomUUID().toString(), "firstName", "Ada",
                        "lastName", "Admin", "authSubject", "admin." + suffix))).execute()
                .path("createOrganization.organization.id").hasValue();
        String admin = "admin." + suffix;
        String supervisorId = staff(admin, pack, "SUPERVISOR", "supervisor." + suffix, null);
        String coachId = staff(admin, pack, "RECOVERY_COACH", "coach." + suffix, supervisorId);
        String otherCoachId = staff(admin, pack, "RECOVERY_COACH", "coach2." + suffix, supervisorId);
        return new Agency(orgId, pack, admin, "supervisor." + suffix, "coach." + suffix, coachId,
                "coach2." + suffix, otherCoachId);
    }

    protected Agency michigan() {
        return agency("MI", "America/Detroit", false);
    }

    /**
     * A staff member with what the pack needs to bill (issue 10.2): a coach holds the pack's qualifying credential
     * and has their supervisor since long before any service day; a Michigan supervisor holds MCBAP.
     */
    private String staff(String admin, String pack, String role, String login, String supervisorId) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> input = new HashMap<>(Map.of("id", id, "firstName", role.substring(0, 4),
                "lastName", login, "role", role, "authSubject", login));
        if (supervisorId == null) {
            input.put("supervisorQualification", "LICENSED_PROFESSIONAL");
        }
        admin(admin).documentName("createStaffMember").variable("input", input).execute()
                .path("createStaffMember.staffMember.id").hasValue();
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        if (supervisorId != null) {
            admin(admin).documentName("assignSupervisor").variable("input", Map.of("staffMemberId", id,
                    "supervisorId", supervisorId, "effectiveFrom", today.minusYears(3).toString(),
                    "expectedVersion", 0)).execute().path("assignSupervisor.staffMember.id").hasValue();
        }
        String type = supervisorId == null ? (pack.equals("MI") ? "MCBAP" : null)
                : switch (pack) {
                    case "MI" -> "PEER_RECOVERY_COACH_TRAINING";
                    case "IN" -> "CPSP";
                    default -> "CPRS";
                };
        if (type != null) {
            admin(admin).documentName("addCertification").variable("input", Map.of("staffMemberId", id,
                    "id", UUID.randomUUID().toString(), "type", type, "number", "C-" + id.substring(0, 6),
                    "issuingState", pack, "validFrom", today.minusYears(3).toString())).execute()
                    .path("addCertification.staffMember.id").hasValue();
        }
        return id;
    }

    /** An adult enrollee of the agency's first coach, enrolled long ago, eligible, on Medicaid, with one emergency contact. */
    protected String enrollee(Agency agency) {
        String id = UUID.randomUUID().toString();
        admin(agency.admin()).documentName("createEnrollee").variable("input", Map.of("id", id,
                "firstName", "Client", "lastName", "Tester", "dateOfBirth", "1985-04-12",
                "fundingSources", List.of("MEDICAID"), "status", "ENROLLED", "enrolledOn", "2020-01-01",
                "coachId", agency.coachId(),
                "emergencyContacts", List.of(Map.of("id", UUID.randomUUID().toString(), "name", "Pat Rivers",
                        "relationship", "sibling", "phone", "+1-555-0110")),
                "eligibility", Map.of("needsNotMetByOtherProgram", true, "criteria", List.of("DOCUMENTED_DOMAIN_NEED"),
                        "agreedToParticipate", true))).execute().path("createEnrollee.enrollee.id").hasValue();
        return id;
    }

    /** Adds an authorization of {@code kind} (GENERAL, PLAN_OF_CARE, ...) covering 2020 to 2035. */
    protected void authorize(Agency agency, String enrolleeId, String kind, int units) {
        admin(agency.admin()).documentName("addAuthorization").variable("input", Map.of("enrolleeId", enrolleeId,
                "id", UUID.randomUUID().toString(), "kind", kind, "validFrom", "2020-01-01",
                "validTo", "2035-12-31", "unitsAuthorized", units)).execute().path("addAuthorization.enrollee.id")
                .hasValue();
    }

    protected void reassign(Agency agency, String enrolleeId, String coachId) {
        admin(agency.admin()).documentName("assignCoach").variable("input", Map.of("enrolleeId", enrolleeId,
                "coachId", coachId)).execute().path("assignCoach.enrollee.coach.id").hasValue();
    }

    /** Logs {@code input} as {@code login} and signs it; the signing's response. */
    protected GraphQlTester.Response signNew(String login, Map<String, Object> input) {
        coach(login).documentName("logContact").variable("input", input).execute().path("logContact.contact.id")
                .hasValue();
        return sign(login, (String) input.get("id"));
    }

    protected GraphQlTester.Response sign(String login, String contactId) {
        return coach(login).documentName("signContact")
                .variable("input", Map.of("id", contactId, "expectedVersion", 0)).execute();
    }

    /** Units used against the enrollee's first authorization, as the supervisor sees them. */
    protected int usedUnits(Agency agency, String enrolleeId) {
        return supervisor(agency.supervisor()).documentName("unitUsage").variable("enrolleeId", enrolleeId).execute()
                .path("unitUsage.authorizations[0].used").entity(Integer.class).get();
    }

    /** A billable individual face-to-face contact at the office; mutable so tests change what they are about. */
    protected static Map<String, Object> faceToFace(String enrolleeId, Instant start, int minutes) {
        Map<String, Object> input = new HashMap<>();
        input.put("id", UUID.randomUUID().toString());
        input.put("enrolleeId", enrolleeId);
        input.put("type", "FACE_TO_FACE");
        input.put("start", start.toString());
        input.put("end", start.plus(Duration.ofMinutes(minutes)).toString());
        input.put("placeOfService", "OFFICE");
        input.put("activities", List.of("RECOVERY_PLANNING"));
        input.put("supportTypes", List.of("EMOTIONAL"));
        input.put("narrative", "Worked on the housing goal; practised the call to the landlord.");
        return input;
    }

    /** The same contact as a peer-led group. */
    protected static Map<String, Object> group(Map<String, Object> input) {
        input.put("setting", "GROUP");
        input.put("groupFormat", "PEER_LED");
        return input;
    }
}
