package org.peerpath.database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The embedded store's secondary indexes as the service uses them (issue 16): a job's keyset page reads about a
 * page of documents, not the collection; indexes survive a restart of a file store and agree with the documents;
 * a store written before these indexes gets them built when it opens; unique and secondary indexes together.
 * Counts of documents examined, never times.
 */
class EmbeddedIndexStoreTest {

    private static final int CONTACTS = 20_000;

    private static final int PAGE = 500;

    @TempDir
    Path dir;

    private H2Backend backend;

    private MongoServer server;

    private MongoClient client;

    private MongoCollection<Document> contacts;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
            server.shutdownNow();
        }
    }

    private void start(H2Backend store) {
        backend = store;
        server = new MongoServer(store);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        contacts = client.getDatabase("peerpath").getCollection("contacts");
    }

    private void stop() {
        client.close();
        server.shutdownNow();
        client = null;
    }

    private long examined() {
        return ((IndexedH2Backend.IndexedCollection) backend.resolveDatabase("peerpath")
                .resolveCollection("contacts", true)).documentsExamined();
    }

    /** Two organizations' contacts, interleaved in id order. */
    private void seed(int count) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(new Document("_id", "c-%06d".formatted(i)).append("organizationId", i % 2 == 0 ? "A" : "B")
                    .append("enrolleeId", "e-" + i / 10).append("minutes", i % 60));
            if (batch.size() == 1_000) {
                contacts.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            contacts.insertMany(batch);
        }
    }

    private List<Object> page(Bson filter, Bson sort, int limit) {
        List<Object> ids = new ArrayList<>();
        contacts.find(filter).sort(sort).limit(limit).forEach(document -> ids.add(document.get("_id")));
        return ids;
    }

    @Test
    void aKeysetPageOfAnOrganizationExaminesAboutAPageNotTheCollection() {
        start(ReplyBatches.inMemory());
        contacts.createIndex(Indexes.ascending("organizationId"));
        seed(CONTACTS);

        long before = examined();
        List<Object> first = page(Filters.eq("organizationId", "A"), Sorts.ascending("_id"), PAGE);
        assertThat(examined() - before).isLessThanOrEqualTo(PAGE + 1);
        assertThat(first).hasSize(PAGE).startsWith("c-000000", "c-000002");

        before = examined();
        Object last = first.get(PAGE - 1);
        List<Object> second = page(Filters.and(Filters.eq("organizationId", "A"), Filters.gt("_id", last)),
                Sorts.ascending("_id"), PAGE);
        assertThat(examined() - before).isLessThanOrEqualTo(PAGE + 1);
        assertThat(second).hasSize(PAGE).first().isEqualTo("c-%06d".formatted(2 * PAGE));

        // The plain keyset page over the ids (the data map is in id order), and backwards.
        before = examined();
        assertThat(page(Filters.gt("_id", "c-010000"), Sorts.ascending("_id"), PAGE)).hasSize(PAGE)
                .first().isEqualTo("c-010001");
        assertThat(page(Filters.lt("_id", "c-010000"), Sorts.descending("_id"), PAGE)).hasSize(PAGE)
                .first().isEqualTo("c-009999");
        assertThat(examined() - before).isLessThanOrEqualTo(2 * (PAGE + 1));

        // What no index narrows is read in id order when sorted by id, up to the limit's matches...
        before = examined();
        assertThat(page(Filters.eq("minutes", 7), Sorts.ascending("_id"), 3)).containsExactly("c-000007",
                "c-000067", "c-000127");
        assertThat(examined() - before).isEqualTo(128);
        // ... and otherwise by a scan of every document.
        before = examined();
        assertThat(page(Filters.eq("minutes", 7), Sorts.ascending("enrolleeId"), 0)).hasSize(334);
        assertThat(examined() - before).isEqualTo(CONTACTS);
    }

    /**
     * Spring's {@code count} is the driver's {@code countDocuments}, an aggregation whose first stage is a
     * {@code $match} (the supervisor dashboard's totals, its last supervision sessions): the match is planned like a
     * query, so a count reads the documents it counts, not the collection (48.8 s for the dashboard at N = 10,000).
     */
    @Test
    void anAggregationThatStartsWithAMatchExaminesTheMatchedDocumentsNotTheCollection() {
        start(ReplyBatches.inMemory());
        contacts.createIndex(Indexes.ascending("organizationId", "enrolleeId"));
        seed(CONTACTS);

        long before = examined();
        assertThat(contacts.countDocuments(Filters.and(Filters.eq("organizationId", "A"),
                Filters.eq("enrolleeId", "e-7")))).isEqualTo(5);
        assertThat(examined() - before).isEqualTo(5);

        before = examined();
        List<Document> perEnrollee = contacts.aggregate(List.of(
                Aggregates.match(Filters.and(Filters.eq("organizationId", "B"),
                        Filters.in("enrolleeId", "e-3", "e-4"))),
                Aggregates.group("$enrolleeId", Accumulators.max("minutes", "$minutes")),
                Aggregates.sort(Sorts.ascending("_id")))).into(new ArrayList<>());
        assertThat(examined() - before).isEqualTo(10);
        assertThat(perEnrollee).extracting(d -> d.get("_id"), d -> d.get("minutes"))
                .containsExactly(tuple("e-3", 39), tuple("e-4", 49));

        // A pipeline that does not start with a match still sees every document.
        before = examined();
        assertThat(contacts.aggregate(List.of(Aggregates.count())).first()).containsEntry("count", CONTACTS);
        assertThat(examined() - before).isEqualTo(CONTACTS);
    }

    @Test
    void indexesOfAFileStoreSurviveARestartAndAgreeWithTheDocuments() {
        Path file = dir.resolve("peerpath.mv");
        start(DurableH2Backend.open(file));
        contacts.createIndex(Indexes.ascending("organizationId"));
        contacts.createIndex(Indexes.ascending("enrolleeId", "minutes"));
        seed(2_000);
        contacts.updateMany(Filters.eq("enrolleeId", "e-7"), Updates.set("organizationId", "C"));
        contacts.deleteMany(Filters.eq("minutes", 3));
        contacts.findOneAndUpdate(Filters.eq("_id", "c-000100"), Updates.set("enrolleeId", "e-moved"));
        stop();

        start(DurableH2Backend.open(file));
        for (String organization : List.of("A", "B", "C")) {
            long before = examined();
            List<Object> indexed = page(Filters.eq("organizationId", organization), Sorts.ascending("_id"), 0);
            long read = examined() - before;
            List<Object> scanned = page(Filters.regex("organizationId", "^" + organization + "$"),
                    Sorts.ascending("_id"), 0);
            assertThat(indexed).isEqualTo(scanned).isNotEmpty();
            assertThat(read).isEqualTo(indexed.size());
        }
        assertThat(page(Filters.eq("enrolleeId", "e-moved"), Sorts.ascending("_id"), 0)).containsExactly("c-000100");
        assertThat(page(Filters.and(Filters.eq("enrolleeId", "e-10"), Filters.gte("minutes", 45)),
                Sorts.descending("minutes", "_id"), 0)).containsExactly("c-000109", "c-000108", "c-000107",
                        "c-000106", "c-000105");
    }

    @Test
    void aStoreWrittenBeforeTheseIndexesGetsThemBuiltWhenItOpens() {
        Path file = dir.resolve("peerpath.mv");
        start(new H2Backend(MVStore.open(file.toString())));
        contacts.createIndex(Indexes.ascending("organizationId")); // declared, but not kept by the old backend
        seed(3_000);
        stop();

        start(DurableH2Backend.open(file));
        long before = examined();
        List<Object> a = page(Filters.eq("organizationId", "A"), Sorts.ascending("_id"), 0);
        assertThat(a).hasSize(1_500).first().isEqualTo("c-000000");
        assertThat(examined() - before).isEqualTo(1_500);
        // And it is kept from then on.
        contacts.insertOne(new Document("_id", "c-new").append("organizationId", "A"));
        assertThat(page(Filters.eq("organizationId", "A"), Sorts.descending("_id"), 1)).containsExactly("c-new");
    }

    @Test
    void aRefusedWriteOfAUniqueIndexLeavesTheSecondaryIndexAsItWas() {
        start(ReplyBatches.inMemory());
        contacts.createIndex(Indexes.ascending("openKey"), new IndexOptions().unique(true));
        contacts.createIndex(Indexes.ascending("organizationId"));
        contacts.insertOne(new Document("_id", "x").append("openKey", "k").append("organizationId", "A"));
        contacts.insertOne(new Document("_id", "y").append("openKey", "l").append("organizationId", "A"));

        assertThatThrownBy(() -> contacts.insertOne(new Document("_id", "z").append("openKey", "k")
                .append("organizationId", "B"))).isInstanceOf(MongoWriteException.class);
        assertThatThrownBy(() -> contacts.updateOne(Filters.eq("_id", "y"),
                Updates.combine(Updates.set("openKey", "k"), Updates.set("organizationId", "B"))))
                .isInstanceOf(MongoWriteException.class);

        assertThat(page(Filters.eq("organizationId", "B"), Sorts.ascending("_id"), 0)).isEmpty();
        assertThat(page(Filters.eq("organizationId", "A"), Sorts.ascending("_id"), 0)).containsExactly("x", "y");
        contacts.deleteOne(Filters.eq("_id", "x"));
        assertThat(page(Filters.eq("organizationId", "A"), Sorts.ascending("_id"), 0)).containsExactly("y");
    }
}
