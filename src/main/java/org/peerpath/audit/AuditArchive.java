package org.peerpath.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.peerpath.audit.AuditEvent.Outcome;
import org.peerpath.database.DatabaseSettings;

/**
 * Audit retention on the embedded default (issue 19): events older than {@code peerpath.audit.archive.older-than}
 * leave the live store for gzip files of JSON lines on disk, {@code <directory>/<organization>/<yyyy-MM>/*.jsonl.gz}
 * by the month (UTC) of the event, and {@link AuditTrail} reads them back with the live ones. Events are kept,
 * only moved (HIPAA keeps them six years; 45 CFR 164.316(b)(2)).
 *
 * <p>Nothing is lost on a crash: a file is written beside its final name, forced to disk, renamed into place and
 * its directory forced too; then each enrollee's archived months are noted in the live store ({@value #INDEX}),
 * and only then are the events removed from the live store. A crash in between leaves an event in both places;
 * the next run archives it again (in another file), and the reader counts each event once. A file is never
 * rewritten.
 */
@Service
public class AuditArchive {

    private static final Logger LOG = LoggerFactory.getLogger(AuditArchive.class);

    /** Per enrollee: the months archived and whether an allowed access was among them. */
    static final String INDEX = "auditArchiveIndex";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Newest first, {@code _id} breaking ties: the order of {@code auditEvents}. */
    static final Comparator<AuditEvent> NEWEST_FIRST = Comparator.comparing(AuditEvent::at)
            .thenComparing(AuditEvent::id).reversed();

    private final MongoTemplate mongo;

    private final Clock clock;

    private final AuditArchiveSettings settings;

    private final Path directory;

    private final boolean active;

    AuditArchive(MongoTemplate mongo, Clock clock, AuditArchiveSettings settings, DatabaseSettings database) {
        this.mongo = mongo;
        this.clock = clock;
        this.settings = settings;
        this.directory = (settings.directory() != null ? settings.directory()
                : database.dataDir().resolve("audit-archive")).toAbsolutePath();
        this.active = settings.enabled() != null ? settings.enabled() : database.mongodb().uri().isBlank();
    }

    /** Whether this instance archives (the embedded default, unless set otherwise). */
    boolean active() {
        return active;
    }

    Path directory() {
        return directory;
    }

    /**
     * Moves every live event older than the configured age to the archive, a batch at a time; returns how many
     * moved. A batch that cannot be written stays in the live store, and the run stops there.
     */
    public long archiveOlderThanAge() {
        Instant before = clock.instant().minus(settings.olderThan());
        long moved = 0;
        while (true) {
            List<AuditEvent> batch = mongo.find(Query.query(Criteria.where("at").lt(before))
                    .with(Sort.by(Sort.Direction.ASC, "at", "_id")).limit(settings.batchSize()), AuditEvent.class);
            if (batch.isEmpty()) {
                break;
            }
            write(batch);
            index(batch);
            // Only now, with every file of the batch on disk and indexed: the batch is the first events in (at, _id)
            // order before the cutoff, so removing that range up to its last event removes exactly those (new events
            // carry the service's now, a year after the cutoff). A range, since the embedded server scans an $in
            // list once per document.
            AuditEvent last = batch.get(batch.size() - 1);
            mongo.remove(Query.query(new Criteria().andOperator(Criteria.where("at").lt(before),
                    new Criteria().orOperator(Criteria.where("at").lt(last.at()),
                            new Criteria().andOperator(Criteria.where("at").is(last.at()),
                                    Criteria.where("_id").lte(last.id()))))), AuditEvent.class);
            moved += batch.size();
            if (batch.size() < settings.batchSize()) {
                break;
            }
        }
        if (moved > 0) {
            LOG.info("Audit archive: {} event(s) older than {} moved to {}", moved, before, directory);
        }
        return moved;
    }

    /** Writes {@code events} to new files, one per organization and month, each durable before this returns. */
    void write(List<AuditEvent> events) {
        Map<Path, List<AuditEvent>> byMonth = events.stream().collect(Collectors.groupingBy(
                event -> organizationDirectory(event.organizationId()).resolve(month(event)),
                TreeMap::new, Collectors.toList()));
        byMonth.forEach(this::writeFile);
    }

