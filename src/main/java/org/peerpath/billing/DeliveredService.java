package org.peerpath.billing;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.peerpath.billing.BillingCase.Authorization;
import org.peerpath.billing.BillingCase.AuthorizationKind;
import org.peerpath.billing.BillingCase.Coach;
import org.peerpath.billing.BillingCase.Contact;
import org.peerpath.billing.BillingCase.Enrollee;
import org.peerpath.billing.BillingCase.Organization;

/**
 * A billing case with the facts every rule derives from it computed once: date of service in the
 * organization's zone, minutes, units under the rounding in force.
 *
 * @param billingCase the case as given
 * @param rounding the rounding in force (organization override, else the pack's)
 * @param dateOfService the start's date in the organization's zone; null while the start is missing
 * @param timed whether start and end are both present and the end is not before the start
 * @param minutes whole minutes of service, 0 unless timed
 * @param units units for those minutes
 */
record DeliveredService(
        BillingCase billingCase,
        UnitRounding rounding,
        LocalDate dateOfService,
        boolean timed,
        int minutes,
        int units) {

    static DeliveredService of(BillingCase billingCase, UnitRounding rounding) {
        Contact contact = billingCase.contact();
        LocalDate date = contact.start() == null
                ? null
                : contact.start().atZone(billingCase.organization().zone()).toLocalDate();
        boolean timed = contact.start() != null
                && contact.end() != null
                && !contact.end().isBefore(contact.start());
        int minutes = timed ? Math.toIntExact(Duration.between(contact.start(), contact.end()).toMinutes()) : 0;
        return new DeliveredService(billingCase, rounding, date, timed, minutes, rounding.units(minutes));
    }

    Organization organization() {
        return billingCase.organization();
    }

    Contact contact() {
        return billingCase.contact();
    }

    Enrollee enrollee() {
        return billingCase.enrollee();
    }

    Coach coach() {
        return billingCase.coach();
    }

    /** True when the date of service is known and the condition holds for it; rules needing a date use this. */
    boolean onDateOfService(Predicate<LocalDate> condition) {
        return dateOfService != null && condition.test(dateOfService);
    }

    /** Authorizations of the given kinds covering the date of service, those ending first first. */
    List<Authorization> authorizationsCovering(Predicate<AuthorizationKind> kinds) {
        if (dateOfService == null) {
            return List.of();
        }
        return billingCase.authorizations().stream()
                .filter(authorization -> kinds.test(authorization.kind()))
                .filter(authorization -> authorization.covers(dateOfService))
                .sorted(Comparator.comparing(Authorization::validTo))
                .toList();
    }

    /**
     * The covering authorization this contact's units are charged to: the one ending first among those with
     * enough units left. A contact is charged whole to one authorization, never split.
     */
    Optional<Authorization> chargeableAuthorization(Predicate<AuthorizationKind> kinds) {
        return authorizationsCovering(kinds).stream()
                .filter(authorization -> authorization.unitsRemaining() >= units)
                .findFirst();
    }
}
