package org.peerpath.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.support.Utils;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.concurrent.ExecutorConfigurationSupport;
import org.springframework.stereotype.Component;

/**
 * Scheduled jobs run on one instance at a time: ShedLock's MongoDB lock provider (collection {@value #COLLECTION},
 * one document per lock, taken by a conditional upsert whose duplicate key refuses a second holder) under
 * ShedLock's executor. A lock saves duplicate work only; the jobs stay correct without it (unique keys, the
 * reminders' exactly-once ledger), since a lock with a lease can always be outlived.
 *
 * <p>Around ShedLock, four things it leaves to the application:
 * <ul>
 * <li>Time: ShedLock's clock ({@link ClockProvider}) is the service's injected {@link Clock}, so lock times move
 * with it like every other "now" (tests pin it; nothing reads the machine's clock).
 * <li>A lock held by another instance is an ordinary outcome: the job is skipped with a DEBUG line, never an
 * exception or a stack trace.
 * <li>An acquisition that fails on its way (the thread interrupted by a shutdown, the connection lost) may have
 * taken the lock on the server without this instance learning it: the lock is given back at once if the database
 * shows it as this attempt's, and the job is logged as not run in one WARN line.
 * <li>A graceful stop (SIGTERM): once the schedulers have stopped (running jobs finished, or the shutdown phase's
 * timeout passed), no new job starts and every lock this instance holds or may hold is given back, so the next
 * instance does not wait out the lease (issue 18, item 4).
 * </ul>
 * A lock is given back "if it is ours": its document still has the expiry this attempt set and this host as
 * holder. So a job that outlived its lease never frees the lock of the instance that took over.
 */
@Component
public class JobLocks implements SmartLifecycle, DisposableBean {

    /** ShedLock's default collection name: {@code _id} the lock name, {@code lockUntil}, {@code lockedAt}, {@code lockedBy}. */
    public static final String COLLECTION = "shedLock";

    private static final Logger LOG = LoggerFactory.getLogger(JobLocks.class);

    private final MongoCollection<Document> locks;
    private final LockingTaskExecutor executor;
    private final Clock clock;
    private final String holder = Utils.getHostname();
    private final Set<Attempt> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile boolean running;

    @Autowired
    JobLocks(MongoTemplate mongo, Clock clock) {
        this(mongo.getCollection(COLLECTION), provider -> provider, clock);
    }

    /**
     * On {@code locks} (which keeps the client's majority write and read concerns, as ShedLock asks), with
     * {@code around} wrapping ShedLock's provider (the tests inject faults there).
     */
    JobLocks(MongoCollection<Document> locks, UnaryOperator<LockProvider> around, Clock clock) {
        this.locks = locks;
        this.clock = clock;
        this.executor = new DefaultLockingTaskExecutor(new Tracking(around.apply(new MongoLockProvider(locks))));
        ShedLockClock.use(clock);
    }

