package org.peerpath.contacts;

import java.time.Duration;

import com.mongodb.MongoInterruptedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs {@link LedgerReconciliation} and {@link ActivitySummaryRepair} once the service has started (a crash is
 * followed by a start) and on the schedule ({@link ReconciliationSettings}: hourly by default; off with
 * {@code peerpath.reconciliation.schedule.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "peerpath.reconciliation.schedule.enabled", havingValue = "true", matchIfMissing = true)
class ReconciliationSchedule implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final LedgerReconciliation reconciliation;
    private final ActivitySummaryRepair activity;
    private final ReconciliationSettings settings;

    ReconciliationSchedule(LedgerReconciliation reconciliation, ActivitySummaryRepair activity,
            ReconciliationSettings settings) {
        this.reconciliation = reconciliation;
        this.activity = activity;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // At start on the scheduler's thread, not in the start itself: the service answers (and reports ready)
        // while it runs; ledger changes are compare-and-set and recent ones are left alone, so both can go on.
        registrar.addOneTimeTask(this::run, Duration.ZERO);
        registrar.addCronTask(this::run, settings.schedule().cron());
    }

    private void run() {
        try {
            reconciliation.reconcileEverywhere();
            activity.rebuildEverywhere();
        }
        catch (RuntimeException ex) {
            if (!Thread.currentThread().isInterrupted() && !interruption(ex)) {
                throw ex;
            }
            // A shutdown during a long run (the start-up run at a large organization) is not a failure: each
            // repair is a compare-and-set of its own, and the next start or hour runs the whole check again.
            LOG.info("Reconciliation stopped by the shutdown; the next run checks everything again ({})",
                    ex.toString());
        }
    }

    /** Whether {@code ex} is a shutdown's interruption (the driver's, wrapped by Spring's translation). */
    static boolean interruption(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof MongoInterruptedException) {
                return true;
            }
        }
        return false;
    }
}
