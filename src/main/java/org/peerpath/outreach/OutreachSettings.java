package org.peerpath.outreach;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * The outreach job (README, API at a glance: outreach).
 *
 * @param dueInDays days until a task the job opens is due (0: due the day it opens)
 * @param schedule when the job runs
 */
@Validated
@ConfigurationProperties("peerpath.outreach")
public record OutreachSettings(
        @DefaultValue("3") @Min(0) @Max(90) int dueInDays,
        @Valid @DefaultValue Schedule schedule) {

    /**
     * @param enabled run the job on this instance (the tests switch it off and run it at chosen instants); any
     *        number of instances may run it, one at a time takes it
     * @param cron when: a Spring cron expression of six fields (second minute hour day month weekday), in the
     *        service's time zone; hourly at 7 minutes past by default
     */
    public record Schedule(@DefaultValue("true") boolean enabled, @DefaultValue("0 7 * * * *") String cron) {

        public Schedule {
            if (!CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException("peerpath.outreach.schedule.cron '" + cron + "' is not a cron "
                        + "expression of six fields (second minute hour day month weekday), such as 0 7 * * * *");
            }
        }
    }
}
