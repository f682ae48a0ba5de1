package org.peerpath.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.peerpath.database.ConditionalOnDemoMode;
import org.peerpath.demo.DemoApi.Answer;
import org.peerpath.demo.DemoCast.DemoEnrollee;
import org.peerpath.demo.DemoCast.DemoOrganization;
import org.peerpath.reminders.ReminderJob;

import static org.peerpath.demo.DemoData.id;

/**
 * A day's work in one demo organization (issue 14), written the way the apps write it: every step is one of the
 * apps' operations run as the person who would send it ({@link DemoApi}), so billing, consent, review, lateness
 * and audit rules judge demo data as they judge real work. Dates are counted back from the first start, in the
 * organization's zone, so the demo always looks current:
 * <ul>
 * <li>recovery plans with goals and steps, some steps done, reflections and an acknowledgement by the enrollee
 * who signs in, reviews due soon and overdue;</li>
 * <li>contacts over the past three months, signed and drafts, face-to-face, phone and collateral, billable and not
 * (an authorization used up, no prior authorization in Indiana, purely recreational time, late entries);</li>
 * <li>consents (active, expiring within two weeks, revoked by the enrollee) and disclosures under them;</li>
 * <li>two signed sessions of the coach's weekly evening group;</li>
 * <li>note review: associates' notes in Michigan and collateral contacts without consent everywhere await the
 * supervisor; some approved, one returned for correction;</li>
 * <li>outreach tasks, open (one due today) and closed, with attempts; clients engaged, at risk and disengaged;</li>
 * <li>devices for the demo logins and the notifications the reminder job recorded on the last reminder days.</li>
 * </ul>
 * Each stage is marked complete in {@link DemoSeed}; every step is a retry-safe creation under an id derived from
 * its name, or acts only after reading that it has not happened yet, so a stage cut short is completed at the next
 * start.
 */
@Component
@ConditionalOnDemoMode
class DemoActivity {

    private static final Logger log = LoggerFactory.getLogger(DemoActivity.class);

    /** Served enrollees (by index in {@link DemoCast#enrollees}) and the days before the first start they were seen. */
    private static final Map<Integer, int[]> CONTACT_DAYS = Map.of(
            0, new int[] {84, 70, 56, 42, 35, 28, 21, 14, 7, 2, 1},
            1, new int[] {63, 49, 33, 26, 12, 5},
            2, new int[] {86, 65, 51, 38},
            3, new int[] {80, 61, 40, 20},
            4, new int[] {88, 74, 60, 46},
            5, new int[] {63, 49, 35, 21, 8, 3},
            7, new int[] {77, 56, 29, 12, 4, 1},
            8, new int[] {71, 36, 10});

    /** Enrollees with a recovery plan. */
    private static final List<Integer> WITH_PLAN = List.of(0, 1, 2, 3, 5, 7, 8);

    private static final String LATE_REASON = "Entered from the paper contact log when the agency moved to PeerPath.";

    private static final String[] NARRATIVES = {
        "Talked through the week; practiced the plan for payday weekend.",
        "Went to the food bank together and set up the SNAP interview.",
        "Drove to the clinic intake; waited with them and debriefed after.",
        "Reviewed the recovery plan goals and picked the next step together.",
        "Role-played calling the landlord about the repair.",
        "Attended the peer support meeting together; talked about a new sponsor.",
        "Helped fill in the job application at the library.",
        "Checked in after a hard weekend; went over the relapse prevention plan."};

    private final DemoApi api;
    private final DemoSeed seed;
    private final ReminderJob reminders;

    DemoActivity(DemoApi api, DemoSeed seed, ReminderJob reminders) {
        this.api = api;
        this.seed = seed;
        this.reminders = reminders;
    }

