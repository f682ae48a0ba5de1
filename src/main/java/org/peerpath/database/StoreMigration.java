package org.peerpath.database;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The way up from the embedded default to a MongoDB replica set (issue 19, "a way up"): every collection of a
 * database exported through the driver to files, imported into another database through the driver, and checked
 * by reading every collection back and comparing its document count and checksum with those of the export.
 *
 * <p>An export is a directory: {@code <collection>.jsonl.gz} per collection (one document per line, MongoDB
 * canonical Extended JSON, which keeps every BSON type: a long stays a long, a date a date, a decimal a decimal)
 * and {@code manifest.json} (per collection: documents, checksum, index specifications). The checksum is the
 * sum of the SHA-256 digests of the documents' canonical Extended JSON, so it does not depend on the order in
 * which a server returns the documents. Indexes are re-created from the export with their names and
 * options (the unique ones correctness relies on, and the secondary ones the embedded server ignores but MongoDB
 * uses), so the service's own index creation at start finds them in place.
 */
public final class StoreMigration {

    static final String MANIFEST = "manifest.json";

    private static final String SUFFIX = ".jsonl.gz";

    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .build();

    private static final int BATCH = 500;

    private StoreMigration() {
    }

    /** One collection as exported or as read back: how many documents, their checksum, its indexes. */
    public record CollectionSummary(String name, long documents, String checksum, List<BsonDocument> indexes) {
    }

    /** What an import found, per collection: the export's figures and the target's, read back. */
    public record Comparison(CollectionSummary exported, CollectionSummary imported) {

        public boolean matches() {
            return imported != null && exported.documents() == imported.documents()
                    && exported.checksum().equals(imported.checksum());
        }
    }

