package org.peerpath.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import static com.mongodb.client.model.Filters.eq;

/**
 * What durability before acknowledgement costs on the embedded default (issue 17): writes per second through the
 * real driver against the embedded server on a file, with H2's own background commit ({@code h2-background}: the
 * store before the change, where an answered write could be lost) and with every write committed and forced to
 * disk before the reply ({@code durable}). A contact-sized insert, and the guarded {@code $inc} of a unit ledger.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class EmbeddedStoreWriteBenchmark {

    @Param({"h2-background", "durable"})
    public String store;

    private Path dir;

    private MongoServer server;

    private MongoClient client;

    private MongoCollection<Document> contacts;

    private MongoCollection<Document> ledgers;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dir = Files.createTempDirectory("peerpath-write-benchmark");
        Path file = dir.resolve("peerpath.mv");
        H2Backend backend = store.equals("durable") ? DurableH2Backend.open(file) : new H2Backend(file.toString());
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        contacts = client.getDatabase("peerpath").getCollection("contacts");
        ledgers = client.getDatabase("peerpath").getCollection("unitLedgers");
        ledgers.insertOne(new Document("_id", "ledger").append("units", 0).append("version", 0));
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        client.close();
        server.shutdownNow();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public void logContact() {
        contacts.insertOne(new Document("_id", UUID.randomUUID().toString())
                .append("enrolleeId", "0d6f3c1e-8a53-4c47-9f0e-4d1b7b1f2a10").append("type", "FACE_TO_FACE")
                .append("status", "DRAFT").append("version", 0)
                .append("narrative", "Worked on the housing goal; practised the call to the landlord. ".repeat(8)));
    }

    @Benchmark
    public Document reserveUnits() {
        return ledgers.findOneAndUpdate(eq("_id", "ledger"), Updates.combine(Updates.inc("units", 2),
                Updates.inc("version", 1)), new FindOneAndUpdateOptions());
    }
}