    /** Seeds whatever stage of the organization's day of work no earlier start completed. */
    void seed(DemoOrganization organization, Instant firstStart) {
        Day day = new Day(organization, firstStart);
        String state = organization.state();
        seed.once(state + ".settings", day::settingsAndDevices);
        seed.once(state + ".plans", day::plans);
        seed.once(state + ".consents", day::consents);
        seed.once(state + ".contacts", day::contacts);
        seed.once(state + ".groups", day::groups);
        seed.once(state + ".supervision", day::supervision);
        seed.once(state + ".outreach", day::outreach);
        seed.once(state + ".notifications", () -> {
            day.notifications();
            log.info("Seeded a day's work in demo organization {}", organization.name());
        });
    }

    /** One organization's day, counted from the first start in its zone. */
    private final class Day {

        private final DemoOrganization organization;
        private final String state;
        private final ZoneId zone;
        private final Instant firstStart;
        private final LocalDate today;
        private final List<DemoEnrollee> enrollees;
        private final String coach;
        private final String second;
        private final String supervisor;
        private final String admin;
        private final String enrollee;

        Day(DemoOrganization organization, Instant firstStart) {
            this.organization = organization;
            this.state = organization.state();
            this.zone = ZoneId.of(organization.zone());
            this.firstStart = firstStart;
            this.today = LocalDate.ofInstant(firstStart, zone);
            this.enrollees = DemoCast.enrollees(state);
            this.coach = "coach." + state;
            this.second = organization.secondLogin();
            this.supervisor = "supervisor." + state;
            this.admin = organization.adminLogin();
            this.enrollee = "enrollee." + state;
        }

        private String enrolleeId(int index) {
            return id("enrollee." + state + "." + index);
        }

        /** The login of the coach whose caseload the enrollee is on. */
        private String coachOf(int index) {
            return enrollees.get(index).onFirstCoach() ? coach : second;
        }

        // ---- settings and devices ----

        void settingsAndDevices() {
            // Every enrolled client needs a monthly visit, and the optional daily digests are on: the coaches'
            // and supervisors' notification screens have something to show.
            api.run(admin, "admin/updateReminderSettings", Map.of("input", Map.of("allEnrolledClients", true,
                    "remindUnsignedDrafts", true, "remindExpiringConsents", true, "remindExpiringCertifications",
                    true)));
            for (String login : List.of(coach, second, supervisor, enrollee)) {
                String app = login.startsWith("enrollee") ? "enrollee" : login.startsWith("supervisor") ? "supervisor"
                        : "coach";
                api.run(login, app + "/registerDevice", Map.of("input", Map.of("token", "demo-device-" + login,
                        "platform", login.startsWith("enrollee") ? "IOS" : "ANDROID", "appVersion", "1.4.0",
                        "timeZone", organization.zone())));
            }
        }

        // ---- recovery plans ----

        void plans() {
            for (int index : WITH_PLAN) {
                plan(index);
            }
        }

        private String planId(int index) {
            return id("plan." + state + "." + index);
        }

        private String goalId(int index, int goal) {
            return id("goal." + state + "." + index + "." + goal);
        }

        private String stepId(int index, int goal, int step) {
            return id("step." + state + "." + index + "." + goal + "." + step);
        }

