package org.peerpath.database;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.MongoInterruptedException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled jobs' locks (ShedLock on MongoDB): two instances racing on one database never run one job at once; a
 * lock held elsewhere skips the job quietly; lock times follow the service's clock; and neither an interrupted
 * acquisition nor a graceful stop in the middle of one leaves the lock held until its lease runs out (issue 13,
 * Jobs; issue 18, item 4). On the embedded server here, on a real MongoDB where Docker exists.
 */
@ExtendWith(OutputCaptureExtension.class)
class JobLocksIntegrationTest extends IntegrationTest {

    private static final Duration LEASE = Duration.ofMinutes(30);

    @Autowired
    private JobLocks locks;

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private MongoConnectionDetails connection;

    @Test
    void twoInstancesRacingOnOneDatabaseNeverRunOneJobAtOnce() throws Exception {
        String job = "race-" + UUID.randomUUID();
        int rounds = 40;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        int[] wins = new int[2];
        // The second instance: its own client, connection pool and lock provider, on the same database.
        try (MongoClient otherClient = MongoClients.create(connection.getConnectionString())) {
            JobLocks other = new JobLocks(otherClient.getDatabase(mongo.getDb().getName())
                    .getCollection(JobLocks.COLLECTION), provider -> provider, clock);
            List<JobLocks> instances = List.of(locks, other);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < rounds; round++) {
                    CyclicBarrier start = new CyclicBarrier(2);
                    // The winner stays inside the job until the other instance's attempt is over, so a second
                    // holder could not slip in after it: each round, exactly one may run.
                    CountDownLatch bothTried = new CountDownLatch(2);
                    List<Future<Boolean>> attempts = new ArrayList<>();
                    for (JobLocks instance : instances) {
                        attempts.add(pool.submit(() -> {
                            start.await(30, TimeUnit.SECONDS);
                            boolean ran = instance.runExclusively(job, LEASE, () -> {
                                mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
                                bothTried.countDown();
                                await(bothTried);
                                inside.decrementAndGet();
                            });
                            if (!ran) {
                                bothTried.countDown();
                            }
                            return ran;
                        }));
                    }
                    boolean first = attempts.get(0).get(60, TimeUnit.SECONDS);
                    boolean second = attempts.get(1).get(60, TimeUnit.SECONDS);
                    assertThat(first ^ second).as("round %d: exactly one instance ran the job", round).isTrue();
                    wins[first ? 0 : 1]++;
                }
            }
            finally {
                pool.shutdownNow();
                other.destroy();
            }
        }
        assertThat(mostAtOnce).hasValue(1);
        assertThat(wins[0] + wins[1]).isEqualTo(rounds);
    }

    @Test
    void aLockHeldElsewhereSkipsTheJobQuietlyUntilItsLeaseRunsOut(CapturedOutput output) {
        int logFrom = output.getAll().length();
        String job = "held-" + UUID.randomUUID();
        JobLocksFixture.takeAndKeep(mongo, clock, job, LEASE);
        AtomicBoolean ran = new AtomicBoolean();

        assertThat(locks.runExclusively(job, LEASE, () -> ran.set(true))).isFalse();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(locks.runExclusively(job, LEASE, () -> ran.set(true))).isFalse();
        assertThat(ran).isFalse();
        assertThat(output.getAll().substring(logFrom)).doesNotContain(job).doesNotContain("ERROR")
                .doesNotContain("Exception");

        // The instance that took it died: its lock expires at the end of its lease.
        clock.advance(Duration.ofSeconds(1));
        assertThat(locks.runExclusively(job, LEASE, () -> ran.set(true))).isTrue();
        assertThat(ran).isTrue();
    }

    @Test
    void lockTimesComeFromTheServicesClock() {
        String job = "clock-" + UUID.randomUUID();
        Instant pinned = Instant.parse("2027-03-14T07:30:00.123Z");
        clock.pin(pinned);
        AtomicReference<Document> whileHeld = new AtomicReference<>();
        assertThat(locks.runExclusively(job, LEASE, () -> whileHeld.set(lockDocument(job)))).isTrue();

        assertThat(whileHeld.get().getDate("lockedAt")).isEqualTo(Date.from(pinned));
        assertThat(whileHeld.get().getDate("lockUntil")).isEqualTo(Date.from(pinned.plus(LEASE)));
        // Given back when the job ended: free from that instant.
        assertThat(lockDocument(job).getDate("lockUntil")).isEqualTo(Date.from(pinned));
    }

    @Test
    void anAcquisitionInterruptedOnItsWayLeavesNoLockHeld(CapturedOutput output) throws Exception {
        int logFrom = output.getAll().length();
        String job = "interrupted-" + UUID.randomUUID();
        StallingAcquisition stall = new StallingAcquisition();
        JobLocks instance = new JobLocks(mongo.getCollection(JobLocks.COLLECTION), stall::around, clock);
        try {
            AtomicBoolean ran = new AtomicBoolean();
            AtomicReference<Boolean> result = new AtomicReference<>();
            Thread worker = new Thread(() -> result.set(instance.runExclusively(job, LEASE, () -> ran.set(true))));
            worker.start();
            await(stall.takenOnTheServer);
            assertThat(lockDocument(job).getDate("lockUntil")).isEqualTo(Date.from(clock.instant().plus(LEASE)));

            worker.interrupt();
            worker.join(TimeUnit.SECONDS.toMillis(60));

            assertThat(result.get()).isFalse();
            assertThat(ran).isFalse();
            assertThat(lockDocument(job).getDate("lockUntil")).isEqualTo(Date.from(clock.instant()));
            assertThat(locks.runExclusively(job, LEASE, () -> { })).as("free at once, not in 30 minutes").isTrue();
            assertThat(output.getAll().substring(logFrom)).contains("Job " + job + " not run: its lock could not be taken")
                    .doesNotContain("ERROR").doesNotContain("\tat ");
        }
        finally {
            instance.destroy();
        }
    }

    /**
     * What SIGTERM does (Boot's shutdown hook closes the context): the schedulers stop taking tasks and wait for
     * running ones until the shutdown phase times out, then the locks are given back, then the schedulers' threads
     * are interrupted. Here the job's lock acquisition hangs after the database took the lock.
     */
    @Test
    void aGracefulStopDuringALockAcquisitionGivesTheLockBack(CapturedOutput output) throws Exception {
        int logFrom = output.getAll().length();
        String job = "outreach-" + UUID.randomUUID();
        StallingAcquisition stall = new StallingAcquisition();
        JobLocks instance = new JobLocks(mongo.getCollection(JobLocks.COLLECTION), stall::around, clock);
        CountDownLatch jobThreadEnded = new CountDownLatch(1);
        AtomicReference<Boolean> result = new AtomicReference<>();
        new ApplicationContextRunner()
                .withBean("lifecycleProcessor", DefaultLifecycleProcessor.class, () -> {
                    DefaultLifecycleProcessor lifecycle = new DefaultLifecycleProcessor();
                    lifecycle.setTimeoutPerShutdownPhase(500);
                    return lifecycle;
                })
                .withBean(JobLocks.class, () -> instance)
                .withBean(ThreadPoolTaskScheduler.class, ThreadPoolTaskScheduler::new)
                .run(context -> {
                    context.getBean(ThreadPoolTaskScheduler.class).execute(() -> {
                        try {
                            result.set(instance.runExclusively(job, LEASE, () -> { }));
                        }
                        finally {
                            jobThreadEnded.countDown();
                        }
                    });
                    await(stall.takenOnTheServer);
                    assertThat(lockDocument(job).getDate("lockUntil"))
                            .isEqualTo(Date.from(clock.instant().plus(LEASE)));

                    context.close(); // SIGTERM
                });
        await(jobThreadEnded);

        assertThat(result.get()).isFalse();
        assertThat(lockDocument(job).getDate("lockUntil")).isEqualTo(Date.from(clock.instant()));
        assertThat(locks.runExclusively(job, LEASE, () -> { })).as("free at once, not in 30 minutes").isTrue();
        assertThat(instance.runExclusively("after-stop-" + UUID.randomUUID(), LEASE, () -> { }))
                .as("no job starts once the service is stopping").isFalse();
        assertThat(output.getAll().substring(logFrom)).contains("Lock " + job + " given back at shutdown")
                .doesNotContain("ERROR").doesNotContain("\tat ");
    }

    private Document lockDocument(String job) {
        return mongo.getCollection(JobLocks.COLLECTION).find(new Document("_id", job)).first();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).as("waited for").isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * ShedLock's provider whose reply is slow to come: the database has taken the lock, and the acquiring thread
     * waits until it is interrupted, then fails as the driver does.
     */
    private static final class StallingAcquisition {

        final CountDownLatch takenOnTheServer = new CountDownLatch(1);

        LockProvider around(LockProvider shedLock) {
            return configuration -> stall(shedLock, configuration);
        }

        private java.util.Optional<SimpleLock> stall(LockProvider shedLock, LockConfiguration configuration) {
            shedLock.lock(configuration);
            takenOnTheServer.countDown();
            try {
                new CountDownLatch(1).await();
                throw new IllegalStateException("not reached");
            }
            catch (InterruptedException ex) {
                throw new MongoInterruptedException("Interrupted waiting for the reply", ex);
            }
        }
    }
}
