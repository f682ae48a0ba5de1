package org.peerpath.outreach;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import org.peerpath.database.JobLocks;

/**
 * Runs the outreach job on a schedule ({@link OutreachSettings}: {@code peerpath.outreach.schedule.cron}, hourly by default; off with
 * {@code peerpath.outreach.schedule.enabled=false}). Its lock ({@link JobLocks}, held at most 30 minutes) keeps
 * several instances from doing the same work at once; the task keys keep the result right even if they do.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "peerpath.outreach.schedule.enabled", havingValue = "true", matchIfMissing = true)
class OutreachSchedule implements SchedulingConfigurer {

    static final String JOB = "outreach.open-tasks";
    private static final Logger LOG = LoggerFactory.getLogger(OutreachSchedule.class);

    private final OutreachTasks tasks;
    static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(30);

    private final JobLocks locks;
    private final Clock clock;
    private final OutreachSettings settings;

    private final ApplicationAvailability availability;

    OutreachSchedule(OutreachTasks tasks, JobLocks locks, Clock clock, OutreachSettings settings,
            ApplicationAvailability availability) {
        this.availability = availability;
        this.tasks = tasks;
        this.locks = locks;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addCronTask(this::run, settings.schedule().cron());
    }

    void run() {
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return; // still starting: in demo mode the demo's work is being written, and judged on its own
        }
        locks.runExclusively(JOB, LOCK_AT_MOST_FOR, () -> {
            Instant now = clock.instant();
            int opened = tasks.openTasksForNewlyDisengaged(now);
            long escalated = tasks.escalateOverdue(now);
            LOG.info("Outreach job: {} task(s) opened, {} escalated", opened, escalated);
        });
    }
}
