package org.peerpath.database;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner of the embedded store ({@link IndexedH2Backend}) against the embedded server as it was (every query a
 * scan of the whole collection), through the real driver: many random queries (equality, $in, ranges, sorts both
 * ways, skip and limit, missing fields, nulls, arrays, mixed types, mixed id types) on the same documents, before and
 * after random updates, deletes, findAndModify and upserts, must answer the same documents in the same order.
 * An index only narrows; a difference here is a document missed or one too many.
 */
class EmbeddedIndexPlannerTest {

    private static final int DOCUMENTS = 400;

    private static final int QUERIES = 240;

    private H2Backend indexedBackend;

    private MongoServer indexedServer;

    private MongoServer scanningServer;

    private MongoClient indexedClient;

    private MongoClient scanningClient;

    private MongoCollection<Document> indexed;

    private MongoCollection<Document> scanned;

    @BeforeEach
    void servers() {
        indexedBackend = ReplyBatches.inMemory();
        indexedServer = new MongoServer(indexedBackend);
        scanningServer = new MongoServer(new H2Backend(MVStore.open(null)));
        indexedClient = MongoClients.create("mongodb://127.0.0.1:" + indexedServer.bind().getPort());
        scanningClient = MongoClients.create("mongodb://127.0.0.1:" + scanningServer.bind().getPort());
    }

    @AfterEach
    void stop() {
        indexedClient.close();
        scanningClient.close();
        indexedServer.shutdownNow();
        scanningServer.shutdownNow();
    }

    @Test
    void randomQueriesOnStringIdsAnswerAsTheScan() {
        differential("strings", 11, false);
    }

    @Test
    void randomQueriesOnMixedIdTypesAnswerAsTheScan() {
        differential("mixed", 23, true);
    }

    @Test
    void aCollectionWithAnIndexItCannotRepresentIsScannedAndStillRight() {
        open("irregular");
        both(c -> c.insertMany(List.of(new Document("_id", "a").append("org", "o1").append("tags", List.of()),
                new Document("_id", "b").append("org", "o1").append("tags", List.of("x")),
                new Document("_id", "c").append("org", "o2").append("tags", List.of(List.of("x"))))));
        for (Bson filter : List.of(Filters.eq("tags", "x"), Filters.eq("org", "o1"), Filters.size("tags", 0),
                Filters.gte("tags", "a"))) {
            assertThat(ids(indexed.find(filter))).isEqualTo(ids(scanned.find(filter)));
        }
    }

