package org.peerpath.database;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.peerpath.ServiceProcess;
import org.peerpath.demo.DemoData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: an answered write is on disk. The service runs as a separate JVM on a temporary data directory, a coach
 * and an administrator write over HTTP (enrollee, plan edits, consents, contacts logged and signed), and the process
 * is killed with SIGKILL right after an answer; the restarted service must have every answered write, and every
 * unit ledger must equal the units of its signed contacts. Cycles: {@code -Dpeerpath.crash-test.cycles} (3 in the
 * suite, where each restart of the service costs most of the time; 10 when run on its own).
 *
 * <p>Dates come from the child's own clock (the {@code iat} of the token it issues), never from this JVM's.
 */
class CrashRecoveryTest {

    private static final int CYCLES = Integer.getInteger("peerpath.crash-test.cycles", 3);

    private static final ZoneId MICHIGAN = ZoneId.of("America/Detroit");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void everyAnsweredWriteSurvivesSigkillAndLedgersMatchSignedContacts() throws Exception {
        Path data = dir.resolve("data");
        Acknowledged acknowledged = new Acknowledged();
        Random random = new Random(17);
        for (int cycle = 0; cycle <= CYCLES; cycle++) {
            try (ServiceProcess service = ServiceProcess.start(data, dir.resolve("service-" + cycle + ".log"),
                    "--peerpath.demo-data.day-of-work=false")) {
                Client admin = new Client(service.port(), service.signIn("admin"), "admin");
                Client coach = new Client(service.port(), service.signIn("coach.mi"), "coach");
                if (cycle == 0) {
                    acknowledged.setUp(admin, coach, service.now());
                }
                acknowledged.assertAllPresent(coach, "after restart " + cycle);
                if (cycle == CYCLES) {
                    break;
                }
                int writes = 3 + random.nextInt(6);
                for (int i = 0; i < writes; i++) {
                    acknowledged.write(coach, random.nextInt(4));
                }
                service.kill(); // right after the last answer
            }
        }
        assertThat(acknowledged.signedUnits()).as("the stream signed billable contacts").isPositive();
    }

    @Test
    void aDamagedDataFileStopsTheStartWithOneClearLineAndIsLeftAsItWas() throws Exception {
        Path data = Files.createDirectories(dir.resolve("damaged"));
        Path file = data.resolve("peerpath.mv");
        byte[] garbage = new byte[64 * 1024];
        new Random(19).nextBytes(garbage);
        Files.write(file, garbage);

        Path log = dir.resolve("damaged.log");
        Process process = ServiceProcess.launch(data, log, "--peerpath.demo-data.day-of-work=false");
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the service stops by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        String output = Files.readString(log);
        assertThat(output).contains("The embedded database file " + file.toAbsolutePath()
                + " is damaged and was not opened").doesNotContain("Started PeerPathApplication");
        assertThat(Files.readAllBytes(file)).as("the damaged file is kept for recovery").isEqualTo(garbage);
    }

    /** What the service answered as done, and the checks that it is still there. */
    private static final class Acknowledged {

        private String enrolleeId;

        private String planId;

        private int planVersion;

        private final List<String> goalIds = new ArrayList<>();

        private final List<String> consentIds = new ArrayList<>();

        /** Contact id to the status the service answered last (DRAFT or SIGNED). */
        private final Map<String, String> contacts = new LinkedHashMap<>();

        private Instant nextStart;

        private LocalDate today;

        private int signedUnits;

        void setUp(Client admin, Client coach, Instant now) throws Exception {
            today = LocalDate.ofInstant(now, MICHIGAN);
            nextStart = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
            enrolleeId = UUID.randomUUID().toString();
            admin.run("createEnrollee", Map.of("input", Map.of("id", enrolleeId,
                    "firstName", "Crash", "lastName", "Tester", "dateOfBirth", "1985-04-12",
                    "fundingSources", List.of("MEDICAID"), "status", "ENROLLED",
                    "enrolledOn", today.minusDays(90).toString(), "coachId", DemoData.id("coach.mi"),
                    "emergencyContacts", List.of(Map.of("id", DemoData.id("ec." + enrolleeId), "name", "Pat Rivers",
                            "relationship", "sibling", "phone", "+1-555-0110")),
                    "eligibility", Map.of("needsNotMetByOtherProgram", true,
                            "criteria", List.of("DOCUMENTED_DOMAIN_NEED"), "agreedToParticipate", true))));
            admin.run("addAuthorization", Map.of("input", Map.of("enrolleeId", enrolleeId,
                    "id", UUID.randomUUID().toString(), "kind", "GENERAL",
                    "validFrom", today.minusDays(90).toString(), "validTo", today.plusDays(300).toString(),
                    "unitsAuthorized", 2000)));
            String goalId = UUID.randomUUID().toString();
            planId = UUID.randomUUID().toString();
            JsonNode plan = coach.run("createRecoveryPlan", Map.of("input", Map.of("id", planId,
                    "enrolleeId", enrolleeId, "reviewDate", today.plusDays(90).toString(),
                    "goals", List.of(Map.of("id", goalId, "inOwnWords", "Keep my apartment",
                            "lifeDomain", "HOUSING")))));
            planVersion = plan.at("/createRecoveryPlan/plan/version").asInt();
            goalIds.add(goalId);
        }

        void write(Client coach, int kind) throws Exception {
            switch (kind) {
                case 0 -> logContact(coach);
                case 1 -> {
                    if (!signOldestDraft(coach)) {
                        logContact(coach);
                    }
                }
                case 2 -> recordConsent(coach);
                default -> addGoal(coach);
            }
        }

