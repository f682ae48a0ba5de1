package org.peerpath.reminders;

import java.time.Duration;

import jakarta.validation.Valid;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often the reminder job looks for reminders due (README, Push notifications). A reminder due at 09:00 goes
 * out at the first pass after it, so the interval is how late it may be.
 *
 * @param scheduling whether this instance runs the job
 * @param interval time between the end of one pass and the start of the next, 10 seconds to 1 hour
 */
@Validated
@ConfigurationProperties("peerpath.reminders")
public record ReminderJobSettings(
        @Valid @DefaultValue Scheduling scheduling,
        @DefaultValue("PT5M") @DurationMin(seconds = 10) @DurationMax(hours = 1) Duration interval) {

    /**
     * @param enabled run the job on this instance (the tests switch it off and run it at chosen instants); the
     *        reminders' ledger sends each reminder once whichever instance runs it
     */
    public record Scheduling(@DefaultValue("true") boolean enabled) {
    }
}