        private void plan(int index) {
            DemoEnrollee person = enrollees.get(index);
            // Reviews overdue (on both caseloads), one due within days, the rest in two months.
            LocalDate reviewDate = index == 2 || index == 5 ? today.minusDays(3) : index == 1 ? today.plusDays(5)
                    : today.plusMonths(2);
            List<Map<String, Object>> goals = List.of(
                    goal(index, 0, index == 3 ? "Finish the school year" : "Stay sober through the holidays",
                            index == 3 ? "EDUCATION" : "SUBSTANCE_USE_RECOVERY", today.plusMonths(1),
                            List.of(step(index, 0, 0, "Go to two meetings a week", "ENROLLEE", today.minusDays(20)),
                                    step(index, 0, 1, "Find a Saturday meeting near the bus line", "COACH",
                                            today.minusDays(30)),
                                    step(index, 0, 2, "Call my sponsor before payday weekend", "ENROLLEE",
                                            today.plusDays(10)))),
                    goal(index, 1, "Get my own place", "HOUSING", today.plusMonths(5),
                            List.of(step(index, 1, 0, "Apply for the housing voucher", "ENROLLEE",
                                            today.plusDays(14)),
                                    step(index, 1, 1, "Gather pay stubs and ID", "ENROLLEE", today.plusDays(7)),
                                    step(index, 1, 2, "Ask the landlord network about openings", "COACH",
                                            today.plusDays(21)))),
                    goal(index, 2, "Reconnect with my brother", "RELATIONSHIPS_SOCIAL_SUPPORT", null,
                            List.of(step(index, 2, 0, "Write him a letter", "ENROLLEE", null))));
            Map<String, Object> input = new HashMap<>();
            input.put("id", planId(index));
            input.put("enrolleeId", enrolleeId(index));
            input.put("goals", goals);
            input.put("strengths", List.of("Shows up", "Honest about setbacks", "Good with people"));
            input.put("triggers", List.of("Payday weekends", "Old neighborhood"));
            input.put("relapsePreventionPlan", "Call the sponsor, then the coach; go to the evening meeting.");
            input.put("supportNetwork", List.of(
                    Map.of("id", id("support." + state + "." + index + ".0"), "name",
                            DemoCast.emergencyContactName(person), "kind", "PERSON", "relationship", "sibling",
                            "contact", "+1-555-0100"),
                    Map.of("id", id("support." + state + "." + index + ".1"), "name", "Tuesday evening group",
                            "kind", "GROUP")));
            input.put("reviewDate", reviewDate.toString());
            input.put("coachNotes", "Responds best to texts before noon.");
            String login = coachOf(index);
            Answer created = api.run(login, "coach/createRecoveryPlan", Map.of("input", input));
            Plan plan = new Plan(created.at("createRecoveryPlan.plan"));

            // The coach found the Saturday meeting; the first goal's first step is done (by the enrollee where
            // they sign in themselves).
            if (!plan.stepDone(goalId(index, 0), stepId(index, 0, 1))) {
                plan = new Plan(api.run(login, "coach/updateStep", Map.of("input", Map.of("planId", planId(index),
                        "expectedVersion", plan.version(), "goalId", goalId(index, 0), "stepId",
                        stepId(index, 0, 1), "done", true))).at("updateStep.plan"));
            }
            if (index != 0) {
                if (!plan.stepDone(goalId(index, 0), stepId(index, 0, 0))) {
                    api.run(login, "coach/updateStep", Map.of("input", Map.of("planId", planId(index),
                            "expectedVersion", plan.version(), "goalId", goalId(index, 0), "stepId",
                            stepId(index, 0, 0), "done", true)));
                }
                return;
            }
            // The enrollee who signs in works their own plan: steps done, reflections, an acknowledgement.
            for (String[] step : new String[][] {{"0", "0"}, {"1", "1"}, {"2", "0"}}) {
                int goal = Integer.parseInt(step[0]);
                String stepId = stepId(index, goal, Integer.parseInt(step[1]));
                if (!plan.stepDone(goalId(index, goal), stepId)) {
                    plan = new Plan(api.run(enrollee, "enrollee/markStepDone", Map.of("input", Map.of(
                            "planId", planId(index), "goalId", goalId(index, goal), "stepId", stepId, "done", true,
                            "expectedVersion", plan.version()))).at("markStepDone.plan"));
                }
            }
            String[][] reflections = {
                {"0", "Two meetings a week is working. The Saturday one is my favorite."},
                {"0", "Payday was hard. I called my sponsor and went to the evening meeting instead."},
                {"2", "Mailed the letter. He has not written back yet and that is okay."}};
            for (int r = 0; r < reflections.length; r++) {
                int goal = Integer.parseInt(reflections[r][0]);
                plan = new Plan(api.run(enrollee, "enrollee/addGoalReflection", Map.of("input", Map.of(
                        "planId", planId(index), "goalId", goalId(index, goal), "id",
                        id("reflection." + state + "." + index + "." + r), "text", reflections[r][1])))
                        .at("addGoalReflection.plan"));
            }
            if (!plan.acknowledged()) {
                api.run(enrollee, "enrollee/acknowledgeRecoveryPlan", Map.of("input", Map.of("planId",
                        planId(index), "version", plan.version())));
            }
        }

