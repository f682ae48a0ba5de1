package org.peerpath.people;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The signed services of an organization as they were billed, for a change of billing settings to check against:
 * signed contacts are never re-evaluated, so a change that would apply other settings to a day already billed is
 * refused. The contacts feature holds the contacts and implements it (people cannot depend on contacts).
 */
public interface BilledServices {

    /**
     * The organization's signed, not voided, services dated on or after {@code from} whose evaluation used other
     * settings than {@code settingsOn} gives for their date of service, oldest first.
     */
    List<Billed> billedOtherwise(Organization organization, LocalDate from,
            Function<LocalDate, BillingSettings> settingsOn);

    /**
     * One signed service and the settings it was billed under.
     *
     * @param contactId the contact
     * @param dateOfService its date of service, in the organization's zone
     * @param rulePack the pack its evaluation applied
     * @param unitRounding the rounding its evaluation applied (the billing engine's name for it)
     */
    record Billed(String contactId, LocalDate dateOfService, String rulePack, String unitRounding) {
    }
}
