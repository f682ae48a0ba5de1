package org.peerpath.database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 19, "Chunk N not found", reproduced step by step on a durable file store: a full scan (here: the walk the
 * backend's {@code H2Collection} does over a collection's map, held half way) while writes through the driver
 * commit and a compaction runs. The scan reads the version it began on; H2 frees the chunks that version's
 * unread pages live in once five newer versions exist, unless the reader registered its version, which every
 * command does ({@link DurableH2Backend#atOneVersion}).
 *
 * <p>H2 keeps a freed chunk for at least its retention time (45 s from the chunk's writing) before it drops it;
 * on a store in service the chunks a scan reads are far older than that, so the tests set it to zero rather than
 * wait.
 */
class EmbeddedStoreScanTest {

    private static final int CONTACTS = 1_000;

    @TempDir
    Path dir;

    private DurableH2Backend store;

    private MongoServer server;

    private MongoClient client;

    private MongoCollection<Document> contacts;

    @BeforeEach
    void bulkLoaded() {
        open();
        store.store().setRetentionTime(0);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            batch.add(new Document("_id", "c-%05d".formatted(i)).append("narrative", "x".repeat(400)).append("v", 1));
            if (batch.size() == 100) {
                contacts.insertMany(batch);
                batch.clear();
            }
        }
    }

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aReaderWhoseVersionIsNotRegisteredLosesTheChunksItHasNotReadYet() {
        Iterator<Object> scan = contactsMap().values().iterator();
        for (int i = 0; i < CONTACTS / 4; i++) {
            scan.next();
        }

        writesAndACompactionCommitMeanwhile();

        // The cause, shown on H2 itself: without the registration below, a scan fails like the issue's.
        assertThatThrownBy(() -> scan.forEachRemaining(document -> { }))
                .isInstanceOf(MVStoreException.class)
                .hasMessageMatching("Chunk \\d+ not found.*");
    }

    @Test
    void aCommandsScanReadsItsWholeVersionWhileWritesCommitAndTheStoreRestarts() {
        List<Object> seen = store.atOneVersion(() -> {
            List<Object> read = new ArrayList<>();
            Iterator<Object> scan = contactsMap().values().iterator();
            for (int i = 0; i < CONTACTS / 4; i++) {
                read.add(scan.next());
            }
            writesAndACompactionCommitMeanwhile();
            scan.forEachRemaining(read::add);
            return read;
        });

        // Every contact of the version the scan began on, each once, none of the writes made meanwhile.
        List<Object> ids = seen.stream().<Object>map(document -> ((Map<?, ?>) document).get("_id")).toList();
        assertThat(ids).isEqualTo(IntStream.range(0, CONTACTS).mapToObj("c-%05d"::formatted).toList());
        // Once the scan is done H2 may free what it held; the newest version reads whole, before and after a restart.
        contacts.insertOne(new Document("_id", "after"));
        assertThat(contacts.countDocuments(Filters.eq("v", 2))).isEqualTo(CONTACTS - CONTACTS / 4);
        close();
        open();
        assertThat(contacts.countDocuments(Filters.eq("v", 2))).isEqualTo(CONTACTS - CONTACTS / 4);
        assertThat(contacts.countDocuments()).isEqualTo(CONTACTS + 1);
    }

    /**
     * What the service does while a long read runs: coaches' writes, each committed and forced to disk, and the
     * backend's compaction. Here every page the scan has not read yet is rewritten, so the chunks it needs are dead
     * in the newest version.
     */
    private void writesAndACompactionCommitMeanwhile() {
        contacts.updateMany(Filters.gte("_id", "c-%05d".formatted(CONTACTS / 4)), Updates.set("v", 2));
        store.compact();
        for (int i = 0; i < 10; i++) {
            contacts.insertOne(new Document("_id", "meanwhile-" + i));
        }
        contacts.deleteMany(Filters.regex("_id", "^meanwhile-"));
    }

    @SuppressWarnings("unchecked")
    private MVMap<Object, Object> contactsMap() {
        return store.store().openMap("databases.peerpath.contacts");
    }

    private void open() {
        store = DurableH2Backend.open(dir.resolve("peerpath.mv"));
        server = new MongoServer(store);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        contacts = client.getDatabase("peerpath").getCollection("contacts");
    }
}
