package org.peerpath.audit;

import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import org.peerpath.database.JobLocks;

/**
 * Runs the audit archive on its schedule ({@link AuditArchiveSettings}, daily at 03:17 by default), where it is
 * active (the embedded default). Its lock ({@link JobLocks}, held at most an hour) keeps two instances from
 * archiving at once; were they to, an event would at worst be archived twice, and is read once.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "peerpath.audit.archive.schedule.enabled", havingValue = "true", matchIfMissing = true)
class AuditArchiveSchedule implements SchedulingConfigurer {

    static final String JOB = "audit.archive";

    static final Duration LOCK_AT_MOST_FOR = Duration.ofHours(1);

    private final AuditArchive archive;

    private final JobLocks locks;

    private final AuditArchiveSettings settings;

    AuditArchiveSchedule(AuditArchive archive, JobLocks locks, AuditArchiveSettings settings) {
        this.archive = archive;
        this.locks = locks;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (archive.active()) {
            registrar.addCronTask(this::run, settings.schedule().cron());
        }
    }

    void run() {
        locks.runExclusively(JOB, LOCK_AT_MOST_FOR, archive::archiveOlderThanAge);
    }
}
