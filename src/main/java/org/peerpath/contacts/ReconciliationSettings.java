package org.peerpath.contacts;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * The reconciliation of unit ledgers with contacts (issue 18, item 1; README, Reliability).
 *
 * @param grace how old a change must be before it is repaired: a signing, amendment or void younger than this
 *        may still be between its two writes; longer than any request takes, shorter than the schedule
 * @param schedule when it runs besides at start-up and on an administrator's request
 */
@Validated
@ConfigurationProperties("peerpath.reconciliation")
public record ReconciliationSettings(
        @NotNull @DefaultValue("5m") Duration grace,
        @Valid @DefaultValue Schedule schedule) {

    public ReconciliationSettings {
        if (grace != null && (grace.isNegative() || grace.compareTo(Duration.ofHours(1)) > 0)) {
            throw new IllegalArgumentException("peerpath.reconciliation.grace must be between 0 and 1h, not "
                    + grace);
        }
    }

    /**
     * @param enabled run at start-up and on the schedule on this instance (the tests switch it off and run it
     *        themselves); one instance at a time takes it
     * @param cron when: a Spring cron expression of six fields, in the service's time zone; hourly at 37 minutes
     *        past by default
     */
    public record Schedule(@DefaultValue("true") boolean enabled, @DefaultValue("0 37 * * * *") String cron) {

        public Schedule {
            if (!CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException("peerpath.reconciliation.schedule.cron '" + cron + "' is not a"
                        + " cron expression of six fields (second minute hour day month weekday), such as 0 37 * * * *");
            }
        }
    }
}