    private void differential(String name, long seed, boolean mixedIds) {
        open(name);
        Random random = new Random(seed);
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            documents.add(document(random, i, mixedIds));
        }
        both(c -> c.insertMany(documents.stream().map(Document::new).toList()));
        compareRandomQueries(random, QUERIES);
        // The plans were used: scans alone would have read every document for every query.
        assertThat(((IndexedH2Backend.IndexedCollection) indexedBackend.resolveDatabase("peerpath")
                .resolveCollection(name, true)).documentsExamined()).isLessThan((long) QUERIES * DOCUMENTS / 2);
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 60; i++) {
                modify(random, mixedIds);
            }
            assertThat(indexed.countDocuments()).isEqualTo(scanned.countDocuments());
            compareRandomQueries(random, QUERIES / 4);
        }
    }

    private void open(String name) {
        indexed = indexedClient.getDatabase("peerpath").getCollection(name);
        scanned = scanningClient.getDatabase("peerpath").getCollection(name);
        both(c -> {
            c.createIndex(Indexes.ascending("org"));
            c.createIndex(Indexes.ascending("org", "n"));
            c.createIndex(Indexes.compoundIndex(Indexes.ascending("org"), Indexes.descending("at")));
            c.createIndex(Indexes.ascending("s"));
            c.createIndex(Indexes.ascending("tags"));
            c.createIndex(Indexes.ascending("n"));
            c.createIndex(Indexes.ascending("org", "kind", "at"));
            c.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true).sparse(true));
        });
    }

    /** The same write on both; a write the scan refuses (a $push on a string) must be refused alike. */
    private void both(java.util.function.Consumer<MongoCollection<Document>> action) {
        same(c -> {
            action.accept(c);
            return null;
        });
    }

    /** The same command on both: the same answer, or the same error. */
    private void same(java.util.function.Function<MongoCollection<Document>, Object> command) {
        assertThat(outcome(() -> command.apply(indexed))).isEqualTo(outcome(() -> command.apply(scanned)));
    }

    private static Object outcome(Supplier<Object> command) {
        try {
            return command.get();
        }
        catch (MongoException ex) {
            return "error " + ex.getCode();
        }
    }

    private static final String[] ORGS = {"o1", "o2", "o3", "O1", "o1 "};

    private static final String[] KINDS = {"call", "visit", "text"};

    private static Object id(Random random, int i, boolean mixedIds) {
        if (mixedIds) {
            return switch (random.nextInt(5)) {
                case 0 -> i;
                case 1 -> (long) i * 3 + 0.5;
                case 2 -> new ObjectId(new Date(1_700_000_000_000L + i * 1000L), i);
                default -> "d-" + Integer.toString(random.nextInt(1_000_000), 36) + "-" + i;
            };
        }
        return "d-" + Integer.toString(random.nextInt(1_000_000), 36) + "-" + i;
    }

    private static Document document(Random random, int i, boolean mixedIds) {
        Document document = new Document("_id", id(random, i, mixedIds));
        maybe(random, document, "org", () -> ORGS[random.nextInt(ORGS.length)]);
        maybe(random, document, "kind", () -> KINDS[random.nextInt(KINDS.length)]);
        maybe(random, document, "n", () -> number(random));
        maybe(random, document, "s", () -> random.nextInt(6) == 0 ? random.nextInt(5)
                : "s" + (char) ('a' + random.nextInt(6)) + (random.nextBoolean() ? "Z" : "z"));
        maybe(random, document, "at", () -> random.nextInt(8) == 0 ? "not a date"
                : new Date(1_760_000_000_000L + random.nextInt(50) * 3_600_000L));
        maybe(random, document, "tags", () -> random.nextInt(4) == 0 ? "t" + random.nextInt(4)
                : List.of("t" + random.nextInt(4), "t" + random.nextInt(4)));
        maybe(random, document, "flag", random::nextBoolean);
        if (random.nextInt(10) == 0) {
            document.put("code", "code-" + i);
        }
        return document;
    }

    /** Sometimes missing, sometimes null. */
    private static void maybe(Random random, Document document, String field, Supplier<Object> value) {
        int roll = random.nextInt(12);
        if (roll == 0) {
            return;
        }
        document.put(field, roll == 1 ? null : value.get());
    }

    private static Object number(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> random.nextInt(20) + 0.5;
            case 1 -> (long) random.nextInt(20);
            case 2 -> "n" + random.nextInt(5);
            case 3 -> List.of(random.nextInt(20), random.nextInt(20));
            default -> random.nextInt(20);
        };
    }

    private static Object scalar(Random random, String field) {
        return switch (field) {
            case "org" -> random.nextInt(10) == 0 ? null : ORGS[random.nextInt(ORGS.length)];
            case "kind" -> KINDS[random.nextInt(KINDS.length)];
            case "n" -> random.nextInt(5) == 0 ? "n" + random.nextInt(5)
                    : random.nextBoolean() ? random.nextInt(22) - 1 : random.nextInt(22) - 0.5;
            case "s" -> random.nextInt(5) == 0 ? random.nextInt(5) : "s" + (char) ('a' + random.nextInt(7));
            case "at" -> new Date(1_760_000_000_000L + random.nextInt(52) * 3_600_000L - 1_800_000L);
            case "tags" -> "t" + random.nextInt(5);
            case "flag" -> random.nextBoolean();
            case "code" -> "code-" + random.nextInt(DOCUMENTS);
            default -> "d-" + Integer.toString(random.nextInt(1_000_000), 36);
        };
    }

    private static final String[] FIELDS = {"org", "org", "kind", "n", "n", "s", "at", "at", "tags", "flag", "_id", "_id",
        "code"};

    private static Bson condition(Random random) {
        String field = FIELDS[random.nextInt(FIELDS.length)];
        return switch (random.nextInt(12)) {
            case 0, 1 -> Filters.eq(field, scalar(random, field));
            case 2 -> Filters.in(field, scalar(random, field), scalar(random, field), scalar(random, field));
            case 3 -> Filters.gt(field, scalar(random, field));
            case 4 -> Filters.gte(field, scalar(random, field));
            case 5 -> Filters.lt(field, scalar(random, field));
            case 6 -> Filters.lte(field, scalar(random, field));
            case 7 -> Filters.and(Filters.gte(field, scalar(random, field)), Filters.lt(field, scalar(random, field)));
            case 8 -> Filters.and(Filters.gt(field, scalar(random, field)), Filters.lte(field, scalar(random, field)));
            case 9 -> Filters.or(Filters.eq(field, scalar(random, field)), Filters.exists(field, false));
            case 10 -> Filters.and(Filters.gte(field, scalar(random, field)), Filters.exists(field, true));
            default -> Filters.ne(field, scalar(random, field));
        };
    }

    private static Bson filter(Random random) {
        List<Bson> conditions = new ArrayList<>();
        if (random.nextInt(3) > 0) {
            conditions.add(Filters.eq("org", ORGS[random.nextInt(3)]));
        }
        int more = random.nextInt(3);
        for (int i = 0; i < more; i++) {
            conditions.add(condition(random));
        }
        if (conditions.isEmpty()) {
            return new Document();
        }
        return conditions.size() == 1 && random.nextBoolean() ? conditions.get(0) : Filters.and(conditions);
    }

    private static Bson sort(Random random) {
        return switch (random.nextInt(12)) {
            case 0, 1 -> null;
            case 2 -> Sorts.ascending("_id");
            case 3 -> Sorts.descending("_id");
            case 4 -> Sorts.ascending("n", "_id");
            case 5 -> Sorts.descending("n", "_id");
            case 6 -> Sorts.descending("at", "_id");
            case 7 -> Sorts.ascending("at", "_id");
            case 8 -> Sorts.ascending("s");
            case 9 -> Sorts.descending("n");
            case 10 -> Sorts.ascending("kind", "at", "_id");
            default -> Sorts.orderBy(Sorts.ascending("tags"), Sorts.descending("_id"));
        };
    }

    private void compareRandomQueries(Random random, int queries) {
        for (int q = 0; q < queries; q++) {
            Bson filter = filter(random);
            Bson sort = sort(random);
            int skip = random.nextInt(4) == 0 ? random.nextInt(6) : 0;
            int limit = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(30);
            List<Document> expected = scanned.find(filter).sort(sort).skip(skip).limit(limit).into(new ArrayList<>());
            List<Document> actual = indexed.find(filter).sort(sort).skip(skip).limit(limit).into(new ArrayList<>());
            assertThat(actual).as("find %s sort %s skip %d limit %d", filter, sort, skip, limit)
                    .isEqualTo(expected);
            if (q % 10 == 0) {
                assertThat(indexed.countDocuments(filter)).as("count %s", filter)
                        .isEqualTo(scanned.countDocuments(filter));
            }
        }
    }

    private void modify(Random random, boolean mixedIds) {
        Bson filter = filter(random);
        String field = FIELDS[random.nextInt(FIELDS.length - 2)];
        Bson update = random.nextInt(5) == 0 ? Updates.unset(field)
                : random.nextInt(4) == 0 ? Updates.push("tags", "t" + random.nextInt(5))
                : Updates.set(field, random.nextInt(6) == 0
                        ? java.util.Arrays.asList(scalar(random, field), scalar(random, field)) : scalar(random, field));
        switch (random.nextInt(7)) {
            case 0 -> both(c -> c.updateMany(filter, update));
            case 1 -> both(c -> c.updateOne(filter, update));
            case 2 -> both(c -> c.deleteOne(filter));
            case 3 -> same(c -> c.findOneAndUpdate(filter, update,
                    new FindOneAndUpdateOptions().sort(Sorts.descending("_id")).returnDocument(ReturnDocument.AFTER)));
            case 4 -> {
                Object id = id(random, DOCUMENTS + random.nextInt(1000), mixedIds);
                Bson upsertFilter = Filters.and(Filters.eq("_id", id), Filters.eq("org", ORGS[random.nextInt(3)]));
                both(c -> c.updateOne(upsertFilter, Updates.set("n", 7), new UpdateOptions().upsert(true)));
            }
            case 5 -> {
                Document first = scanned.find(filter).sort(Sorts.ascending("_id")).first();
                if (first != null) {
                    Document replacement = document(random, 0, mixedIds);
                    replacement.remove("code");
                    replacement.put("_id", first.get("_id"));
                    both(c -> c.replaceOne(Filters.eq("_id", first.get("_id")), replacement,
                            new ReplaceOptions()));
                }
            }
            default -> same(c -> c.findOneAndDelete(filter));
        }
    }

    private static List<Object> ids(Iterable<Document> documents) {
        List<Object> ids = new ArrayList<>();
        documents.forEach(document -> ids.add(document.get("_id")));
        return ids;
    }
}
