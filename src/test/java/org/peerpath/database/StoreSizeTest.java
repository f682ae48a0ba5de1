package org.peerpath.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.Info;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stated limit on a real durable file store, with a small configured limit: the gauges and the info report
 * the file's size and each collection's documents; below 80 % of the limit nothing is logged, at 80 % one WARN
 * line naming the file, the size and the way up, repeated at most once a day of the service's clock.
 */
class StoreSizeTest {

    @TempDir
    Path dir;

    private MongoServer server;

    private MongoClient client;

    private Path file;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T15:00:00Z"));

    @BeforeEach
    void store() {
        file = dir.resolve("peerpath.mv");
        server = new MongoServer(DurableH2Backend.open(file));
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        MongoDatabase db = client.getDatabase("peerpath");
        for (int i = 0; i < 300; i++) {
            db.getCollection("contacts").insertOne(new Document("_id", "c-" + i).append("narrative", "x".repeat(200)));
        }
        db.getCollection("enrollees").insertOne(new Document("_id", "e-1"));
        logged.start();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(StoreSize.class)).addAppender(logged);
    }

    @AfterEach
    void close() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(StoreSize.class)).detachAppender(logged);
        client.close();
        server.shutdownNow();
    }

    @Test
    void belowEightyPercentTheSizeAndCountsAreReportedAndNothingIsLogged() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long size = Files.size(file);
        StoreSize storeSize = new StoreSize(() -> client.getDatabase("peerpath"), file, size * 2, registry, clock);

        storeSize.measure();

        assertThat(registry.get("peerpath.store.bytes").gauge().value()).isEqualTo(size);
        assertThat(registry.get("peerpath.store.supported.bytes").gauge().value()).isEqualTo(size * 2);
        assertThat(registry.get("peerpath.store.documents").tag("collection", "contacts").gauge().value())
                .isEqualTo(300);
        assertThat(registry.get("peerpath.store.documents").tag("collection", "enrollees").gauge().value())
                .isEqualTo(1);
        Map<String, Object> info = info(storeSize);
        assertThat(info).containsEntry("mode", "embedded").containsEntry("bytes", size)
                .containsEntry("supportedBytes", size * 2).containsEntry("percentOfSupported", 50L)
                .containsEntry("warning", false)
                .containsEntry("documents", Map.of("contacts", 300L, "enrollees", 1L));
        assertThat(warnings()).isEmpty();
    }

    @Test
    void atEightyPercentOneWarningADay() throws Exception {
        long size = Files.size(file);
        long limit = (long) Math.floor(size / StoreSize.WARN_AT);
        StoreSize storeSize = new StoreSize(() -> client.getDatabase("peerpath"), file, limit,
                new SimpleMeterRegistry(), clock);

        storeSize.measure();
        assertThat(warnings()).singleElement().asString()
                .contains("The embedded database file " + file).contains("80 % of the")
                .contains("peerpath.embedded-mongo.supported-size").contains("README, Moving to MongoDB");
        assertThat(info(storeSize)).containsEntry("warning", true).containsEntry("percentOfSupported", 80L);

        clock.advance(Duration.ofHours(23));
        storeSize.measure();
        assertThat(warnings()).hasSize(1);

        clock.advance(Duration.ofHours(1));
        storeSize.measure();
        assertThat(warnings()).hasSize(2);
    }

    @Test
    void onMongoDbOnlyTheCountsAreReported() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StoreSize storeSize = new StoreSize(() -> client.getDatabase("peerpath"), null, 1, registry, clock);

        storeSize.measure();

        assertThat(registry.find("peerpath.store.bytes").gauge()).isNull();
        assertThat(info(storeSize)).doesNotContainKey("bytes").containsEntry("documents",
                Map.of("contacts", 300L, "enrollees", 1L));
        assertThat(warnings()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> info(StoreSize storeSize) {
        Info.Builder builder = new Info.Builder();
        storeSize.contribute(builder);
        return (Map<String, Object>) builder.build().get("store");
    }

    private List<String> warnings() {
        return logged.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
