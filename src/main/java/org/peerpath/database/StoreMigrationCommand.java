package org.peerpath.database;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The command-line mode of the jar for moving off the embedded default (README, Moving to MongoDB):
 *
 * <pre>
 * java -jar peerpath.jar --peerpath.export=DIR [--peerpath.data-dir=./data | --peerpath.export.store=FILE.mv]
 * java -jar peerpath.jar --peerpath.import=DIR --peerpath.mongodb.uri=mongodb://...
 * </pre>
 *
 * The export reads the embedded store of a stopped service (or a backup file) through an embedded server and the
 * real driver, or, with a URI, any MongoDB; the import writes through the driver with the service's durability
 * settings (majority, journaled) and reads every collection back. Each prints one line per collection with its
 * documents and checksum. No Spring context, no web server, no jobs: it does its one thing and exits (0: done and
 * verified, 1: failed or a mismatch, 2: a usage error). The same {@code MONGODB_URI}, {@code MONGODB_DATABASE} and
 * {@code PEERPATH_DATA_DIR} variables as the service apply.
 */
public final class StoreMigrationCommand {

    static final String EXPORT = "peerpath.export";

    static final String IMPORT = "peerpath.import";

    private StoreMigrationCommand() {
    }

    /** The arguments ask for an export or an import rather than the service. */
    public static boolean isRequested(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--" + EXPORT + "=") || arg.startsWith("--" + IMPORT + "=")) {
                return true;
            }
        }
        return false;
    }

    /** Runs the export or import the arguments ask for; the exit status. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                out.println("Unknown argument " + arg + ": expected --name=value");
                return 2;
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        String uri = options.getOrDefault("peerpath.mongodb.uri", environment.getOrDefault("MONGODB_URI", ""));
        String database = options.getOrDefault("peerpath.mongodb.database",
                environment.getOrDefault("MONGODB_DATABASE", "peerpath"));
        try {
            if (options.containsKey(EXPORT) && options.containsKey(IMPORT)) {
                out.println("Give either --" + EXPORT + " or --" + IMPORT + ", not both.");
                return 2;
            }
            if (options.containsKey(IMPORT)) {
                if (uri.isBlank()) {
                    out.println("--" + IMPORT + " needs the target: --peerpath.mongodb.uri=mongodb://... "
                            + "(or MONGODB_URI)");
                    return 2;
                }
                return importInto(Path.of(options.get(IMPORT)), uri, database, out);
            }
            Path store = Path.of(options.getOrDefault("peerpath.export.store", options.getOrDefault(
                    "peerpath.data-dir", environment.getOrDefault("PEERPATH_DATA_DIR", "./data")) + "/peerpath.mv"));
            return export(Path.of(options.get(EXPORT)), uri, store, database, out);
        }
        catch (IOException | RuntimeException ex) {
            out.println("Failed: " + ex.getMessage());
            return 1;
        }
    }

    private static int export(Path directory, String uri, Path store, String database, PrintStream out)
            throws IOException {
        if (!uri.isBlank()) {
            try (MongoClient client = client(uri)) {
                StoreMigration.export(client.getDatabase(databaseOf(uri, database)), directory, out::println);
            }
            out.println("Exported to " + directory.toAbsolutePath());
            return 0;
        }
        if (!Files.isRegularFile(store)) {
            out.println("No embedded store at " + store.toAbsolutePath() + ": give --peerpath.data-dir or "
                    + "--peerpath.export.store=FILE.mv");
            return 2;
        }
        MVStore opened;
        try {
            opened = new MVStore.Builder().fileName(store.toString()).readOnly().open();
        }
        catch (MVStoreException | IllegalStateException ex) {
            out.println("The embedded store " + store.toAbsolutePath() + " could not be opened (" + ex.getMessage()
                    + "). Stop the service first, or export a backup (POST /actuator/backup, then "
                    + "--peerpath.export.store=data/backups/peerpath-....mv).");
            return 1;
        }
        MongoServer server = new MongoServer(new H2Backend(opened));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            StoreMigration.export(client.getDatabase(database), directory, out::println);
        }
        finally {
            server.shutdownNow();
        }
        out.println("Exported " + store.toAbsolutePath() + " to " + directory.toAbsolutePath());
        return 0;
    }

    private static int importInto(Path directory, String uri, String database, PrintStream out) throws IOException {
        List<StoreMigration.Comparison> comparisons;
        try (MongoClient client = client(uri)) {
            comparisons = StoreMigration.importInto(directory, client.getDatabase(databaseOf(uri, database)),
                    out::println);
        }
        long mismatches = comparisons.stream().filter(comparison -> !comparison.matches()).count();
        if (mismatches > 0) {
            out.println(mismatches + " collections do not match the export: do not switch over.");
            return 1;
        }
        out.println("Imported " + comparisons.size() + " collections; every count and checksum matches the export.");
        return 0;
    }

    /** The service's own durability settings: what the import wrote is majority-acknowledged and journaled. */
    private static MongoClient client(String uri) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(
                new ConnectionString(uri));
        settings.writeConcern(MongoDurabilitySettings.WRITE_CONCERN).readConcern(MongoDurabilitySettings.READ_CONCERN);
        return MongoClients.create(settings.build());
    }

    private static String databaseOf(String uri, String database) {
        String named = new ConnectionString(uri).getDatabase();
        return named != null ? named : database;
    }
}
