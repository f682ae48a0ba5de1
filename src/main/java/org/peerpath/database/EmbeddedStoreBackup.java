package org.peerpath.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The embedded default's backup command, {@code POST /actuator/backup} (administrators): a consistent copy of the
 * store taken while the service runs, written next to it as {@code backups/peerpath-<UTC instant>.mv} and checked
 * to open before it is reported. Writes arriving meanwhile wait for the copy (a few milliseconds per megabyte)
 * and are then committed as usual. To restore, stop the service and put a copy in place of {@code peerpath.mv}.
 * On a real MongoDB this endpoint does not exist: use {@code mongodump} (see the README).
 */
@Endpoint(id = "backup")
public class EmbeddedStoreBackup {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreBackup.class);

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ObjectProvider<H2Backend> store;
    private final Path directory;
    private final Clock clock;

    EmbeddedStoreBackup(ObjectProvider<H2Backend> store, Path directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> backup() {
        if (!(store.getObject() instanceof DurableH2Backend durable)) {
            return new WebEndpointResponse<>(Map.of("error",
                    "The embedded store runs in memory (a test setting): there is no file to back up."),
                    WebEndpointResponse.STATUS_BAD_REQUEST);
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Path target = directory.resolve("peerpath-" + FILE_TIME.format(at) + ".mv").toAbsolutePath();
        try {
            Files.createDirectories(directory);
            long bytes = durable.backupTo(target);
            log.info("Backup of the embedded store written to {} ({} bytes)", target, bytes);
            return new WebEndpointResponse<>(Map.of("file", target.toString(), "bytes", bytes, "at", at.toString()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The backup to " + target + " failed", ex);
        }
    }
}
