package org.peerpath.database;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's command-line mode, as an operator runs it: {@code --peerpath.export=DIR} on the data directory of a
 * stopped service (a durable file store), {@code --peerpath.import=DIR --peerpath.mongodb.uri=...} into another
 * server; every BSON type arrives as it left, the unique index is re-created, the printed table says OK.
 */
class StoreMigrationCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void exportOfAStoppedStoreImportsIntoAnotherServerTypesAndIndexesIntact() throws Exception {
        Path data = dir.resolve("data");
        BsonDocument typed = writeStore(data);

        assertThat(run("--peerpath.export=" + dir.resolve("export"), "--peerpath.data-dir=" + data))
                .as(output()).isZero();
        assertThat(output()).contains("exported contacts").contains("1001 documents")
                .contains("Exported " + data.resolve("peerpath.mv").toAbsolutePath());

        MongoServer target = new MongoServer(H2Backend.inMemory());
        String uri = "mongodb://127.0.0.1:" + target.bind().getPort() + "/moved";
        try (MongoClient client = MongoClients.create(uri)) {
            assertThat(run("--peerpath.import=" + dir.resolve("export"), "--peerpath.mongodb.uri=" + uri))
                    .as(output()).isZero();
            assertThat(output()).containsPattern("contacts +exported +1001 .* imported +1001 .* OK")
                    .contains("every count and checksum matches the export");
            MongoCollection<BsonDocument> contacts = client.getDatabase("moved").getCollection("contacts",
                    BsonDocument.class);
            assertThat(contacts.find(new BsonDocument("_id", new BsonString("typed"))).first()).isEqualTo(typed);
            assertThat(contacts.listIndexes(BsonDocument.class)).anySatisfy(index -> {
                assertThat(index.getString("name").getValue()).isEqualTo("one_per_key");
                assertThat(index.getBoolean("unique").getValue()).isTrue();
            });
            assertThat(client.getDatabase("moved").listCollectionNames()).contains("emptyOne");

            // And back out of a MongoDB by its URI: the same figures.
            assertThat(run("--peerpath.export=" + dir.resolve("again"), "--peerpath.mongodb.uri=" + uri))
                    .as(output()).isZero();
            assertThat(StoreMigration.readManifest(dir.resolve("again")))
                    .isEqualTo(StoreMigration.readManifest(dir.resolve("export")));
        }
        finally {
            target.shutdownNow();
        }
    }

    @Test
    void aStoreInUseIsNotExportedAndSaysWhatToDo() throws Exception {
        Path data = dir.resolve("data");
        writeStore(data);
        DurableH2Backend running = DurableH2Backend.open(data.resolve("peerpath.mv"));
        try {
            assertThat(run("--peerpath.export=" + dir.resolve("export"), "--peerpath.data-dir=" + data)).isOne();
            assertThat(output()).contains("could not be opened").contains("Stop the service first");
        }
        finally {
            running.close();
        }
    }

    @Test
    void aTamperedExportImportsNothing() throws Exception {
        Path data = dir.resolve("data");
        writeStore(data);
        Path export = dir.resolve("export");
        assertThat(run("--peerpath.export=" + export, "--peerpath.data-dir=" + data)).isZero();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(export.resolve("contacts.jsonl.gz")))) {
            out.write("{\"_id\": \"only-one\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        MongoServer target = new MongoServer(H2Backend.inMemory());
        String uri = "mongodb://127.0.0.1:" + target.bind().getPort() + "/moved";
        try (MongoClient client = MongoClients.create(uri)) {
            assertThat(run("--peerpath.import=" + export, "--peerpath.mongodb.uri=" + uri)).isOne();
            assertThat(output()).contains("Nothing was imported: contacts.jsonl.gz holds 1 documents");
            assertThat(client.getDatabase("moved").listCollectionNames()).isEmpty();
        }
        finally {
            target.shutdownNow();
        }
    }

    @Test
    void anImportWithoutATargetIsAUsageError() {
        assertThat(run("--peerpath.import=" + dir)).isEqualTo(2);
        assertThat(output()).contains("needs the target: --peerpath.mongodb.uri");
    }

    /** A durable store with a unique index, an empty collection, 1,000 contacts and one document of every type. */
    private static BsonDocument writeStore(Path data) throws Exception {
        Files.createDirectories(data);
        DurableH2Backend store = DurableH2Backend.open(data.resolve("peerpath.mv"));
        MongoServer server = new MongoServer(store);
        BsonDocument typed = new BsonDocument("_id", new BsonString("typed"))
                .append("int", new BsonInt32(7)).append("long", new BsonInt64(7))
                .append("double", new BsonDouble(0.1))
                .append("decimal", new BsonDecimal128(Decimal128.parse("12.50")))
                .append("at", new BsonDateTime(1_796_223_600_000L))
                .append("objectId", new BsonObjectId())
                .append("uuid", new BsonBinary(UUID.fromString("5f0c8e3e-58a6-4c4e-9d59-2a1f7f4c9b21")))
                .append("none", BsonNull.VALUE)
                .append("nested", new BsonDocument("text", new BsonString("Ünïcode ✓ \"quoted\"\n")));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> contacts = client.getDatabase("peerpath").getCollection("contacts");
            contacts.createIndex(new Document("key", 1), new IndexOptions().unique(true).name("one_per_key"));
            for (int i = 0; i < 1000; i++) {
                contacts.insertOne(new Document("_id", "c-" + i).append("key", i).append("units", (long) i));
            }
            client.getDatabase("peerpath").getCollection("contacts", BsonDocument.class).insertOne(typed);
            client.getDatabase("peerpath").createCollection("emptyOne");
        }
        finally {
            server.shutdownNow();
        }
        return typed;
    }

    private int run(String... args) {
        return StoreMigrationCommand.run(args, Map.of(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
