package org.peerpath.database;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup command on a real file store, with writes arriving while it runs: the copy opens, and holds every
 * write acknowledged before the backup was asked for.
 */
class EmbeddedStoreBackupTest {

    private static final Clock AT = Clock.fixed(Instant.parse("2026-12-02T15:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aBackupTakenDuringWritesOpensAndHoldsEveryEarlierWrite() throws Exception {
        DurableH2Backend store = DurableH2Backend.open(dir.resolve("peerpath.mv"));
        MongoServer server = new MongoServer(store);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger during = new AtomicInteger();
        WebEndpointResponse<Map<String, Object>> answer;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> contacts = client.getDatabase("peerpath").getCollection("contacts");
            for (int i = 0; i < 200; i++) {
                contacts.insertOne(new Document("_id", "before-" + i).append("narrative", "x".repeat(500)));
            }
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    contacts.insertOne(new Document("_id", "during-" + during.getAndIncrement()));
                }
            });
            writer.start();
            answer = new EmbeddedStoreBackup(beanProvider(store), dir.resolve("backups"), AT).backup();
            writing.set(false);
            writer.join();
        }
        finally {
            server.shutdownNow();
        }
        assertThat(answer.getStatus()).isEqualTo(200);
        Path copy = Path.of((String) answer.getBody().get("file"));
        assertThat(copy).isEqualTo(dir.resolve("backups/peerpath-20261202T150000Z.mv").toAbsolutePath());
        assertThat((Long) answer.getBody().get("bytes")).isPositive();

        MongoServer restored = new MongoServer(DurableH2Backend.open(copy));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + restored.bind().getPort())) {
            MongoCollection<Document> contacts = client.getDatabase("peerpath").getCollection("contacts");
            for (int i = 0; i < 200; i++) {
                assertThat(contacts.find(new Document("_id", "before-" + i)).first()).as("before-" + i).isNotNull();
            }
            assertThat(contacts.countDocuments()).isLessThanOrEqualTo(200L + during.get());
        }
        finally {
            restored.shutdownNow();
        }
    }

    private static ObjectProvider<H2Backend> beanProvider(H2Backend store) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("embeddedStore", store));
        return beans.getBeanProvider(H2Backend.class);
    }
}