        private Map<String, Object> goal(int index, int goal, String words, String domain, LocalDate target,
                List<Map<String, Object>> steps) {
            Map<String, Object> input = new HashMap<>(Map.of("id", goalId(index, goal), "inOwnWords", words,
                    "lifeDomain", domain, "steps", steps));
            if (target != null) {
                input.put("targetDate", target.toString());
            }
            return input;
        }

        private Map<String, Object> step(int index, int goal, int step, String what, String who, LocalDate byWhen) {
            Map<String, Object> input = new HashMap<>(Map.of("id", stepId(index, goal, step), "what", what,
                    "who", who));
            if (byWhen != null) {
                input.put("byWhen", byWhen.toString());
            }
            return input;
        }

        // ---- consents and disclosures ----

        private String consentId(String name) {
            return id("consent." + state + "." + name);
        }

        void consents() {
            DemoEnrollee jordan = enrollees.get(0);
            // Active: the sibling, the emergency contact, for two more years.
            consent(0, "sibling", person(jordan, 0), "Stay in touch if I cannot be reached.",
                    "Whether I am attending services and how to reach me.", false, today.minusDays(60),
                    today.plusYears(2));
            // Expiring within two weeks: the probation office, attendance only, with substance use information.
            consent(0, "probation", Map.of("kind", "ORGANIZATION", "name", "County Probation Office",
                    "phone", "+1-555-0199"), "Confirm attendance to my probation officer.",
                    "Dates I attended peer recovery services.", true, today.minusDays(170), today.plusDays(9));
            // Revoked by the enrollee in the app.
            String revoked = consent(0, "friend", Map.of("kind", "PERSON", "name", "Lee Carter",
                    "relationship", "friend", "phone", "+1-555-0177"), "Let my friend know how I am doing.",
                    "General progress in the program.", false, today.minusDays(90), today.plusYears(1));
            if (!"REVOKED".equals(revoked)) {
                api.run(enrollee, "enrollee/revokeMyConsent", Map.of("input", Map.of("consentId",
                        consentId("0.friend"), "note", "We are not in touch any more.")));
            }
            // Taylor's sibling: expiring in five days.
            consent(1, "sibling", person(enrollees.get(1), 1), "Stay in touch if I cannot be reached.",
                    "Whether I am attending services and how to reach me.", false, today.minusDays(10),
                    today.plusDays(5));
            // Jamie's sibling, on the second coach's caseload.
            consent(5, "sibling", person(enrollees.get(5), 5), "Stay in touch if I cannot be reached.",
                    "Whether I am attending services and how to reach me.", false, today.minusDays(40),
                    today.plusYears(1));

            disclosure("0.sibling", 0, today.minusDays(20), "Told Pat the Tuesday group moved to Wednesday.", false);
            disclosure("0.probation", 0, today.minusDays(40), "Attendance dates for the last month.", true);
            disclosure("0.probation", 1, today.minusDays(12), "Attendance dates for the last month.", true);
            disclosure("5.sibling", 0, today.minusDays(15), "Confirmed the appointment time.", false);
        }

        private Map<String, Object> person(DemoEnrollee person, int index) {
            return Map.of("kind", "PERSON", "name", DemoCast.emergencyContactName(person), "relationship", "sibling",
                    "phone", "+1-555-01" + (10 + index), "emergencyContactId", id("ec." + enrolleeId(index)));
        }

