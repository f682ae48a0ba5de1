package org.peerpath.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * States the limit (issue 19): how large the store is and how many documents each collection holds, as
 * Micrometer gauges ({@code peerpath.store.bytes}, {@code peerpath.store.documents{collection}}) and in
 * {@code /actuator/info} under {@code store}; and, on the embedded default, a WARN line when the data file reaches
 * 80 % of the size it is supported up to ({@code peerpath.embedded-mongo.supported-size}), repeated at most once
 * a day of the service's clock while it stays there. Measured at start and every ten minutes. On a real MongoDB
 * the counts are reported and there is no file or limit.
 */
@Component
public class StoreSize implements InfoContributor {

    private static final Logger log = LoggerFactory.getLogger(StoreSize.class);

    static final double WARN_AT = 0.8;

    private static final Duration REPEAT_WARNING = Duration.ofDays(1);

    private final Supplier<MongoDatabase> database;

    /** The embedded store's data file; null on a real MongoDB or an in-memory store. */
    private volatile Path file;

    private volatile long supportedBytes;

    private final Path configuredFile;

    private final long configuredSupportedBytes;

    private volatile Instant measuredAt;

    private final Clock clock;

    private final AtomicLong bytes = new AtomicLong(-1);

    private final MultiGauge documentGauges;

    private volatile Map<String, Long> documents = Map.of();

    private volatile Instant lastWarning;

    private ScheduledExecutorService schedule;

    @Autowired
    StoreSize(DatabaseSettings settings, ObjectProvider<H2Backend> embeddedStore, MongoTemplate mongo,
            MeterRegistry registry, Clock clock) {
        this(mongo::getDb, settings.mongodb().uri().isBlank()
                && embeddedStore.getIfAvailable() instanceof DurableH2Backend durable ? durable.file() : null,
                settings.embeddedMongo().supportedSize().toBytes(), registry, clock);
    }

    StoreSize(Supplier<MongoDatabase> database, Path file, long supportedBytes, MeterRegistry registry,
            Clock clock) {
        this.database = database;
        this.file = file;
        this.supportedBytes = supportedBytes;
        this.configuredFile = file;
        this.configuredSupportedBytes = supportedBytes;
        this.clock = clock;
        if (file != null) {
            Gauge.builder("peerpath.store.bytes", bytes, AtomicLong::get).baseUnit("bytes")
                    .description("Size of the embedded store's data file").register(registry);
            Gauge.builder("peerpath.store.supported.bytes", () -> this.supportedBytes).baseUnit("bytes")
                    .description("Size the embedded store is supported up to (peerpath.embedded-mongo.supported-size)")
                    .register(registry);
        }
        this.documentGauges = MultiGauge.builder("peerpath.store.documents")
                .description("Documents per collection, measured every ten minutes").register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "store-size");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(() -> {
            try {
                measure();
            }
            catch (RuntimeException ex) {
                log.warn("Measuring the store's size failed; will retry: {}", ex.toString());
            }
        }, 0, 10, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    /** Measures now: the file's size and every collection's documents; warns at 80 % of the limit. */
    void measure() {
        Map<String, Long> counts = new LinkedHashMap<>();
        MongoDatabase db = database.get();
        for (String name : StoreMigration.collectionNames(db)) {
            counts.put(name, db.getCollection(name).estimatedDocumentCount());
        }
        documents = Map.copyOf(counts);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((name, count) -> rows.add(MultiGauge.Row.of(Tags.of("collection", name), count)));
        documentGauges.register(rows, true);
        measuredAt = clock.instant();
        Path file = this.file;
        long supportedBytes = this.supportedBytes;
        if (file == null) {
            return;
        }
        long size;
        try {
            size = Files.size(file);
        }
        catch (IOException ex) {
            log.warn("Could not read the size of the embedded store {}: {}", file, ex.toString());
            return;
        }
        bytes.set(size);
        Instant now = clock.instant();
        if (size >= WARN_AT * supportedBytes
                && (lastWarning == null || !now.isBefore(lastWarning.plus(REPEAT_WARNING)))) {
            lastWarning = now;
            log.warn(warning(file, size, supportedBytes));
        }
    }

    /** The warning of the log and the administrator's dashboard, for a file of {@code size} bytes. */
    private static String warning(Path file, long size, long supportedBytes) {
        return "The embedded database file " + file + " is " + megabytes(size) + " MB, "
                + Math.round(100.0 * size / supportedBytes) + " % of the " + megabytes(supportedBytes)
                + " MB the embedded default is supported up to (peerpath.embedded-mongo.supported-size). Move to a"
                + " MongoDB replica set before it grows further (README, Moving to MongoDB).";
    }

    /**
     * The last measurement, for the administrator's dashboard (issue 19).
     *
     * @param embedded whether the store is the embedded default's file (the size and limit apply only to it)
     * @param bytes the data file's size; null on MongoDB, in memory, or before the first measurement
     * @param supportedBytes the size the embedded default is supported up to; null when not on a file
     * @param percentOfSupported {@code bytes} as a percentage of {@code supportedBytes}, rounded
     * @param warning the warning at 80 % of the limit (the log's line); null below it
     * @param documents documents per collection, by name
     * @param measuredAt when it was measured (every ten minutes); null before the first measurement
     */
    public record Status(boolean embedded, Long bytes, Long supportedBytes, Long percentOfSupported, String warning,
            Map<String, Long> documents, Instant measuredAt) {
    }

    /** The figures of the last measurement (taken at start and every ten minutes; none is taken here). */
    public Status status() {
        Path file = this.file;
        long supportedBytes = this.supportedBytes;
        long size = bytes.get();
        if (file == null) {
            return new Status(false, null, null, null, null, documents, measuredAt);
        }
        boolean measured = size >= 0;
        return new Status(true, measured ? size : null, supportedBytes,
                measured ? Math.round(100.0 * size / supportedBytes) : null,
                measured && size >= WARN_AT * supportedBytes ? warning(file, size, supportedBytes) : null,
                documents, measuredAt);
    }

    /**
     * Tests of the shared service (which runs on MongoDB or in memory, without a file): measure {@code file}
     * against {@code supportedBytes} as if configured so; {@code null} puts the configuration back. The next
     * {@link #measure()} reads it.
     */
    void measureForTests(Path file, long supportedBytes) {
        this.file = file == null ? configuredFile : file;
        this.supportedBytes = file == null ? configuredSupportedBytes : supportedBytes;
        this.bytes.set(-1);
        this.lastWarning = null;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Path file = this.file;
        long supportedBytes = this.supportedBytes;
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("mode", file != null ? "embedded" : "mongodb or in-memory");
        if (file != null) {
            store.put("file", file.toString());
            store.put("bytes", bytes.get());
            store.put("supportedBytes", supportedBytes);
            store.put("percentOfSupported", bytes.get() < 0 ? null
                    : Math.round(100.0 * bytes.get() / supportedBytes));
            store.put("warning", bytes.get() >= WARN_AT * supportedBytes);
        }
        store.put("documents", documents);
        builder.withDetail("store", store);
    }

    /** The measurement as it stands (tests). */
    Map<String, Long> documents() {
        return documents;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f", bytes / (1024.0 * 1024.0));
    }
}
