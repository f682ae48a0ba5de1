package org.peerpath.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's H2 backend, durable before acknowledgement (issue 17): every command that changed the
 * store is committed and the file forced to disk before its reply leaves for the driver, so a write the service
 * answered survives a {@code kill -9} or a power cut.
 *
 * <p>Why the store is opened here rather than by {@code new H2Backend(file)}: H2 would otherwise commit on its
 * background writer about once a second and hand the bytes to its own executor threads, so a reply could go out
 * before its write reached the file, and a commit by that thread could not be waited for. Here H2 never commits on
 * its own (no background writer, no commit on a full buffer): every commit, sync and chunk compaction goes through
 * {@link #lock}, so "the version last forced to disk" is exact.
 *
 * <p>Every command reads one version of the store that H2 keeps until the command is done ({@link #atOneVersion}),
 * issue 19: without it a full scan running while writes commit failed with H2's {@code Chunk N not found}.
 */
final class DurableH2Backend extends IndexedH2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    /** Commands that change data or indexes; they always commit. Any other command commits if it changed the store. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection", "collmod");

    /** H2's default for its own background compaction: rewrite chunks when the live data falls below 90 %. */
    private static final int TARGET_FILL_RATE = 90;

    /**
     * How often compaction runs: once a second, as H2's own background writer would. It used to run every 30 s with
     * 4 MB, which a bulk load outran by far (issue 16: after seeding 2,000 enrollees the chunks were 23 % live, the
     * file four times its data).
     */
    private static final int COMPACTION_PERIOD_MILLIS = 1000;

    /** Live bytes moved per run while the chunks are mostly live: H2's own figure for a busy store. */
    private static final int COMPACTION_BYTES = 4 * 1024 * 1024;

    /**
     * Live bytes moved per run once the chunks are less than half live (a bulk load, a rebuild): rewriting chunks
     * that are a quarter live frees four bytes of file for each byte written, so the file stops growing faster
     * than its data.
     */
    private static final int COMPACTION_BYTES_BEHIND = 32 * 1024 * 1024;

    private static final int BEHIND_FILL_RATE = 50;

    private final MVStore store;

    private final Path file;

    /** Serializes commit + sync (and compaction, backup) so the synced version below is exact. */
    private final ReentrantLock lock = new ReentrantLock();

    private volatile long syncedVersion;

    private final ScheduledExecutorService housekeeping;

    private DurableH2Backend(MVStore store, Path file) {
        super(store);
        this.store = store;
        this.file = file;
        this.syncedVersion = store.getCurrentVersion();
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-store-compaction");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleWithFixedDelay(this::compact, COMPACTION_PERIOD_MILLIS, COMPACTION_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Opens (or creates) the store in {@code file}. A file that exists but cannot be read as a store is never
     * replaced by an empty one: {@link DamagedStoreException}.
     */
    static DurableH2Backend open(Path file) {
        try {
            if (Files.exists(file) && Files.size(file) == 0) {
                throw new DamagedStoreException(file, "the file is empty");
            }
        }
        catch (IOException ex) {
            throw new DamagedStoreException(file, ex.toString());
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString())
                    .autoCommitDisabled()      // no background writer: commits happen only in persist()
                    .autoCommitBufferSize(0)   // and not behind our back when a large write fills the buffer
                    .open();
        }
        catch (MVStoreException ex) {
            throw switch (ex.getErrorCode()) {
                // Not damage: the advice to restore a backup or move the file away would be wrong here.
                case DataUtils.ERROR_FILE_LOCKED -> new StoreNotOpenedException(file, "is in use by another process "
                        + "and was not opened", "Stop the other PeerPath using the data directory " + file.getParent()
                        + " (or give this one its own PEERPATH_DATA_DIR), then start again.");
                case DataUtils.ERROR_READING_FAILED, DataUtils.ERROR_WRITING_FAILED -> new StoreNotOpenedException(
                        file, "could not be read and written (" + ex.getMessage() + ")", "Check that the service's "
                        + "user may read and write " + file + " and that the disk is not full, then start again.");
                case DataUtils.ERROR_UNSUPPORTED_FORMAT -> new StoreNotOpenedException(file, "was written in a "
                        + "format this version cannot open (" + ex.getMessage() + ")", "Start the PeerPath version "
                        + "that wrote it, export it (README, Moving to MongoDB), or restore a backup of this version.");
                default -> new DamagedStoreException(file, ex.getMessage());
            };
        }
        catch (IllegalStateException ex) {
            throw new DamagedStoreException(file, ex.getMessage());
        }
        return new DurableH2Backend(store, file);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        try {
            Document bounded = ReplyBatches.bounded(command, query);
            return atOneVersion(() -> super.handleCommand(channel, database, command, bounded));
        }
        finally {
            // Also after a failed command: what it did change (a partial insertMany) is kept as it is in memory.
            if (WRITES.contains(command.toLowerCase(java.util.Locale.ROOT)) || !durable()) {
                persist();
            }
        }
    }

    /** The legacy query message (drivers before OP_MSG); read-only, so nothing to commit. */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return atOneVersion(() -> super.handleQuery(query));
    }

    /**
     * Runs {@code work} with the store's current version registered as in use, so H2 keeps every chunk that version
     * reads from until {@code work} returns.
     *
     * <p>Why (issue 19, {@code Chunk N not found}): the backend's reads walk a map's B-tree from the root they found
     * when they began (a full scan iterates the whole collection), reading pages from the file as they go. H2 frees
     * a chunk once no page of the newest version lives in it (a write or a compaction moved them) and the chunk's
     * death is older than the oldest version in use; a reader that did not register counts for nothing, so only
     * H2's default of five versions protected it. Every write here commits, so a scan that saw five or more writes
     * commit (or one compaction and five writes) while it ran asked for a chunk that was gone, and failed. A
     * registered version holds those chunks (the file grows for as long as the longest read runs), and H2 frees
     * them after the last reader of that version is done: the mechanism H2's own transactions use.
     */
    <T> T atOneVersion(Supplier<T> work) {
        MVStore.TxCounter inUse = store.registerVersionUsage();
        try {
            return work.get();
        }
        finally {
            store.deregisterVersionUsage(inUse);
        }
    }

    /** Nothing changed since the last forced commit. */
    private boolean durable() {
        return store.getCurrentVersion() == syncedVersion && !store.hasUnsavedChanges();
    }

    /** Commits what is in memory and forces the file to disk. */
    void persist() {
        lock.lock();
        try {
            store.commit();
            long version = store.getCurrentVersion();
            if (version != syncedVersion) {
                store.sync();
                syncedVersion = version;
            }
        }
        finally {
            lock.unlock();
        }
    }

    /** What H2's background writer would do: rewrite sparse chunks so the file does not only grow. */
    void compact() {
        try {
            lock.lock();
            try {
                if (store.isClosed()) {
                    return;
                }
                int live = store.getFileStore().getChunksFillRate();
                if (live >= TARGET_FILL_RATE) {
                    return;
                }
                store.compact(TARGET_FILL_RATE, live < BEHIND_FILL_RATE ? COMPACTION_BYTES_BEHIND : COMPACTION_BYTES);
            }
            finally {
                lock.unlock();
            }
            persist();
        }
        catch (RuntimeException ex) {
            log.warn("Compacting the embedded store failed; will retry: {}", ex.toString());
        }
    }

    /**
     * A consistent copy of the store, taken while the service runs: with commits held back, the file is exactly
     * the last committed version (writes meanwhile wait in memory and are committed after). The copy is opened
     * read-only before it is reported, so a backup that cannot be restored is never handed out.
     */
    long backupTo(Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        lock.lock();
        try {
            persist();
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                long size = in.size();
                long copied = 0;
                while (copied < size) {
                    copied += in.transferTo(copied, size - copied, out);
                }
                out.force(true);
            }
        }
        finally {
            lock.unlock();
        }
        MVStore check = new MVStore.Builder().fileName(partial.toString()).readOnly().open();
        check.getMapNames();
        check.closeImmediately();
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return Files.size(target);
    }

    Path file() {
        return file;
    }

    /** The H2 store underneath, for tests that read it the way the backend does. */
    MVStore store() {
        return store;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        lock.lock();
        try {
            super.close();
        }
        finally {
            lock.unlock();
        }
    }

    /** The data file could not be opened: one sentence naming the file and why, and what to do about it. */
    static class StoreNotOpenedException extends IllegalStateException {

        private final transient Path file;

        private final String action;

        StoreNotOpenedException(Path file, String what, String action) {
            super("The embedded database file " + file + " " + what + ". " + action);
            this.file = file;
            this.action = action;
        }

        Path file() {
            return file;
        }

        /** What the operator does next. */
        String action() {
            return action;
        }
    }

    /** The data file exists but is not a readable store; it is left as it is and never replaced by an empty one. */
    static final class DamagedStoreException extends StoreNotOpenedException {

        DamagedStoreException(Path file, String reason) {
            super(file, "is damaged and was not opened (" + reason + "). The service will not start on an empty "
                    + "database in its place", "Restore the last backup (README, Backup and restore) into " + file
                    + ", or move the file away to start empty.");
        }
    }
}