        /** Records a consent signed on {@code signedOn}; its status now. */
        private String consent(int index, String name, Map<String, Object> recipient, String purpose, String scope,
                boolean substanceUse, LocalDate signedOn, LocalDate expiresOn) {
            DemoEnrollee person = enrollees.get(index);
            Map<String, Object> input = new HashMap<>();
            input.put("id", consentId(index + "." + name));
            input.put("enrolleeId", enrolleeId(index));
            input.put("recipient", recipient);
            input.put("purpose", purpose);
            input.put("informationScope", scope);
            input.put("includesSubstanceUseInformation", substanceUse);
            input.put("revocationRights", "You may revoke this consent in writing at any time, by letter or in the "
                    + "app, except where we already acted on it.");
            input.put("expiresOn", expiresOn.toString());
            input.put("signature", Map.of("signerName", person.fullName(), "signedBy", "ENROLLEE"));
            input.put("signedOn", signedOn.toString());
            return api.run(coachOf(index), "coach/recordConsent", Map.of("input", input))
                    .text("recordConsent.consent.status");
        }

        private void disclosure(String consent, int number, LocalDate on, String shared, boolean substanceUse) {
            int index = Integer.parseInt(consent.substring(0, consent.indexOf('.')));
            api.run(coachOf(index), "coach/recordDisclosure", Map.of("input", Map.of("id",
                    id("disclosure." + state + "." + consent + "." + number), "consentId", consentId(consent),
                    "disclosedOn", on.toString(), "informationShared", shared, "includesSubstanceUseInformation",
                    substanceUse)));
        }

        // ---- contacts and note review ----

        void contacts() {
            for (int index : new TreeSet<>(CONTACT_DAYS.keySet())) {
                int[] days = CONTACT_DAYS.get(index);
                for (int n = 0; n < days.length; n++) {
                    contact(index, n, days[n]);
                }
            }
        }

