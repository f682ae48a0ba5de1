package org.peerpath.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester;

import org.peerpath.IntegrationTest;
import org.peerpath.audit.AuditEvent.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peerpath.demo.DemoData.id;

/**
 * Audit retention on the embedded default (issue 19): events older than the configured age (365 days) move to
 * gzip files under the data directory and leave the live store only once their file is on disk; a supervisor's
 * {@code auditEvents} still reads every event, live and archived, newest first and each once, page by page.
 */
class AuditArchiveIntegrationTest extends IntegrationTest {

    private static final String ORGANIZATION = id("org.mi");

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private AuditArchive archive;

    @Test
    void oldEventsMoveToFilesAndAreReadWithTheLiveOnesPageByPage() throws Exception {
        String enrollee = UUID.randomUUID().toString();
        Instant now = clock.instant();
        List<AuditEvent> old = events(ORGANIZATION, enrollee, now.minus(Duration.ofDays(400)), 7, Duration.ofDays(9));
        List<AuditEvent> recent = events(ORGANIZATION, enrollee, now.minus(Duration.ofDays(2)), 3, Duration.ofHours(5));
        mongo.insertAll(old);
        mongo.insertAll(recent);

        assertThat(archive.archiveOlderThanAge()).isGreaterThanOrEqualTo(old.size());

        assertThat(live(enrollee)).containsExactlyInAnyOrderElementsOf(ids(recent));
        Path organization = archive.directory().resolve(ORGANIZATION);
        try (Stream<Path> files = Files.walk(organization)) {
            assertThat(files.map(Path::toString).filter(name -> name.endsWith(".jsonl.gz")))
                    .as("gzip JSON lines by month").isNotEmpty();
        }
        List<AuditEvent> all = new ArrayList<>(old);
        all.addAll(recent);
        all.sort(AuditArchive.NEWEST_FIRST);
        assertThat(pagedTrail(enrollee, 3)).isEqualTo(ids(all));
    }

    @Test
    void anEnrolleeWhoseEveryEventIsArchivedIsStillFoundAndRead() {
        String enrollee = UUID.randomUUID().toString();
        List<AuditEvent> old = events(ORGANIZATION, enrollee, clock.instant().minus(Duration.ofDays(700)), 4,
                Duration.ofDays(40));
        mongo.insertAll(old);

        archive.archiveOlderThanAge();

        assertThat(live(enrollee)).isEmpty();
        assertThat(pagedTrail(enrollee, 100)).isEqualTo(ids(old.stream().sorted(AuditArchive.NEWEST_FIRST).toList()));
        // Every field comes back from the file as it was stored, the detail of a repair too.
        assertThat(archive.eventsOf(ORGANIZATION, enrollee, null, 100))
                .containsExactlyElementsOf(old.stream().sorted(AuditArchive.NEWEST_FIRST).toList());
    }

    @Test
    void anEventLeftInBothPlacesByACrashIsReadOnceAndTheNextRunLosesNothing() {
        String enrollee = UUID.randomUUID().toString();
        List<AuditEvent> old = events(ORGANIZATION, enrollee, clock.instant().minus(Duration.ofDays(500)), 5,
                Duration.ofDays(3));
        mongo.insertAll(old);
        List<String> expected = ids(old.stream().sorted(AuditArchive.NEWEST_FIRST).toList());

        archive.write(old); // the files are on disk; the crash comes before the live events are removed
        assertThat(live(enrollee)).hasSize(old.size());
        assertThat(pagedTrail(enrollee, 2)).isEqualTo(expected);

        archive.archiveOlderThanAge();
        assertThat(live(enrollee)).isEmpty();
        assertThat(pagedTrail(enrollee, 2)).isEqualTo(expected);
    }

    @Test
    void eventsWhoseFileCannotBeWrittenStayInTheLiveStore() throws Exception {
        String organization = UUID.randomUUID().toString();
        String enrollee = UUID.randomUUID().toString();
        mongo.insertAll(events(organization, enrollee, clock.instant().minus(Duration.ofDays(900)), 3,
                Duration.ofDays(1)));
        Files.createDirectories(archive.directory());
        Path blocked = Files.writeString(archive.directory().resolve(organization), "not a directory");
        try {
            assertThatThrownBy(archive::archiveOlderThanAge).hasMessageContaining("Could not write the audit archive");
            assertThat(live(enrollee)).hasSize(3);
        }
        finally {
            Files.delete(blocked);
        }
        archive.archiveOlderThanAge();
        assertThat(live(enrollee)).isEmpty();
    }

    /** {@code count} events of {@code enrollee}, the newest at {@code newest}, {@code apart} from each other. */
    private static List<AuditEvent> events(String organization, String enrollee, Instant newest, int count,
            Duration apart) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new AuditEvent(UUID.randomUUID().toString(), newest.minus(apart.multipliedBy(i)), organization,
                    id("coach.mi"), "COACH", "contact", enrollee, i % 2 == 0 ? Outcome.ALLOWED : Outcome.DENIED,
                    i == 0 ? "a repair, with what it did" : null));
        }
        return events;
    }

    /** The enrollee's events in the live store, but the supervisor's reads of the trail. */
    private List<String> live(String enrollee) {
        return mongo.find(Query.query(Criteria.where("enrolleeId").is(enrollee).and("operation").ne("auditEvents")),
                AuditEvent.class).stream().map(AuditEvent::id).toList();
    }

    /** Every event of the trail a supervisor pages through, {@code first} at a time, but the reads of it. */
    private List<String> pagedTrail(String enrollee, int first) {
        List<String> ids = new ArrayList<>();
        String after = null;
        while (true) {
            GraphQlTester.Response page = supervisor("supervisor.mi").documentName("auditEvents")
                    .variable("enrolleeId", enrollee).variable("first", first).variable("after", after).execute();
            List<Map<String, Object>> nodes = page.path("auditEvents.edges[*].node")
                    .entityList(new ParameterizedTypeReference<Map<String, Object>>() {
                    }).get();
            nodes.stream().filter(node -> !"auditEvents".equals(node.get("operation")))
                    .forEach(node -> ids.add((String) node.get("id")));
            if (!page.path("auditEvents.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                return ids;
            }
            after = page.path("auditEvents.pageInfo.endCursor").entity(String.class).get();
        }
    }

    private static List<String> ids(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::id).toList();
    }
}