    /**
     * Writes every collection of {@code database} (except {@code system.*}) to {@code directory}, which must be
     * empty or absent. Documents written while the export runs may or may not be in it: export a stopped service
     * or a backup for a consistent copy.
     */
    public static List<CollectionSummary> export(MongoDatabase database, Path directory, Consumer<String> out)
            throws IOException {
        Files.createDirectories(directory);
        try (var existing = Files.list(directory)) {
            if (existing.findAny().isPresent()) {
                throw new IllegalArgumentException("The export directory " + directory + " is not empty: choose a "
                        + "new one, so an export is never mixed with an earlier one.");
            }
        }
        List<CollectionSummary> summaries = new ArrayList<>();
        for (String name : collectionNames(database)) {
            MongoCollection<BsonDocument> collection = database.getCollection(name, BsonDocument.class);
            Checksum checksum = new Checksum();
            try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(
                    new GZIPOutputStream(Files.newOutputStream(directory.resolve(name + SUFFIX))),
                    StandardCharsets.UTF_8));
                    MongoCursor<BsonDocument> documents = collection.find().batchSize(BATCH).iterator()) {
                while (documents.hasNext()) {
                    String line = documents.next().toJson(CANONICAL);
                    checksum.add(line);
                    writer.write(line);
                    writer.write('\n');
                }
            }
            List<BsonDocument> indexes = indexes(collection);
            summaries.add(new CollectionSummary(name, checksum.count(), checksum.value(), indexes));
            out.accept(String.format(Locale.ROOT, "exported %-28s %10d documents  sha256 %s  %d indexes", name,
                    checksum.count(), checksum.value(), indexes.size()));
        }
        Files.writeString(directory.resolve(MANIFEST), manifest(database.getName(), summaries).toJson(
                JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).indent(true).build()));
        return summaries;
    }

    /**
     * Imports the export in {@code directory} into {@code target}, then reads every collection back and compares.
     * Everything is checked before anything is written: the manifest, every file against its count and checksum,
     * and that the target holds none of the exported collections with documents in it (an import never merges).
     *
     * @return per collection, the export's figures and the target's; all match on success
     * @throws IllegalStateException when a file does not match its manifest or the target is not empty
     */
    public static List<Comparison> importInto(Path directory, MongoDatabase target, Consumer<String> out)
            throws IOException {
        List<CollectionSummary> exported = readManifest(directory);
        List<String> problems = new ArrayList<>();
        for (CollectionSummary summary : exported) {
            Checksum file = new Checksum();
            readLines(directory.resolve(summary.name() + SUFFIX), file::add);
            if (file.count() != summary.documents() || !file.value().equals(summary.checksum())) {
                problems.add(summary.name() + SUFFIX + " holds " + file.count() + " documents with checksum "
                        + file.value() + ", the manifest says " + summary.documents() + " with " + summary.checksum());
            }
            if (target.getCollection(summary.name()).find().limit(1).first() != null) {
                problems.add("the target's collection " + summary.name() + " already holds documents");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Nothing was imported: " + String.join("; ", problems));
        }
        for (CollectionSummary summary : exported) {
            MongoCollection<BsonDocument> collection = target.getCollection(summary.name(), BsonDocument.class);
            if (summary.documents() == 0) {
                target.createCollection(summary.name());
            }
            List<BsonDocument> batch = new ArrayList<>(BATCH);
            readLines(directory.resolve(summary.name() + SUFFIX), line -> {
                batch.add(BsonDocument.parse(line));
                if (batch.size() == BATCH) {
                    collection.insertMany(batch);
                    batch.clear();
                }
            });
            if (!batch.isEmpty()) {
                collection.insertMany(batch);
            }
            if (!summary.indexes().isEmpty()) {
                target.runCommand(new BsonDocument("createIndexes", new BsonString(summary.name()))
                        .append("indexes", new BsonArray(summary.indexes())));
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (CollectionSummary summary : exported) {
            Comparison comparison = new Comparison(summary, readBack(target, summary.name()));
            comparisons.add(comparison);
            out.accept(String.format(Locale.ROOT, "%-28s exported %10d  sha256 %s | imported %10d  sha256 %s  %s",
                    summary.name(), summary.documents(), summary.checksum(), comparison.imported().documents(),
                    comparison.imported().checksum(), comparison.matches() ? "OK" : "MISMATCH"));
        }
        return comparisons;
    }

    /** A collection's figures as the server returns them now. */
    static CollectionSummary readBack(MongoDatabase database, String name) {
        MongoCollection<BsonDocument> collection = database.getCollection(name, BsonDocument.class);
        Checksum checksum = new Checksum();
        try (MongoCursor<BsonDocument> documents = collection.find().batchSize(BATCH).iterator()) {
            documents.forEachRemaining(document -> checksum.add(document.toJson(CANONICAL)));
        }
        return new CollectionSummary(name, checksum.count(), checksum.value(), indexes(collection));
    }

    /** Every collection but the server's own, in name order. */
    static List<String> collectionNames(MongoDatabase database) {
        List<String> names = new ArrayList<>();
        database.listCollectionNames().forEach(name -> {
            if (!name.startsWith("system.")) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    /** The collection's indexes but {@code _id}'s, as specifications createIndexes takes (no version, no namespace). */
    private static List<BsonDocument> indexes(MongoCollection<BsonDocument> collection) {
        List<BsonDocument> specs = new ArrayList<>();
        for (BsonDocument index : collection.listIndexes(BsonDocument.class)) {
            if ("_id_".equals(index.getString("name", new BsonString("")).getValue())) {
                continue;
            }
            BsonDocument spec = index.clone();
            spec.remove("v");
            spec.remove("ns");
            specs.add(spec);
        }
        specs.sort((a, b) -> a.getString("name").getValue().compareTo(b.getString("name").getValue()));
        return specs;
    }

    private static BsonDocument manifest(String database, List<CollectionSummary> summaries) {
        BsonArray collections = new BsonArray();
        for (CollectionSummary summary : summaries) {
            collections.add(new BsonDocument("name", new BsonString(summary.name()))
                    .append("file", new BsonString(summary.name() + SUFFIX))
                    .append("documents", new BsonInt64(summary.documents()))
                    .append("sha256", new BsonString(summary.checksum()))
                    .append("indexes", new BsonArray(summary.indexes())));
        }
        return new BsonDocument("format", new BsonString("peerpath-export-1"))
                .append("database", new BsonString(database))
                .append("collections", collections);
    }

    static List<CollectionSummary> readManifest(Path directory) throws IOException {
        Path file = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No " + MANIFEST + " in " + directory + ": not a PeerPath export "
                    + "(or an export that did not finish).");
        }
        BsonDocument manifest = BsonDocument.parse(Files.readString(file));
        List<CollectionSummary> summaries = new ArrayList<>();
        for (BsonValue value : manifest.getArray("collections")) {
            BsonDocument collection = value.asDocument();
            List<BsonDocument> indexes = collection.getArray("indexes").stream().map(BsonValue::asDocument).toList();
            summaries.add(new CollectionSummary(collection.getString("name").getValue(),
                    collection.getNumber("documents").longValue(), collection.getString("sha256").getValue(),
                    indexes));
        }
        return summaries;
    }

    private static void readLines(Path file, Consumer<String> line) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (!text.isEmpty()) {
                    line.accept(text);
                }
            }
        }
        catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
    }

    /**
     * Order-independent: the sum, modulo 2^256, of the SHA-256 digests of the documents' canonical Extended JSON
     * (constant memory however large the collection; a changed, missing or doubled document changes it).
     */
    static final class Checksum {

        private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

        private BigInteger sum = BigInteger.ZERO;

        private long count;

        void add(String canonicalJson) {
            sum = sum.add(new BigInteger(1, sha256().digest(canonicalJson.getBytes(StandardCharsets.UTF_8))))
                    .mod(MODULUS);
            count++;
        }

        long count() {
            return count;
        }

        String value() {
            return String.format(Locale.ROOT, "%064x", sum);
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            }
            catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