        /** What kind of contact the {@code n}th of an enrollee's is, and what becomes of it. */
        private void contact(int index, int n, int daysAgo) {
            String login = coachOf(index);
            boolean draft = daysAgo <= 2 && (index == 0 || index == 7);
            // A collateral contact with the sibling: with consent for Jordan (after it was signed), without for
            // Taylor and Dana (the supervisor reviews those).
            boolean collateral = (index == 0 && n == 6) || (index == 1 && n == 3) || (index == 8 && n == 1);
            boolean phone = !collateral && n % 3 == 2;
            boolean recreational = index == 7 && n == 2;
            LocalDate date = today.minusDays(daysAgo);
            // Each enrollee in their own hour of the day, so no two of a coach's contacts overlap.
            ZonedDateTime start = ZonedDateTime.of(date, LocalTime.of(9 + index, n % 2 == 0 ? 0 : 15), zone);
            ZonedDateTime end = start.plusMinutes(phone ? 20 : collateral ? 30 : 45 + 5 * (n % 4));
            Map<String, Object> input = new HashMap<>();
            input.put("id", id("contact." + state + "." + index + "." + n));
            input.put("enrolleeId", enrolleeId(index));
            input.put("type", collateral ? "COLLATERAL_FAMILY" : phone ? "PHONE" : "FACE_TO_FACE");
            input.put("clientPresent", !collateral);
            input.put("start", start.toInstant().toString());
            input.put("end", end.toInstant().toString());
            // A phone call's place of service is where the coach was (Michigan XI.B.3 asks for one on every note).
            input.put("placeOfService", phone ? "OFFICE" : n % 2 == 0 ? "COMMUNITY" : "OFFICE");
            input.put("privateAreaUsed", true);
            input.put("activities", recreational ? List.of("PURELY_RECREATIONAL")
                    : n % 2 == 0 ? List.of("RECOVERY_PLANNING", "RELATIONSHIP_BUILDING")
                    : List.of("RESOURCE_LINKAGE", "ADVOCACY"));
            input.put("supportTypes", recreational ? List.of("AFFILIATIONAL")
                    : n % 2 == 0 ? List.of("EMOTIONAL", "INFORMATIONAL") : List.of("INSTRUMENTAL"));
            input.put("narrative", collateral
                    ? "Called " + DemoCast.emergencyContactName(enrollees.get(index))
                            + " to plan the ride to the family session."
                    : recreational ? "Bowling night with the peer group." : NARRATIVES[(index + n) % NARRATIVES.length]);
            if (WITH_PLAN.contains(index) && !collateral && !recreational) {
                input.put("goalIds", List.of(goalId(index, n % 2)));
            }
            if (collateral) {
                input.put("personContacted", Map.of("name", DemoCast.emergencyContactName(enrollees.get(index)),
                        "relationship", "sibling", "emergencyContactId", id("ec." + enrolleeId(index)),
                        "informationShared", "The time and place of the family session.",
                        "includesSubstanceUseInformation", false));
            }
            if (enrollees.get(index).childIndex() != null) {
                input.put("directedToChildBenefit", true);
            }
            if (daysAgo >= 20) {
                input.put("lateEntryReason", LATE_REASON); // judged only where the entry is late
            }
            Answer logged = api.run(login, "coach/logContact", Map.of("input", input));
            String status = logged.text("logContact.contact.status");
            long version = logged.number("logContact.contact.version");
            if (draft) {
                return;
            }
            String contactId = (String) input.get("id");
            if ("DRAFT".equals(status)) {
                Map<String, Object> signing = new HashMap<>(Map.of("id", contactId, "expectedVersion", version));
                if (daysAgo >= 20) {
                    signing.put("lateEntryReason", LATE_REASON);
                }
                version = api.run(login, "coach/signContact", Map.of("input", signing))
                        .number("signContact.contact.version");
            }
            // Review (policy: associates' and flagged contacts): the supervisor approves associates' notes older
            // than two weeks, returns one note of each kind for correction, and leaves the rest in the queue. A contact past version 1 was
            // reviewed on an earlier start.
            boolean byAssociate = state.equals("mi") && !enrollees.get(index).onFirstCoach();
            boolean flagged = collateral && index != 0;
            if (!(byAssociate || flagged) || version != 1) {
                return;
            }
            boolean returned = (byAssociate && index == 5 && n == 3) || (flagged && index == 1);
            if (returned) {
                api.run(supervisor, "supervisor/returnContactForCorrection", Map.of("input", Map.of("id", contactId,
                        "expectedVersion", version, "comment", "Say what was decided and who will drive.")));
            }
            else if (byAssociate && daysAgo > 14) {
                api.run(supervisor, "supervisor/approveContact", Map.of("input", Map.of("id", contactId,
                        "expectedVersion", version)));
            }
        }

        // ---- group sessions ----

        /**
         * The weekly evening peer-led group, facilitated by {@code coach.<state>}: one log for its attendees, each
         * with a contact of their own, signed together.
         */
        void groups() {
            group(0, 16, List.of(0, 1, 3));
            group(1, 9, List.of(0, 1));
        }

