package org.peerpath.outreach;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import org.peerpath.database.JobLock;

/**
 * Runs the outreach job on a schedule ({@code peerpath.outreach.schedule.cron}, hourly by default; off with
 * {@code peerpath.outreach.schedule.enabled=false}). The lock keeps several instances from doing the same work at
 * once; the task keys keep the result right even if they do.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "peerpath.outreach.schedule.enabled", havingValue = "true", matchIfMissing = true)
class OutreachSchedule {

    static final String JOB = "outreach.open-tasks";
    private static final Logger LOG = LoggerFactory.getLogger(OutreachSchedule.class);

    private final OutreachTasks tasks;
    private final JobLock lock;
    private final Clock clock;

    OutreachSchedule(OutreachTasks tasks, JobLock lock, Clock clock) {
        this.tasks = tasks;
        this.lock = lock;
        this.clock = clock;
    }

    @Scheduled(cron = "${peerpath.outreach.schedule.cron:0 7 * * * *}")
    void run() {
        Instant now = clock.instant();
        JobLock.Lease lease = lock.tryAcquire(JOB, now, Duration.ofMinutes(30));
        if (lease == null) {
            return; // another instance is running it
        }
        try {
            int opened = tasks.openTasksForNewlyDisengaged(now);
            long escalated = tasks.escalateOverdue(now);
            LOG.info("Outreach job: {} task(s) opened, {} escalated", opened, escalated);
        }
        finally {
            lease.release();
        }
    }
}
