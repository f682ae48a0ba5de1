package org.peerpath.audit;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * Audit retention on the embedded default (README, Audit retention): events older than {@code olderThan} move from
 * the live store to compressed files on disk, still read by {@code auditEvents}.
 *
 * @param enabled archive on this instance; unset, exactly when the service runs on the embedded default (on MongoDB
 *        the trail stays in the replicated, backed-up database)
 * @param olderThan the age from which an event is archived; at least 30 days
 * @param directory where the files go; unset, {@code audit-archive} under {@code peerpath.data-dir}
 * @param batchSize events read, written and removed per step, so no reply approaches the driver's limit
 * @param schedule when the archive job runs
 */
@Validated
@ConfigurationProperties("peerpath.audit.archive")
public record AuditArchiveSettings(
        Boolean enabled,
        @NotNull @DefaultValue("365d") @DurationMin(days = 30) Duration olderThan,
        Path directory,
        @DefaultValue("2000") @Min(100) @Max(20000) int batchSize,
        @Valid @DefaultValue Schedule schedule) {

    /**
     * @param enabled run the job on this instance on its schedule (the tests switch it off and run it themselves)
     * @param cron a Spring cron expression of six fields, in the service's time zone; daily at 03:17 by default
     */
    public record Schedule(@DefaultValue("true") boolean enabled, @DefaultValue("0 17 3 * * *") String cron) {

        public Schedule {
            if (!CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException("peerpath.audit.archive.schedule.cron '" + cron + "' is not a "
                        + "cron expression of six fields (second minute hour day month weekday), such as 0 17 3 * * *");
            }
        }
    }
}