        private void group(int number, int daysAgo, List<Integer> attendees) {
            String sessionId = id("group." + state + "." + number);
            ZonedDateTime start = ZonedDateTime.of(today.minusDays(daysAgo), LocalTime.of(18, 30), zone);
            Map<String, Object> input = new HashMap<>(Map.of("id", sessionId, "format", "PEER_LED",
                    "start", start.toInstant().toString(), "end", start.plusMinutes(90).toInstant().toString(),
                    "placeOfService", "PEER_SUPPORT_CENTER", "privateAreaUsed", true,
                    "activities", List.of("RECOVERY_PLANNING", "SUBSTANCE_USE_EDUCATION"),
                    "supportTypes", List.of("EMOTIONAL", "AFFILIATIONAL"),
                    "narrative", "Peer-led group on handling the holidays: triggers, plans and who to call."));
            input.put("attendees", attendees.stream().map(index -> Map.of("contactId",
                    id("group." + state + "." + number + "." + index), "enrolleeId", enrolleeId(index),
                    "goalIds", List.of(goalId(index, 0)), "note", index == 0
                            ? "Shared the payday plan with the group." : "Listened; stayed for the whole group."))
                    .toList());
            Answer logged = api.run(coach, "coach/logGroupSession", Map.of("input", input));
            if (!"SIGNED".equals(logged.text("logGroupSession.session.status"))) {
                api.run(coach, "coach/signGroupSession", Map.of("input", Map.of("id", sessionId,
                        "expectedVersion", logged.number("logGroupSession.session.version"))));
            }
        }

        // ---- supervision log ----

        /**
         * This week's supervision of the first coach, recorded by their supervisor; the second coach has none yet, so
         * the supervisor's dashboard lists them as overdue (Michigan IX: weekly supervision of peers).
         */
        void supervision() {
            api.run(supervisor, "supervisor/recordSupervisionSession", Map.of("input", Map.of(
                    "id", id("supervision." + state + ".0"), "heldOn", today.toString(), "durationMinutes", 45,
                    "format", "INDIVIDUAL", "superviseeIds", List.of(id(coach)),
                    "topics", List.of("Caseload review", "Boundaries with a client's family"),
                    "note", "Went through the at-risk clients and the outreach plan for the holidays.")));
        }

        // ---- outreach ----

        void outreach() {
            // Morgan, disengaged: due today, two attempts so far.
            task(2, "morgan", today, "No contact for over a month; missed the last two groups.",
                    List.of(new Attempt("PHONE", "NO_ANSWER", "Rang twice, no voicemail set up.", 26),
                            new Attempt("TEXT", "LEFT_MESSAGE", "Texted about Wednesday's group.", 3)));
            // Riley, at risk: a message left, due in three days.
            task(3, "riley", today.plusDays(3), "Quiet for three weeks; check in before the school break.",
                    List.of(new Attempt("EMERGENCY_CONTACT", "LEFT_MESSAGE", "Left a message with the parent.", 2)));
            // Dana: reached, and the call signed as a contact closes the task as re-engaged (Michigan XI.F).
            String dana = task(8, "dana", today.plusDays(2), "Missed the family session.",
                    List.of(new Attempt("PHONE", "REACHED", "Talked; coming to Thursday's session.", 2)));
            if ("OPEN".equals(dana)) {
                Instant start = firstStart.minusSeconds(5400);
                String contactId = id("contact." + state + ".8.outreach");
                Map<String, Object> call = new HashMap<>(Map.of("id", contactId, "enrolleeId", enrolleeId(8),
                        "type", "PHONE", "clientPresent", true, "start", start.toString(),
                        "end", start.plusSeconds(1200).toString(), "placeOfService", "OFFICE",
                        "activities", List.of("RELATIONSHIP_BUILDING"), "supportTypes", List.of("EMOTIONAL")));
                call.put("narrative", "Called back after the missed session; planned the ride to Thursday's "
                        + "family session.");
                call.put("directedToChildBenefit", true);
                long version = api.run(coach, "coach/logContact", Map.of("input", call))
                        .number("logContact.contact.version");
                api.run(coach, "coach/signContact", Map.of("input", Map.of("id", contactId,
                        "expectedVersion", version)));
            }
            // The second coach's client: due tomorrow, no attempt yet.
            task(5, "jamie", today.plusDays(1), "Ask about the new job's hours.", List.of());
        }

        private String taskId(String name) {
            return id("outreach." + state + "." + name);
        }

        private record Attempt(String method, String outcome, String notes, int hoursAgo) {
        }

