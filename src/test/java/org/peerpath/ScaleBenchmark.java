package org.peerpath;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.mongodb.client.MongoClient;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import org.peerpath.contacts.ActivitySummaryRepair;
import org.peerpath.contacts.EnrolleeActivity;
import org.peerpath.contacts.LedgerReconciliation;
import org.peerpath.contacts.ScaleContacts;
import org.peerpath.database.CommandCounter;
import org.peerpath.outreach.ScaleOutreach;
import org.peerpath.people.Administration;
import org.peerpath.people.AdministrationInputs.CreateOrganizationInput;
import org.peerpath.people.AdministrationInputs.CreateStaffMemberInput;
import org.peerpath.people.AdministrationInputs.FirstAdministratorInput;
import org.peerpath.people.Enrollee;
import org.peerpath.people.FundingSource;
import org.peerpath.people.ProgramStatus;
import org.peerpath.people.RulePack;
import org.peerpath.people.StaffRole;
import org.peerpath.people.SupervisorQualification;
import org.peerpath.reminders.ReminderJob;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * The scale benchmark (issue 16): one organization of N enrollees with 10 signed contacts each, seeded directly
 * through the repositories into the embedded default (a durable store in a temporary directory), with the
 * enrollees' activity summaries computed from those contacts as the rebuild would, then, per N:
 * <ul>
 * <li>the outreach job and the reminder job (a reminder day, then the month's end): time, database commands
 * ({@link CommandCounter}) and heap peak (the JVM's used heap sampled every 5 ms; the embedded server runs in the
 * same JVM, so its share is counted too);</li>
 * <li>the supervisor's dashboard over HTTP: time, commands and bytes of the answer;</li>
 * <li>a coach's caseload page of 50 over HTTP, next to the raw driver replaying the very commands that request
 * sent (recorded with a command listener; inserts get fresh ids), after a warm-up of both: median times, their
 * ratio, and how much of each was spent in the commands (the driver's elapsed time).</li>
 * </ul>
 * Coaches have 50 clients each and supervisors 10 coaches each ({@link #TEAM}); the supervisor and the coach who
 * sign in are the first of each. Not a JMH benchmark: each job figure is one run of a whole job at one size (the
 * dashboard and caseload are medians of requests), which is what the issue asks to compare across sizes. Run one N
 * per JVM:
 * {@code ./mvnw -Pscale-benchmark test-compile exec:exec -Dscale.enrollees=10000} (README, Benchmarks). At the end
 * it restarts the service on the store the run left behind; {@code -Dscale.enrollees=restart=DIR} does only that,
 * on the directory an earlier run printed (for instance one killed mid-run: a restart after a crash).
 */
public final class ScaleBenchmark {

    private static final ZoneId DETROIT = ZoneId.of("America/Detroit");

    private static final int CASELOAD = 50;

    /**
     * Coaches per supervisor (-Dscale.team, 10 by default). Each coach is supervised weekly (Michigan VIII), so a
     * supervisor's team is a few coaches whatever the organization's size; the dashboard's team queues (contacts
     * awaiting review, supervision overdue) read the signed-in supervisor's team. Until issue 16's last session the
     * seed gave one supervisor every coach (2,000 at N = 100,000), and those queues grew with N.
     */
    private static final int TEAM = Integer.getInteger("scale.team", 10);

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** The commands the driver starts while {@link #replaying} is on, whole, to replay them. */
    private static final List<Recorded> RECORDED = new CopyOnWriteArrayList<>();

    /** The commands started while {@link #recording} is on, by kind and collection (a job's are many: no copies). */
    private static final Map<String, Long> KINDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static volatile boolean recording;

    private static volatile boolean replaying;

    /** Counts commands by kind while {@link #recording}, keeps them whole while {@link #replaying}. */
    private static final CommandListener LISTENER = new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (recording) {
                String name = event.getCommandName();
                // A getMore names its cursor first and its collection after.
                BsonValue target = event.getCommand().get(name.equals("getMore") ? "collection" : name);
                KINDS.merge(name + " " + (target != null && target.isString() ? target.asString().getValue()
                        : ""), 1L, Long::sum);
            }
            if (replaying) {
                RECORDED.add(new Recorded(event.getDatabaseName(), event.getCommand().clone()));
            }
        }

        @Override
        public void commandSucceeded(CommandSucceededEvent event) {
            ELAPSED.addAndGet(event.getElapsedTime(java.util.concurrent.TimeUnit.NANOSECONDS));
        }
    };

    /** Nanoseconds the driver measured for every command that succeeded, from start to reply. */
    private static final AtomicLong ELAPSED = new AtomicLong();

    private record Recorded(String database, BsonDocument command) {
    }

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("restart=")) {
            // Only the restart, on a store an earlier run (or a killed one) left behind: -Dscale.enrollees=restart=DIR
            restart(Path.of(args[0].substring("restart=".length())), LISTENER);
            System.exit(0);
        }
        int enrollees = Integer.parseInt(args.length > 0 ? args[0].replace(",", "").replace("_", "") : "1000");
        Path dir = Files.createTempDirectory("peerpath-scale");
        System.out.printf(Locale.ROOT, "%nScale benchmark: %,d enrollees x 10 contacts; %d cores, load average %.2f, "
                + "max heap %d MB, Java %s, data in %s%n", enrollees,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), dir);
        ConfigurableApplicationContext context = start(dir, LISTENER, false);
        try {
            run(context, enrollees, dir);
        }
        finally {
            context.close();
        }
        restart(dir, LISTENER);
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(0);
    }

    /**
     * The service on the store in {@code dir}. The measured run switches the scheduled reconciliation off: at :37
     * every hour it reads every contact, and its commands and heap would count against whichever job or request
     * it overlapped (it did at N = 20,000); it has a row of its own instead. The restart keeps it, as a real one.
     */
    private static ConfigurableApplicationContext start(Path dir, CommandListener listener, boolean reconciling) {
        return new SpringApplicationBuilder(PeerPathApplication.class)
                .initializers(ctx -> ((GenericApplicationContext) ctx).registerBean("scaleCommandRecorder",
                        MongoClientSettingsBuilderCustomizer.class,
                        () -> settings -> settings.addCommandListener(listener)))
                // Command-line arguments: they win over the service's application.properties.
                .run("--server.port=0", "--peerpath.data-dir=" + dir.resolve("data"), "--peerpath.demo=true",
                        "--peerpath.outreach.schedule.enabled=false", "--peerpath.reminders.scheduling.enabled=false",
                        "--peerpath.firebase.enabled=false", "--peerpath.rate-limit.enabled=false",
                        "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                        "--peerpath.reconciliation.schedule.enabled=" + reconciling);
    }

    /**
     * Issue 19: the service restarts on the store the run left behind within a minute. Measures the whole start
     * (opening the data file, declaring indexes, start-up repairs, the web server) and the first dashboard answer.
     */
    private static void restart(Path dir, CommandListener listener) throws Exception {
        Path file = dir.resolve("data").resolve("peerpath.mv");
        long bytes = Files.size(file);
        long start = System.nanoTime();
        // -Dscale.reconcileOnStart=false: a restart without the start-up repair, to count the dashboard's own
        // commands on a store an earlier run left (the repair's would be counted with them).
        boolean reconciling = !"false".equals(System.getProperty("scale.reconcileOnStart"));
        ConfigurableApplicationContext context = start(dir, listener, reconciling);
        try {
            double started = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "| restart on the store (%,.1f MB) | started in %.1f s |%n",
                    bytes / 1048576.0, started);
            String port = context.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            String body = body(Path.of("mobile-contract/supervisor/supervisorDashboard.graphql"), "{}");
            String token = token(http, port, "scale.supervisor");
            KINDS.clear();
            long commands = CommandCounter.started();
            recording = true;
            long asked = System.nanoTime();
            String answer = post(http, port, token, body);
            long millis = (System.nanoTime() - asked) / 1_000_000;
            recording = false;
            commands = CommandCounter.started() - commands;
            if (!answer.contains("\"data\"") || answer.contains("\"errors\"")) {
                throw new IllegalStateException("The dashboard failed after the restart: " + answer);
            }
            System.out.printf(Locale.ROOT, "| first dashboard after the restart%s | %,d ms | %d commands (%s) | %,d bytes |%n",
                    reconciling ? " (the start-up repair running beside it)" : "", millis, commands, breakdown(),
                    answer.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            if (!reconciling) { // the caseload on a quiet service (the repair would run beside it)
                System.out.println(caseload(context, http, port, token(http, port, "scale.coach"), body(Path.of(
                        "mobile-contract/coach/caseload.graphql"), "{\"first\":" + CASELOAD + "}")));
            }
        }
        finally {
            context.close();
        }
    }

    private static void run(ConfigurableApplicationContext context, int n, Path dir) throws Exception {
        MongoTemplate mongo = context.getBean(MongoTemplate.class);
        Administration administration = context.getBean(Administration.class);
        String port = context.getEnvironment().getProperty("local.server.port");

        // ---- seed ----
        long seedStart = System.nanoTime();
        String organizationId = UUID.randomUUID().toString();
        String adminId = UUID.randomUUID().toString();
        Viewer admin = new Viewer(adminId, Role.ADMIN, organizationId, "Scale administrator");
        administration.createOrganization(admin, new CreateOrganizationInput(organizationId, "Scale agency",
                RulePack.MI, DETROIT.getId(), false, 14, 30, new FirstAdministratorInput(adminId, "Ada", "Admin",
                        "admin@scale.example", "scale.admin")));
        int coaches = Math.max(1, n / CASELOAD);
        List<String> coachIds = new ArrayList<>();
        String supervisorId = null;
        for (int c = 0; c < coaches; c++) {
            if (c % TEAM == 0) { // the first supervisor, of the first coach, signs in
                supervisorId = UUID.randomUUID().toString();
                administration.createStaffMember(admin, new CreateStaffMemberInput(supervisorId, "Sam",
                        "Supervisor" + c / TEAM, StaffRole.SUPERVISOR, null, c == 0 ? "scale.supervisor" : null,
                        null, SupervisorQualification.LICENSED_PROFESSIONAL));
            }
            String coachId = UUID.randomUUID().toString();
            administration.createStaffMember(admin, new CreateStaffMemberInput(coachId, "Casey", "Coach" + c,
                    StaffRole.RECOVERY_COACH, null, c == 0 ? "scale.coach" : null, supervisorId, null));
            coachIds.add(coachId);
        }
        Clock clock = context.getBean(Clock.class);
        EnrolleeActivity activity = context.getBean(EnrolleeActivity.class);
        LocalDate today = LocalDate.now(clock.withZone(DETROIT));
        Instant now = clock.instant();
        TimeOrderedIds ids = new TimeOrderedIds(now);
        List<Enrollee> enrolleeBatch = new ArrayList<>();
        List<Object> contactBatch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = ids.next();
            String coachId = coachIds.get(Math.min(i / CASELOAD, coaches - 1));
            boolean standAlone = i % 2 == 0;
            String last = String.format(Locale.ROOT, "Scale%07d", i);
            enrolleeBatch.add(new Enrollee(id, organizationId, "Client", last, null, today.minusYears(30 + i % 30),
                    "MC" + i, List.of(FundingSource.MEDICAID), ProgramStatus.ENROLLED, today.minusYears(1), null,
                    standAlone, standAlone ? today.minusMonths(3) : null, coachId, List.of(), false, null, null,
                    (last + " client").toLowerCase(Locale.ROOT), ("client " + last + " mc" + i).toLowerCase(Locale.ROOT),
                    0, now, null));
            // One in five clients is lost (last contact 35 days ago or more); the others were seen recently.
            int firstDaysAgo = i % 5 == 0 ? 35 : 1;
            for (int k = 0; k < 10; k++) {
                contactBatch.add(ScaleContacts.signed(ids.next(), organizationId, id, coachId,
                        today.minusDays(firstDaysAgo + 9L * k), DETROIT, k % 2 == 0, now));
            }
            if (enrolleeBatch.size() == 1000 || i == n - 1) {
                mongo.insert(enrolleeBatch, Enrollee.class);
                mongo.insertAll(contactBatch);
                // The activity summaries the contact log would have kept (issue 16): the jobs read them.
                ScaleContacts.seedSummaries(mongo, activity, enrolleeBatch.stream().map(Enrollee::id).toList());
                enrolleeBatch.clear();
                contactBatch.clear();
            }
        }
        System.out.printf(Locale.ROOT, "seeded %,d enrollees, %,d contacts, %,d coaches in %.1f s; data file %,.1f MB%n",
                n, n * 10L, coaches, (System.nanoTime() - seedStart) / 1e9,
                Files.size(dir.resolve("data").resolve("peerpath.mv")) / 1048576.0);
        if (Boolean.getBoolean("scale.seedOnly")) {
            return;
        }

        // ---- jobs ----
        ReminderJob reminders = context.getBean(ReminderJob.class);
        ZonedDateTime thisMonth = today.withDayOfMonth(15).atTime(11, 0).atZone(DETROIT);
        List<String> rows = new ArrayList<>();
        rows.add(measure("outreach job", () -> ScaleOutreach.openTasks(context, now) + " tasks opened in all "
                + "organizations, " + mongo.count(Query.query(Criteria.where("organizationId").is(organizationId)),
                        "outreachTasks") + " in this one"));
        rows.add(measure("reminder job, day 15", () -> reminders.runFor(organizationId,
                thisMonth.toInstant()).clientsClaimed() + " clients claimed"));
        rows.add(measure("reminder job, month end", () -> reminders.runFor(organizationId, thisMonth
                .plusMonths(1).withDayOfMonth(1).toInstant()).clientsClaimed() + " clients claimed"));

        // ---- requests ----
        HttpClient http = HttpClient.newHttpClient();
        String supervisorToken = token(http, port, "scale.supervisor");
        String coachToken = token(http, port, "scale.coach");
        String dashboard = body(Path.of("mobile-contract/supervisor/supervisorDashboard.graphql"), "{}");
        String caseload = body(Path.of("mobile-contract/coach/caseload.graphql"), "{\"first\":" + CASELOAD + "}");

        long[] dashboardMillis = new long[n <= 1000 ? 3 : 1];
        long dashboardCommands = 0;
        int dashboardBytes = 0;
        String dashboardBreakdown = "";
        for (int i = 0; i < dashboardMillis.length; i++) {
            KINDS.clear();
            long commands = CommandCounter.started();
            recording = true;
            long start = System.nanoTime();
            String answer = post(http, port, supervisorToken, dashboard);
            dashboardMillis[i] = (System.nanoTime() - start) / 1_000_000;
            recording = false;
            dashboardCommands = CommandCounter.started() - commands;
            if (!answer.contains("\"data\"") || answer.contains("\"errors\"")) {
                throw new IllegalStateException("The dashboard failed: " + answer);
            }
            dashboardBytes = answer.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            dashboardBreakdown = breakdown();
        }
        rows.add(String.format(Locale.ROOT, "| dashboard (median of %d) | %,d ms | %d commands (%s) | %,d bytes |",
                dashboardMillis.length, median(dashboardMillis), dashboardCommands, dashboardBreakdown,
                dashboardBytes));
        System.out.println(rows.get(rows.size() - 1));

        rows.add(caseload(context, http, port, coachToken, caseload));
        System.out.println(rows.get(rows.size() - 1));

        // Last: the hourly repair reads every contact, the heaviest run here.
        LedgerReconciliation ledgers = context.getBean(LedgerReconciliation.class);
        ActivitySummaryRepair summaries = context.getBean(ActivitySummaryRepair.class);
        rows.add(measure("reconciliation (unit ledgers, activity summaries)", () -> ledgers.reconcileEverywhere()
                .size() + " ledgers and " + summaries.rebuildEverywhere().size() + " summaries repaired"));

        System.out.printf(Locale.ROOT, "%n| N = %,d | time | commands | heap peak / other |%n|---|---|---|---|%n", n);
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "(load average now %.2f)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * A coach's caseload page of 50 over HTTP next to the raw driver replaying the very commands that request sent,
     * alternating, median of each. Also the time the database took for those commands in each (the driver's own
     * elapsed time per command), so the difference is split between the service's own work and its commands.
     */
    private static String caseload(ConfigurableApplicationContext context, HttpClient http, String port,
            String coachToken, String caseload) throws Exception {
        post(http, port, coachToken, caseload); // the first request: tokens, caches
        RECORDED.clear();
        long caseloadCommands = CommandCounter.started();
        replaying = true;
        String page = post(http, port, coachToken, caseload);
        replaying = false;
        caseloadCommands = CommandCounter.started() - caseloadCommands;
        if (!page.contains("\"edges\"") || page.contains("\"errors\"")) {
            throw new IllegalStateException("The caseload request failed: " + page);
        }
        List<Recorded> commands = List.copyOf(RECORDED);
        // Warm-up, both sides, as JMH would: the service's path (Tomcat, security, GraphQL, JSON, mapping) is far
        // longer than the driver's and needs many more runs before the JIT has compiled it; with five the median
        // counted compilation on a two-core machine. -Dscale.caseloadWarmup sets the number.
        MongoClient client = context.getBean(MongoClient.class);
        for (int i = 0; i < Integer.getInteger("scale.caseloadWarmup", 300); i++) {
            post(http, port, coachToken, caseload);
            for (Recorded command : commands) {
                client.getDatabase(command.database()).runCommand(replayable(command.command()));
            }
        }
        // More rounds (-Dscale.caseloadRounds) to profile the request; 21 are enough for the median.
        int rounds = Integer.getInteger("scale.caseloadRounds", 21);
        long[] serviceNanos = new long[rounds];
        long[] rawNanos = new long[rounds];
        long[] serviceInCommands = new long[rounds];
        long[] rawInCommands = new long[rounds];
        for (int i = 0; i < serviceNanos.length; i++) {
            long elapsed = ELAPSED.get();
            long start = System.nanoTime();
            post(http, port, coachToken, caseload);
            serviceNanos[i] = System.nanoTime() - start;
            serviceInCommands[i] = ELAPSED.get() - elapsed;
            elapsed = ELAPSED.get();
            start = System.nanoTime();
            for (Recorded command : commands) {
                client.getDatabase(command.database()).runCommand(replayable(command.command()));
            }
            rawNanos[i] = System.nanoTime() - start;
            rawInCommands[i] = ELAPSED.get() - elapsed;
        }
        // The HTTP round trip alone, for scale: the liveness probe (no token, no database) and an empty query.
        String typename = "{\"query\":\"{ __typename }\"}";
        long[] probeNanos = new long[rounds];
        long[] emptyNanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            HttpResponse<String> probe = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/actuator/health/liveness")).GET().build(), HttpResponse.BodyHandlers.ofString());
            probeNanos[i] = System.nanoTime() - start;
            if (probe.statusCode() != 200) {
                throw new IllegalStateException("The liveness probe answered " + probe.statusCode());
            }
            start = System.nanoTime();
            post(http, port, coachToken, typename);
            emptyNanos[i] = System.nanoTime() - start;
        }
        System.out.printf(Locale.ROOT, "HTTP alone (median of %d): liveness probe %.1f ms; { __typename } with the "
                + "coach's token %.1f ms%n", rounds, median(probeNanos) / 1e6, median(emptyNanos) / 1e6);
        double service = median(serviceNanos) / 1e6;
        double raw = median(rawNanos) / 1e6;
        return String.format(Locale.ROOT, "| caseload page of %d (median of %d) | %.1f ms | %d commands (%s) | "
                + "raw driver, same commands: %.1f ms; ratio %.2f; in the commands: service %.1f ms, raw %.1f ms |",
                CASELOAD, rounds, service, caseloadCommands, String.join(", ", commands.stream()
                        .map(c -> c.command().getFirstKey() + " " + collection(c)).toList()), raw, service / raw,
                median(serviceInCommands) / 1e6, median(rawInCommands) / 1e6);
    }

    /**
     * Seeded ids in the order they are made: UUIDs of version 7 (RFC 9562), a millisecond apart from {@code start},
     * as a client that makes its ids from the time would send them. Why not random UUIDs: the embedded store commits
     * every command as new copies of the B-tree pages it changed (no write-ahead log), so a bulk insert of 10,000
     * random keys rewrites nearly every page of each collection and index it touches, and seeding grows as N
     * squared: at N = 100,000 the file passed 10 GB, nine parts in ten dead, before a quarter of the contacts were
     * in. Ordered keys append at the right edge of each tree. The service never bulk-loads the embedded default
     * (clients create records a few at a time; a move goes out to MongoDB), so only the seed pays this.
     */
    private static final class TimeOrderedIds {

        private final java.util.Random random = new java.util.Random(16);

        private long millis;

        TimeOrderedIds(Instant start) {
            this.millis = start.toEpochMilli();
        }

        String next() {
            long mostSignificant = (millis++ << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
            long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(mostSignificant, leastSignificant).toString();
        }
    }

    /** Runs a job once: time, commands, and the highest used heap sampled meanwhile (after a GC beforehand). */
    private static String measure(String name, Supplier<String> job) throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        long before = MEMORY.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long commands = CommandCounter.started();
        KINDS.clear();
        recording = true;
        long start = System.nanoTime();
        String outcome;
        try {
            outcome = job.get();
        }
        catch (RuntimeException ex) {
            outcome = "FAILED: " + ex;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        recording = false;
        commands = CommandCounter.started() - commands;
        outcome += "; " + breakdown();
        sampler.interrupt();
        sampler.join();
        String row = String.format(Locale.ROOT, "| %s | %,d ms | %,d commands | heap peak %,d MB (%,d MB before); "
                + "%s |", name, millis, commands, peak.get() >> 20, before >> 20, outcome);
        System.out.println(row);
        return row;
    }

    /** The recorded command as the raw driver sends it again: no session, and fresh ids for what it inserts. */
    private static BsonDocument replayable(BsonDocument recorded) {
        // The recorded document is the driver's immutable raw BSON: a mutable copy, types kept (extended JSON).
        BsonDocument command = BsonDocument.parse(recorded.toJson(JsonWriterSettings.builder()
                .outputMode(JsonMode.EXTENDED).build()));
        for (String key : List.of("lsid", "$db", "$clusterTime", "$readPreference", "txnNumber")) {
            command.remove(key);
        }
        if (command.getFirstKey().equals("insert") && command.containsKey("documents")) {
            BsonArray documents = new BsonArray();
            for (BsonValue document : command.getArray("documents")) {
                BsonDocument copy = document.asDocument();
                copy.put("_id", new BsonString(UUID.randomUUID().toString()));
                documents.add(copy);
            }
            command.put("documents", documents);
        }
        return command;
    }

    /** The commands {@link #recording} saw, by kind and collection, most frequent first. */
    private static String breakdown() {
        return String.join(", ", KINDS.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getValue() + " " + e.getKey()).toList());
    }

    private static String collection(Recorded recorded) {
        BsonValue target = recorded.command().get(recorded.command().getFirstKey());
        return target != null && target.isString() ? target.asString().getValue() : "";
    }

    private static String token(HttpClient http, String port, String login) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/auth/demo-token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + login + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Demo sign-in failed for " + login + ": " + response.body());
        }
        return response.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static String body(Path document, String variables) throws Exception {
        String query = Files.readString(document).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "{\"query\":\"" + query + "\",\"variables\":" + variables + "}";
    }

    private static String post(HttpClient http, String port, String token, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/graphql")).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