    /**
     * Runs {@code task} if this instance takes the lock named {@code job}, held at most {@code lockAtMostFor} (then
     * it expires by itself, should this instance die); whether it ran. Exceptions of the task propagate.
     */
    public boolean runExclusively(String job, Duration lockAtMostFor, Runnable task) {
        return callExclusively(job, lockAtMostFor, () -> {
            task.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    /**
     * {@code task}'s result when this instance took the lock named {@code job} and ran it; empty when another
     * instance holds the lock, the lock could not be taken, or the service is stopping.
     */
    public <T> Optional<T> callExclusively(String job, Duration lockAtMostFor, Supplier<T> task) {
        if (stopping) {
            LOG.info("Job {} not started: the service is stopping", job);
            return Optional.empty();
        }
        LockConfiguration configuration = new LockConfiguration(now(), job, lockAtMostFor, Duration.ZERO);
        try {
            LockingTaskExecutor.TaskResult<T> result = executor.executeWithLock(
                    (LockingTaskExecutor.TaskWithResult<T>) task::get, configuration);
            if (!result.wasExecuted()) {
                LOG.debug(stopping ? "Job {} not started: the service is stopping" : "Job {} skipped: its lock is held elsewhere", job);
                return Optional.empty();
            }
            return Optional.ofNullable(result.getResult());
        }
        catch (LockNotTaken ex) {
            LOG.warn("Job {} not run: its lock could not be taken ({})", job, ex.getMessage());
            return Optional.empty();
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Stops after the task schedulers ({@link ExecutorConfigurationSupport#DEFAULT_PHASE}), which wait for running
     * jobs first, and before any bean is destroyed, so the database client is still open.
     */
    @Override
    public int getPhase() {
        return ExecutorConfigurationSupport.DEFAULT_PHASE - 1;
    }

    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    /** No new job starts; every lock this instance holds or may hold is given back. */
    @Override
    public void stop() {
        stopping = true;
        List<Attempt> left = List.copyOf(open);
        for (Attempt attempt : left) {
            attempt.giveBack("at shutdown");
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Also when the context never started (a failed start): ShedLock's clock goes back to the one before this. */
    @Override
    public void destroy() {
        stopping = true;
        ShedLockClock.release(clock);
    }

    /** A failed acquisition, whose lock, if the server took it, has been given back. */
    private static final class LockNotTaken extends RuntimeException {
        LockNotTaken(RuntimeException cause) {
            super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause, false, false);
        }
    }

    /** ShedLock's provider, keeping every acquisition in flight and every lock held until it is given back. */
    private final class Tracking implements LockProvider {

        private final LockProvider shedLock;

        Tracking(LockProvider shedLock) {
            this.shedLock = shedLock;
        }

        @Override
        public Optional<SimpleLock> lock(LockConfiguration configuration) {
            if (stopping) {
                return Optional.empty();
            }
            Attempt attempt = new Attempt(configuration);
            open.add(attempt);
            Optional<SimpleLock> taken;
            try {
                taken = shedLock.lock(configuration);
            }
            catch (RuntimeException failure) {
                // The upsert may have reached the database before the failure: give back whatever it took.
                attempt.giveBack("after a failed acquisition");
                throw new LockNotTaken(failure);
            }
            if (taken.isEmpty()) {
                open.remove(attempt);
                return Optional.empty();
            }
            attempt.taken = taken.get();
            return Optional.of(attempt);
        }
    }

    /** One acquisition: in flight ({@code taken} null), then held until unlocked or given back. */
    private final class Attempt implements SimpleLock {

        private final LockConfiguration configuration;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile SimpleLock taken;

        Attempt(LockConfiguration configuration) {
            this.configuration = configuration;
        }

        /** The job finished: ShedLock's own unlock (expiry set to now). */
        @Override
        public void unlock() {
            if (!done.compareAndSet(false, true)) {
                return; // given back at shutdown already
            }
            try {
                withoutInterruptRun(taken::unlock);
                open.remove(this);
            }
            catch (RuntimeException failure) {
                done.set(false); // tried again at shutdown; it expires at the end of its lease in any case
                LOG.warn("Lock {} not given back ({}); it is tried again at shutdown and expires at {}",
                        configuration.getName(), failure.getMessage(), configuration.getLockAtMostUntil());
            }
        }

        @Override
        public Optional<SimpleLock> extend(Duration lockAtMostFor, Duration lockAtLeastFor) {
            throw new UnsupportedOperationException("Job locks are not extended: give the job a longer lockAtMostFor");
        }

        /** Gives the lock back if the database still shows it as this attempt's (its expiry, this host). */
        void giveBack(String when) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            try {
                long released = withoutInterrupt(() -> locks.updateOne(Filters.and(
                        Filters.eq("_id", configuration.getName()),
                        Filters.eq("lockUntil", configuration.getLockAtMostUntil()),
                        Filters.eq("lockedBy", holder)), Updates.set("lockUntil", now())).getModifiedCount());
                open.remove(this);
                if (released > 0) {
                    LOG.info("Lock {} given back {}", configuration.getName(), when);
                }
            }
            catch (RuntimeException failure) {
                done.set(false);
                LOG.warn("Lock {} could not be given back {} ({}); it expires at {}", configuration.getName(), when,
                        failure.getMessage(), configuration.getLockAtMostUntil());
            }
        }
    }

    /** Runs {@code action} with this thread's interrupt status cleared (the driver refuses to work otherwise). */
    private static <T> T withoutInterrupt(Supplier<T> action) {
        boolean interrupted = Thread.interrupted();
        try {
            return action.get();
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void withoutInterruptRun(Runnable action) {
        withoutInterrupt(() -> {
            action.run();
            return null;
        });
    }

    /**
     * ShedLock reads time from one static {@link ClockProvider}. It follows the clock of the newest application
     * context still open in this JVM (in production there is one; a test may start another beside the shared one
     * and close it again), so no lock time ever comes from the machine's clock directly.
     */
    static final class ShedLockClock extends Clock {

        private static final Deque<Clock> CLOCKS = new ConcurrentLinkedDeque<>();
        private static final ShedLockClock INSTANCE = new ShedLockClock();
        private static volatile Clock last;

        static synchronized void use(Clock clock) {
            last = clock;
            CLOCKS.push(clock);
            ClockProvider.setClock(INSTANCE);
        }

        static synchronized void release(Clock clock) {
            CLOCKS.removeFirstOccurrence(clock);
        }

        private static Clock current() {
            Clock clock = CLOCKS.peekFirst();
            return clock != null ? clock : last;
        }

        @Override
        public Instant instant() {
            return current().instant();
        }

        @Override
        public ZoneId getZone() {
            return current().getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return current().withZone(zone);
        }
    }
}
