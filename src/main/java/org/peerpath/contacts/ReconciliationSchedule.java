package org.peerpath.contacts;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs {@link LedgerReconciliation} and {@link ActivitySummaryRepair} once the service is ready (a crash is
 * followed by a start) and on the schedule ({@link ReconciliationSettings}: hourly by default; off with
 * {@code peerpath.reconciliation.schedule.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "peerpath.reconciliation.schedule.enabled", havingValue = "true", matchIfMissing = true)
class ReconciliationSchedule implements SchedulingConfigurer {

    private final LedgerReconciliation reconciliation;
    private final ActivitySummaryRepair activity;
    private final ReconciliationSettings settings;

    ReconciliationSchedule(LedgerReconciliation reconciliation, ActivitySummaryRepair activity,
            ReconciliationSettings settings) {
        this.reconciliation = reconciliation;
        this.activity = activity;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        reconciliation.reconcileEverywhere();
        activity.rebuildEverywhere();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addCronTask(() -> {
            reconciliation.reconcileEverywhere();
            activity.rebuildEverywhere();
        }, settings.schedule().cron());
    }
}
