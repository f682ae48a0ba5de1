package org.peerpath.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.peerpath.PeerPathApplication;
import org.peerpath.ServiceProcess;
import org.peerpath.people.Enrollee;
import org.peerpath.people.Organization;
import org.peerpath.people.StaffMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerpath.demo.DemoData.id;

/**
 * The zero-setup default as a user meets it: the embedded database on disk. Data survives a restart, the demo
 * data is seeded once (a second start adds nothing and overwrites nothing), and a seeding cut short by a kill is
 * completed at the next start (issue 18, item 2), after which every demo login signs in and every screen of the
 * three apps has something to show (issue 14).
 */
class DemoModeRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The enrollee who signs in, by organization, as the README's table of demo logins names them. */
    private static final Map<String, String> SIGNED_IN_ENROLLEES = Map.of("mi", "Jordan Rivers", "in", "Skyler Reed",
            "tn", "Emery Walsh");

    /**
     * Screens opened without asking for content: enrollees get no notifications (every kind is a reminder to
     * staff; README, Push notifications).
     */
    private static final List<String> EMPTY_BY_DESIGN = List.of("enrollee/myNotifications");

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestartAndDemoDataIsSeededOnce() {
        String enrolleeId = id("enrollee.mi.0");
        try (ConfigurableApplicationContext first = start()) {
            MongoTemplate mongo = first.getBean(MongoTemplate.class);
            assertThat(mongo.count(new Query(), Organization.class)).isEqualTo(3);
            assertThat(mongo.count(new Query(), Enrollee.class)).isEqualTo(27);
            assertThat(mongo.count(Query.query(Criteria.where("organizationId").is(id("org.mi"))),
                    StaffMember.class)).isEqualTo(4);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(enrolleeId)),
                    Update.update("preferredName", "Changed before restart"), Enrollee.class);
        }
        try (ConfigurableApplicationContext second = start()) {
            MongoTemplate mongo = second.getBean(MongoTemplate.class);
            assertThat(mongo.count(new Query(), Organization.class)).isEqualTo(3);
            assertThat(mongo.count(new Query(), Enrollee.class)).isEqualTo(27);
            assertThat(mongo.findById(enrolleeId, Enrollee.class).preferredName()).isEqualTo("Changed before restart");
        }
    }

    /** The people only: the day's work has its own test, below. */
    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PeerPathApplication.class).run("--server.port=0",
                "--peerpath.data-dir=" + dataDir, "--peerpath.mongodb.uri=", "--logging.level.de.bwaldvogel=WARN",
                "--peerpath.demo-data.day-of-work=false");
    }

    @Test
    void aSeedingKilledHalfwayIsCompletedAtTheNextStartAndEveryScreenHasContent() throws Exception {
        Path data = dataDir.resolve("data");
        Path firstLog = dataDir.resolve("first.log");
        Process first = ServiceProcess.launch(data, firstLog);
        try {
            // Once the people of all three organizations are in, the day's work is being written: kill it there.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.readString(firstLog).contains("Seeded demo organization Cumberland")) {
                assertThat(first.isAlive()).as(Files.readString(firstLog)).isTrue();
                assertThat(System.nanoTime()).as("the people are seeded within 180 s").isLessThan(deadline);
                Thread.sleep(50);
            }
            Thread.sleep(1500);
        }
        finally {
            first.destroyForcibly().waitFor();
        }
        assertThat(Files.readString(firstLog)).as("killed before the day's work was complete")
                .doesNotContain("Seeded a day's work in demo organization Cumberland");

        // The sweep below signs in fifteen people and opens every screen at once: no per-address limit here.
        try (ServiceProcess service = ServiceProcess.start(data, dataDir.resolve("second.log"),
                "--peerpath.rate-limit.enabled=false")) {
            String log = Files.readString(dataDir.resolve("second.log"));
            assertThat(log).doesNotContain("is incomplete").contains(
                    "Seeded a day's work in demo organization Lakeshore",
                    "Seeded a day's work in demo organization Hoosier",
                    "Seeded a day's work in demo organization Cumberland");
            for (String login : DemoData.LOGINS) {
                // The administration console has no screen of its own for this; any staff member's "me" does.
                String app = login.startsWith("enrollee") ? "enrollee" : "supervisor";
                assertThat(client(service, login).data(app + "/me", Map.of()).at("/me/id").asString())
                        .as(login + " signs in").isNotBlank();
            }
            SoftAssertions softly = new SoftAssertions();
            for (String state : List.of("mi", "in", "tn")) {
                everyScreenHasContent(softly, service, state);
                countsAreRight(softly, service, state);
            }
            softly.assertAll();
        }
    }

    /** Every query of the coach, enrollee and supervisor apps, as the organization's demo logins see it. */
    private void everyScreenHasContent(SoftAssertions softly, ServiceProcess service, String state)
            throws Exception {
        Map<String, Map<String, Object>> screens = screens(state, service.now());
        List<String> queries = new ArrayList<>();
        for (String app : List.of("coach", "enrollee", "supervisor")) {
            try (Stream<Path> files = Files.list(Path.of("mobile-contract", app))) {
                files.filter(f -> readQuietly(f).replaceAll("(?m)^#.*$", "").stripLeading().startsWith("query"))
                        .map(f -> app + "/" + f.getFileName().toString().replace(".graphql", ""))
                        .forEach(queries::add);
            }
        }
        softly.assertThat(new TreeSet<>(screens.keySet())).as("a demo screen for every query of the apps")
                .isEqualTo(new TreeSet<>(queries));
        for (String query : queries) {
            String app = query.substring(0, query.indexOf('/'));
            String login = app.equals("coach") ? "coach." + state : app + "." + state;
            JsonNode data;
            try {
                data = client(service, login).data(query, screens.get(query));
            }
            catch (AssertionError refused) {
                softly.fail(state + " " + query + ": " + refused.getMessage());
                continue;
            }
            if (EMPTY_BY_DESIGN.contains(query)) {
                continue;
            }
            for (var field : data.properties()) {
                JsonNode value = field.getValue();
                String what = state + " " + query + " " + field.getKey() + ": " + value;
                softly.assertThat(value.isNull()).as(what).isFalse();
                if (value.isArray()) {
                    softly.assertThat(value.size()).as(what).isPositive();
                }
                if (value.has("edges")) {
                    softly.assertThat(value.get("edges").size()).as(what).isPositive();
                }
            }
        }
    }

    /** The seeded records, counted through the apps: exactly as many as the day's work writes, once. */
    private void countsAreRight(SoftAssertions softly, ServiceProcess service, String state) throws Exception {
        Client coach = client(service, "coach." + state);
        Client supervisor = client(service, "supervisor." + state);
        Client enrollee = client(service, "enrollee." + state);
        String jordan = id("enrollee." + state + ".0");
        // coach.<state>'s caseload: enrollees 0, 1, 2, 3, 4 (discharged) and 8, seen 11, 6, 4, 4, 4 and 3 times,
        // Dana's call that closed her outreach task, and the attendees of two group sessions (3 and 2).
        softly.assertThat(coach.data("coach/myContacts", Map.of("first", 100)).at("/myContacts/edges").size())
                .isEqualTo(38);
        softly.assertThat(coach.data("coach/groupSession", Map.of("id", id("group." + state + ".0")))
                .at("/groupSession/attendees").size()).isEqualTo(3);
        softly.assertThat(coach.data("coach/draftsAwaitingSignature", Map.of()).at("/draftsAwaitingSignature").size())
                .isEqualTo(2);
        softly.assertThat(supervisor.data("supervisor/organizationEnrollees", Map.of("first", 50))
                .at("/enrollees/edges").size()).isEqualTo(9);
        JsonNode consents = coach.data("coach/consents", Map.of("enrolleeId", jordan)).at("/consents");
        softly.assertThat(consents.findValuesAsString("status")).containsExactlyInAnyOrder("ACTIVE", "ACTIVE", "REVOKED");
        // Three recorded by the coach, and the one the collateral call to the consented sibling made by itself.
        softly.assertThat(enrollee.data("enrollee/myDisclosures", Map.of()).at("/myDisclosures").size()).isEqualTo(4);
        JsonNode plan = enrollee.data("enrollee/myRecoveryPlan", Map.of()).at("/myRecoveryPlan");
        softly.assertThat(plan.at("/goals").size()).isEqualTo(3);
        softly.assertThat(plan.at("/goals").findValues("reflections").stream().mapToInt(JsonNode::size).sum()).isEqualTo(3);
        softly.assertThat(plan.at("/acknowledgements").size()).isEqualTo(1);
        // Michigan: the associate's four recent notes and Dana's collateral contact; elsewhere Dana's only.
        softly.assertThat(supervisor.data("supervisor/reviewQueue", Map.of("first", 50)).at("/reviewQueue/edges").size())
                .isEqualTo(state.equals("mi") ? 5 : 1);
        softly.assertThat(coach.data("coach/returnedToMe", Map.of("first", 50)).at("/returnedToMe/edges").size())
                .isEqualTo(1);
        JsonNode morgan = coach.data("coach/outreachTask", Map.of("id", id("outreach." + state + ".morgan")))
                .at("/outreachTask");
        softly.assertThat(morgan.at("/status").asString()).isEqualTo("OPEN");
        softly.assertThat(morgan.at("/attempts").size()).isEqualTo(2);
        softly.assertThat(coach.data("coach/outreachTask", Map.of("id", id("outreach." + state + ".dana")))
                .at("/outreachTask/outcome").asString()).isEqualTo("RE_ENGAGED");
        // Names as the README's table of demo logins has them.
        String name = SIGNED_IN_ENROLLEES.get(state);
        softly.assertThat(enrollee.data("enrollee/me", Map.of()).at("/me/displayName").asString()).isEqualTo(name);
        softly.assertThat(Files.readString(Path.of("README.md"))).contains("| `enrollee." + state + "` | enrollee " + name
                + ",");
    }

    /** The variables each screen is opened with, as the demo logins of {@code state} would open it. */
    private static Map<String, Map<String, Object>> screens(String state, Instant now) {
        String jordan = id("enrollee." + state + ".0");
        String consent = id("consent." + state + ".0.sibling");
        String task = id("outreach." + state + ".morgan");
        Map<String, Map<String, Object>> screens = new HashMap<>();
        Map<String, Object> enrollee = Map.of("enrolleeId", jordan);
        Map<String, Object> page = Map.of("first", 20);
        for (String app : List.of("coach", "supervisor")) {
            screens.put(app + "/consents", enrollee);
            screens.put(app + "/consentsExpiringSoon", Map.of());
            screens.put(app + "/disclosures", enrollee);
            screens.put(app + "/engagement", enrollee);
            screens.put(app + "/enrollee", Map.of("id", jordan));
            screens.put(app + "/enrolleeContacts", Map.of("enrolleeId", jordan, "first", 20));
            screens.put(app + "/groupSession", Map.of("id", id("group." + state + ".1")));
            screens.put(app + "/me", Map.of());
            screens.put(app + "/myDevices", Map.of());
            screens.put(app + "/myNotifications", page);
            screens.put(app + "/outreachTask", Map.of("id", task));
            screens.put(app + "/plansDueForReview", page);
            screens.put(app + "/recoveryPlan", enrollee);
            screens.put(app + "/recoveryPlanHistory", Map.of("enrolleeId", jordan, "first", 20));
            screens.put(app + "/unitUsage", enrollee);
        }
        screens.put("coach/caseload", page);
        screens.put("coach/clientDetail", enrollee);
        screens.put("coach/consentStatus", Map.of("consentId", consent));
        screens.put("coach/contact", Map.of("id", id("contact." + state + ".0.0")));
        screens.put("coach/draftsAwaitingSignature", Map.of());
        screens.put("coach/emergencyContactConsents", enrollee);
        screens.put("coach/mayContact", Map.of("enrolleeId", jordan, "emergencyContactId", id("ec." + jordan)));
        screens.put("coach/myAtRiskClients", Map.of());
        screens.put("coach/myContacts", page);
        screens.put("coach/myOutreachTasks", Map.of());
        screens.put("coach/myOutreachToday", Map.of());
        screens.put("coach/myUnitsThisMonth", Map.of());
        screens.put("coach/returnedToMe", page);
        Instant start = now.minusSeconds(3 * 3600);
        screens.put("coach/previewContactBilling", Map.of("input", Map.of("id", "preview", "enrolleeId", jordan,
                "type", "FACE_TO_FACE", "start", start.toString(), "end", start.plusSeconds(2700).toString(),
                "placeOfService", "COMMUNITY", "activities", List.of("RECOVERY_PLANNING"),
                "supportTypes", List.of("EMOTIONAL"), "narrative", "Preview")));
        screens.put("enrollee/consentStatus", Map.of("consentId", consent));
        screens.put("enrollee/me", Map.of());
        screens.put("enrollee/myConsents", Map.of());
        screens.put("enrollee/myContactHistory", page);
        screens.put("enrollee/myDevices", Map.of());
        screens.put("enrollee/myDisclosures", Map.of());
        screens.put("enrollee/myNotifications", page);
        screens.put("enrollee/myRecoveryPlan", Map.of());
        screens.put("supervisor/auditEvents", Map.of("enrolleeId", jordan, "first", 20));
        screens.put("supervisor/organizationEnrollees", page);
        screens.put("supervisor/reviewQueue", page);
        screens.put("supervisor/supervisorDashboard", Map.of());
        screens.put("supervisor/team", page);
        screens.put("coach/mySupervisionSessions", page);
        screens.put("supervisor/supervisionFrequency", Map.of());
        screens.put("supervisor/supervisionSessions", page);
        screens.put("supervisor/supervisorQueues", page);
        return screens;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private final Map<String, String> tokens = new HashMap<>();

    private Client client(ServiceProcess service, String login) throws Exception {
        String token = tokens.get(login);
        if (token == null) {
            token = service.signIn(login);
            tokens.put(login, token);
        }
        return new Client(service.port(), token);
    }

    /** The apps' operations over HTTP with a demo token. */
    private record Client(int port, String token) {

        /** Runs mobile-contract/{@code operation}.graphql; its data, after asserting it answered without errors. */
        JsonNode data(String operation, Map<String, Object> variables) throws Exception {
            String document = Files.readString(Path.of("mobile-contract", operation + ".graphql"));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", document,
                            "variables", variables)))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            assertThat(response.statusCode()).as(operation + ": " + response.body()).isEqualTo(200);
            assertThat(answer.has("errors")).as(operation + ": " + response.body()).isFalse();
            return answer.get("data");
        }
    }
}