        private void logContact(Client coach) throws Exception {
            Instant start = nextStart;
            nextStart = nextStart.minus(Duration.ofHours(3)); // never two services of the coach at once
            String id = UUID.randomUUID().toString();
            Map<String, Object> input = new HashMap<>();
            input.put("id", id);
            input.put("enrolleeId", enrolleeId);
            input.put("type", "FACE_TO_FACE");
            input.put("start", start.toString());
            input.put("end", start.plus(Duration.ofMinutes(30)).toString());
            input.put("placeOfService", "OFFICE");
            input.put("activities", List.of("RECOVERY_PLANNING"));
            input.put("supportTypes", List.of("EMOTIONAL"));
            input.put("narrative", "Practised the call to the landlord.");
            coach.run("logContact", Map.of("input", input));
            contacts.put(id, "DRAFT");
        }

        private boolean signOldestDraft(Client coach) throws Exception {
            String draft = contacts.entrySet().stream().filter(e -> e.getValue().equals("DRAFT"))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (draft == null) {
                return false;
            }
            JsonNode signed = coach.run("signContact", Map.of("input", Map.of("id", draft, "expectedVersion", 0)));
            contacts.put(draft, "SIGNED");
            if (signed.at("/signContact/contact/billing/billable").asBoolean()) {
                signedUnits += signed.at("/signContact/contact/billing/units").asInt();
            }
            return true;
        }

        private void recordConsent(Client coach) throws Exception {
            String id = UUID.randomUUID().toString();
            coach.run("recordConsent", Map.of("input", Map.of("id", id, "enrolleeId", enrolleeId,
                    "recipient", Map.of("kind", "PERSON", "name", "Pat Rivers", "relationship", "sibling",
                            "phone", "+1-555-0110", "emergencyContactId", DemoData.id("ec." + enrolleeId)),
                    "purpose", "Stay in touch if the enrollee cannot be reached.",
                    "informationScope", "Whether the enrollee attends services and how to reach them.",
                    "includesSubstanceUseInformation", false,
                    "revocationRights", "You may revoke this consent in writing at any time, except where we "
                            + "already acted on it.",
                    "expiresOn", today.plusDays(20).toString(),
                    "signature", Map.of("signerName", "Crash Tester", "signedBy", "ENROLLEE"),
                    "signedOn", today.minusDays(1).toString())));
            consentIds.add(id);
        }

        private void addGoal(Client coach) throws Exception {
            String goalId = UUID.randomUUID().toString();
            JsonNode plan = coach.run("addGoal", Map.of("input", Map.of("planId", planId,
                    "expectedVersion", planVersion,
                    "goal", Map.of("id", goalId, "inOwnWords", "Call my sister weekly", "lifeDomain", "COMMUNITY_LIVING"))));
            planVersion = plan.at("/addGoal/plan/version").asInt();
            goalIds.add(goalId);
        }

        int signedUnits() {
            return signedUnits;
        }

        void assertAllPresent(Client coach, String when) throws Exception {
            JsonNode plan = coach.run("recoveryPlan", Map.of("enrolleeId", enrolleeId)).at("/recoveryPlan");
            assertThat(plan.at("/version").asInt()).as(when + ": plan version").isEqualTo(planVersion);
            assertThat(plan.at("/goals").valueStream().map(goal -> goal.at("/id").asString()).toList())
                    .as(when + ": goals").containsExactlyInAnyOrderElementsOf(goalIds);

            List<String> consents = coach.run("consents", Map.of("enrolleeId", enrolleeId)).at("/consents")
                    .valueStream().map(consent -> consent.at("/id").asString()).toList();
            assertThat(consents).as(when + ": consents").containsExactlyInAnyOrderElementsOf(consentIds);

            Map<String, String> stored = new HashMap<>();
            int billableUnits = 0;
            for (JsonNode edge : coach.run("enrolleeContacts", Map.of("enrolleeId", enrolleeId, "first", 100))
                    .at("/contacts/edges")) {
                JsonNode contact = edge.at("/node");
                stored.put(contact.at("/id").asString(), contact.at("/status").asString());
                if (contact.at("/status").asString().equals("SIGNED") && contact.at("/billing/billable").asBoolean()) {
                    billableUnits += contact.at("/billing/units").asInt();
                }
            }
            assertThat(stored).as(when + ": contacts and their status").isEqualTo(contacts);
            assertThat(billableUnits).as(when + ": units of signed contacts").isEqualTo(signedUnits);

            int ledger = 0;
            for (JsonNode authorization : coach.run("unitUsage", Map.of("enrolleeId", enrolleeId))
                    .at("/unitUsage/authorizations")) {
                ledger += authorization.at("/used").asInt();
            }
            assertThat(ledger).as(when + ": the unit ledger equals the units of the signed contacts")
                    .isEqualTo(billableUnits);
        }
    }

    /** The service as a separate JVM on the test's class path. */
    /** One app's GraphQL operations (mobile-contract/app/NAME.graphql) with a token. */
    private record Client(int port, String token, String app) {

        /** Runs the operation; its data, after asserting HTTP 200 without errors (the write was answered). */
        JsonNode run(String operation, Map<String, Object> variables) throws Exception {
            String document = Files.readString(Path.of("mobile-contract", app, operation + ".graphql"));
            String body = JSON.writeValueAsString(Map.of("query", document, "variables", variables));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            assertThat(response.statusCode()).as(operation + ": " + response.body()).isEqualTo(200);
            assertThat(answer.has("errors")).as(operation + ": " + response.body()).isFalse();
            return answer.at("/data");
        }
    }
}