        /** Opens a task and records its attempts (each once); its status now. */
        private String task(int index, String name, LocalDate dueOn, String note, List<Attempt> attempts) {
            String login = coachOf(index);
            Answer opened;
            try {
                opened = api.run(login, "coach/openOutreachTask", Map.of("input", Map.of("id", taskId(name),
                        "enrolleeId", enrolleeId(index), "dueOn", dueOn.toString(), "note", note)));
            }
            catch (DemoApi.Refused refused) {
                if (!"CONFLICT".equals(refused.code())) {
                    throw refused;
                }
                // The outreach job opened this client's task first (it runs hourly, also during seeding).
                log.info("Demo outreach task {} not opened: {}", name, refused.getMessage());
                return "NONE";
            }
            List<Object> recorded = new ArrayList<>();
            for (Map<String, Object> attempt : opened.list("openOutreachTask.task.attempts")) {
                recorded.add(attempt.get("id"));
            }
            String status = opened.text("openOutreachTask.task.status");
            for (int a = 0; a < attempts.size() && "OPEN".equals(status); a++) {
                String attemptId = id("attempt." + state + "." + name + "." + a);
                if (recorded.contains(attemptId)) {
                    continue;
                }
                Attempt attempt = attempts.get(a);
                Map<String, Object> input = new HashMap<>(Map.of("taskId", taskId(name), "id", attemptId,
                        "method", attempt.method(), "outcome", attempt.outcome(), "notes", attempt.notes(),
                        "at", firstStart.minusSeconds(3600L * attempt.hoursAgo()).toString()));
                if (attempt.method().equals("EMERGENCY_CONTACT")) {
                    input.put("emergencyContactId", id("ec." + enrolleeId(index)));
                }
                status = api.run(login, "coach/recordOutreachAttempt", Map.of("input", input))
                        .text("recordOutreachAttempt.task.status");
            }
            return status;
        }

        // ---- notifications ----

        /**
         * The reminder job as it would have run on the last reminder day, on the first of this month (last
         * month's visits missed: the supervisors' notice) and yesterday (the optional daily digests), at 9:05 in
         * the organization's zone. Its claims make each notification go out once, however often this runs.
         */
        void notifications() {
            String organizationId = id("org." + state);
            LocalDate lastReminderDay = today.getDayOfMonth() > 25 ? today.withDayOfMonth(25)
                    : today.getDayOfMonth() > 15 ? today.withDayOfMonth(15) : today.minusMonths(1).withDayOfMonth(25);
            TreeSet<Instant> instants = new TreeSet<>();
            for (LocalDate day : List.of(lastReminderDay, today.withDayOfMonth(1), today.minusDays(1))) {
                Instant at = ZonedDateTime.of(day, LocalTime.of(9, 5), zone).toInstant();
                if (at.isBefore(firstStart)) {
                    instants.add(at);
                }
            }
            instants.stream().filter(Objects::nonNull).forEach(at -> reminders.runFor(organizationId, at));
        }
    }

    /** A recovery plan as an operation answered it. */
    private record Plan(Object node) {

        @SuppressWarnings("unchecked")
        private Map<String, Object> map() {
            return (Map<String, Object>) node;
        }

        long version() {
            return ((Number) map().get("version")).longValue();
        }

        @SuppressWarnings("unchecked")
        boolean stepDone(String goalId, String stepId) {
            for (Map<String, Object> goal : (List<Map<String, Object>>) map().get("goals")) {
                if (goal.get("id").equals(goalId)) {
                    for (Map<String, Object> step : (List<Map<String, Object>>) goal.get("steps")) {
                        if (step.get("id").equals(stepId)) {
                            return Boolean.TRUE.equals(step.get("done"));
                        }
                    }
                }
            }
            throw new IllegalStateException("The demo plan has no step " + stepId);
        }

        @SuppressWarnings("unchecked")
        boolean acknowledged() {
            Object acknowledgements = map().get("acknowledgements");
            return acknowledgements instanceof List<?> list && !list.isEmpty();
        }
    }
}