    /**
     * Notes, per enrollee, the months the archive holds events of and whether one was an allowed access, so a
     * read opens only those months and {@link AuditTrail} still knows the enrollee: one command for the batch.
     */
    void index(List<AuditEvent> events) {
        Map<String, List<AuditEvent>> byEnrollee = events.stream().collect(Collectors.groupingBy(
                event -> indexId(event.organizationId(), event.enrolleeId()), TreeMap::new, Collectors.toList()));
        List<UpdateOneModel<org.bson.Document>> updates = new ArrayList<>();
        byEnrollee.forEach((id, ofEnrollee) -> {
            List<String> months = ofEnrollee.stream().map(AuditArchive::month).distinct().toList();
            List<Bson> changes = new ArrayList<>(List.of(
                    Updates.setOnInsert("organizationId", ofEnrollee.get(0).organizationId()),
                    Updates.setOnInsert("enrolleeId", ofEnrollee.get(0).enrolleeId()),
                    Updates.addEachToSet("months", months)));
            if (ofEnrollee.stream().anyMatch(event -> event.outcome() == Outcome.ALLOWED)) {
                changes.add(Updates.set("allowed", true));
            }
            updates.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(changes),
                    new UpdateOptions().upsert(true)));
        });
        mongo.getCollection(INDEX).bulkWrite(updates, new BulkWriteOptions().ordered(false));
    }

    private void writeFile(Path month, List<AuditEvent> events) {
        // Named by its first event and its contents: a second run over the same events never rewrites a file.
        String name = STAMP.format(events.get(0).at()) + "-" + digest(events) + ".jsonl.gz";
        Path target = month.resolve(name);
        Path partial = month.resolve(name + ".partial");
        try {
            createDirectories(month);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                GZIPOutputStream out = new GZIPOutputStream(Channels.newOutputStream(channel));
                for (AuditEvent event : events) {
                    out.write(JSON.writeValueAsBytes(line(event)));
                    out.write('\n');
                }
                out.finish();
                out.flush();
                channel.force(true);
                out.close();
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            force(month);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not write the audit archive file " + target, ex);
        }
    }

    /**
     * The archived events of one enrollee of {@code organizationId}, newest first, that come after {@code after}
     * in that order ({@code null}: from the newest), at most {@code limit}; months are read newest first and only
     * as far as needed.
     */
    List<AuditEvent> eventsOf(String organizationId, String enrolleeId, AuditEvent after, int limit) {
        Predicate<AuditEvent> wanted = event -> event.enrolleeId().equals(enrolleeId)
                && (after == null || NEWEST_FIRST.compare(event, after) > 0);
        Map<String, AuditEvent> found = new LinkedHashMap<>();
        for (String month : monthsOf(organizationId, enrolleeId)) {
            if (after != null && month.compareTo(month(after)) > 0) {
                continue;
            }
            read(organizationDirectory(organizationId).resolve(month), wanted, found);
            if (found.size() >= limit) {
                break;
            }
        }
        return found.values().stream().sorted(NEWEST_FIRST).limit(limit).toList();
    }

    /**
     * Whether an archived event of the enrollee may be newer than {@code at}: its newest archived month does not
     * end before. Usually not, since only old events are archived; when it does, a full page of live events still
     * gets the archive's merged in (events archived under a shorter age, or left live by a failed run).
     */
    boolean mayHoldNewerThan(String organizationId, String enrolleeId, Instant at) {
        List<String> months = monthsOf(organizationId, enrolleeId);
        return !months.isEmpty() && YearMonth.parse(months.get(0), MONTH).plusMonths(1).atDay(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(at);
    }

    /** Whether an archived event shows an allowed access to the enrollee's record within the organization. */
    boolean knownIn(String organizationId, String enrolleeId) {
        return mongo.getCollection(INDEX).countDocuments(Filters.and(Filters.eq("_id",
                indexId(organizationId, enrolleeId)), Filters.eq("allowed", true))) > 0;
    }

    /** The months the archive holds events of the enrollee in, newest first. */
    private List<String> monthsOf(String organizationId, String enrolleeId) {
        org.bson.Document entry = mongo.getCollection(INDEX).find(Filters.eq("_id",
                indexId(organizationId, enrolleeId))).first();
        if (entry == null) {
            return List.of();
        }
        return entry.getList("months", String.class).stream().sorted(Comparator.reverseOrder()).toList();
    }

    private static String indexId(String organizationId, String enrolleeId) {
        return organizationId + "/" + enrolleeId;
    }

    private static String month(AuditEvent event) {
        return MONTH.format(YearMonth.from(event.at().atZone(ZoneOffset.UTC)));
    }

    /** The organization's directory; its id is a directory name and nothing more (no separator, no ".."). */
    private Path organizationDirectory(String organizationId) {
        if (organizationId == null || !organizationId.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalStateException("Not an organization id the audit archive files under: " + organizationId);
        }
        return directory.resolve(organizationId);
    }

    private static void read(Path month, Predicate<AuditEvent> wanted, Map<String, AuditEvent> found) {
        List<Path> files;
        try (Stream<Path> listed = Files.list(month)) {
            files = listed.filter(file -> file.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        for (Path file : files) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                    AuditEvent event = event(JSON.readTree(text));
                    if (wanted.test(event)) {
                        found.putIfAbsent(event.id(), event);
                    }
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not read the audit archive file " + file, ex);
            }
        }
    }

    private static Map<String, Object> line(AuditEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", event.id());
        line.put("at", event.at().toString());
        line.put("organizationId", event.organizationId());
        line.put("actorId", event.actorId());
        line.put("actorRole", event.actorRole());
        line.put("operation", event.operation());
        line.put("enrolleeId", event.enrolleeId());
        line.put("outcome", event.outcome().name());
        if (event.detail() != null) {
            line.put("detail", event.detail());
        }
        return line;
    }

    private static AuditEvent event(JsonNode line) {
        return new AuditEvent(line.get("id").asString(), Instant.parse(line.get("at").asString()),
                line.get("organizationId").asString(), text(line, "actorId"), text(line, "actorRole"),
                line.get("operation").asString(), line.get("enrolleeId").asString(),
                Outcome.valueOf(line.get("outcome").asString()), text(line, "detail"));
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String digest(List<AuditEvent> events) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            events.forEach(event -> sha.update((event.id() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Creates the directories down to {@code dir}, forcing each new one's parent so the new entry survives too. */
    private static void createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path at = dir; at != null && !Files.isDirectory(at); at = at.getParent()) {
            missing.add(0, at);
        }
        for (Path created : missing) {
            Files.createDirectories(created);
            force(created.getParent());
        }
    }

    private static void force(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
