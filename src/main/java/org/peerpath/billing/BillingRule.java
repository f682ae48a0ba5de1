package org.peerpath.billing;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.peerpath.billing.Finding.Severity;

/**
 * One billing rule as data: the finding it reports, the condition that triggers it and the sentence it says.
 * Rule packs are lists of these, so a rule reads as one declaration next to its source citation.
 *
 * @param code stable finding code
 * @param severity severity of the finding
 * @param source the document and section the rule comes from
 * @param violatedBy true when the service breaks the rule
 * @param message the coach's sentence, computed only when the rule is broken
 */
record BillingRule(
        String code,
        Severity severity,
        String source,
        Predicate<DeliveredService> violatedBy,
        Function<DeliveredService, String> message) {

    static BillingRule blocking(
            String code,
            String source,
            Predicate<DeliveredService> violatedBy,
            Function<DeliveredService, String> message) {
        return new BillingRule(code, Severity.BLOCKING, source, violatedBy, message);
    }

    /** A rule whose finding is shown but does not make the contact unbillable. */
    static BillingRule warning(
            String code,
            String source,
            Predicate<DeliveredService> violatedBy,
            Function<DeliveredService, String> message) {
        return new BillingRule(code, Severity.WARNING, source, violatedBy, message);
    }

    static BillingRule blocking(String code, String source, Predicate<DeliveredService> violatedBy, String message) {
        return blocking(code, source, violatedBy, service -> message);
    }

    Optional<Finding> check(DeliveredService service) {
        return violatedBy.test(service)
                ? Optional.of(new Finding(code, message.apply(service), severity, source))
                : Optional.empty();
    }
}
