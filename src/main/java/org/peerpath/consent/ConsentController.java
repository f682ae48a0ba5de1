package org.peerpath.consent;

import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.consent.ConsentInputs.RecordConsentInput;
import org.peerpath.consent.ConsentInputs.RecordDisclosureInput;
import org.peerpath.consent.ConsentInputs.RecordExpirationEventInput;
import org.peerpath.consent.ConsentInputs.RevokeConsentInput;
import org.peerpath.graphql.CountedConnection;
import org.peerpath.graphql.PageRequest;
import org.peerpath.people.EmergencyContact;
import org.peerpath.people.Enrollee;
import org.peerpath.security.Viewer;

/** The consent queries and mutations; see {@link ConsentRegistry} for the rules. Nested fields load in batches. */
@Controller
class ConsentController {

    /** Consents of a page of expiring ones when the app does not say. */
    static final int EXPIRING_SOON_PAGE = 20;

    private final ConsentRegistry registry;

    ConsentController(ConsentRegistry registry) {
        this.registry = registry;
    }

    record ConsentPayload(Consent consent) {
    }

    record DisclosurePayload(Disclosure disclosure) {
    }

    /** Whether an active consent covers one emergency contact today; {@code consent} explains either answer. */
    record EmergencyContactConsent(EmergencyContact emergencyContact, boolean covered, Consent consent) {
    }

    @QueryMapping
    List<Consent> consents(@AuthenticationPrincipal Viewer viewer, @Argument String enrolleeId) {
        return registry.consents(viewer, enrolleeId);
    }

    @QueryMapping
    List<Consent> myConsents(@AuthenticationPrincipal Viewer viewer) {
        return registry.myConsents(viewer);
    }

    @QueryMapping
    ConsentStatus consentStatus(@AuthenticationPrincipal Viewer viewer, @Argument String consentId,
            @Argument LocalDate on) {
        return registry.consentStatus(viewer, consentId, on);
    }

    @QueryMapping
    ContactPermission mayContact(@AuthenticationPrincipal Viewer viewer, @Argument String enrolleeId,
            @Argument String emergencyContactId, @Argument String recipientName, @Argument LocalDate on) {
        return registry.mayContact(viewer, enrolleeId, emergencyContactId, recipientName, on);
    }

    @QueryMapping
    List<Consent> consentsExpiringSoon(@AuthenticationPrincipal Viewer viewer) {
        return registry.expiringSoon(viewer);
    }

    @QueryMapping
    CountedConnection<Consent> consentsExpiringSoonPage(@AuthenticationPrincipal Viewer viewer,
            @Argument Integer first, @Argument String after) {
        return registry.expiringSoon(viewer, PageRequest.of(first, after, EXPIRING_SOON_PAGE));
    }

    @QueryMapping
    List<Disclosure> disclosures(@AuthenticationPrincipal Viewer viewer, @Argument String enrolleeId) {
        return registry.disclosures(viewer, enrolleeId);
    }

    @QueryMapping
    List<Disclosure> myDisclosures(@AuthenticationPrincipal Viewer viewer) {
        return registry.myDisclosures(viewer);
    }

    @MutationMapping
    ConsentPayload recordConsent(@AuthenticationPrincipal Viewer viewer, @Argument RecordConsentInput input) {
        return new ConsentPayload(registry.recordConsent(viewer, input));
    }

    @MutationMapping
    ConsentPayload revokeConsent(@AuthenticationPrincipal Viewer viewer, @Argument RevokeConsentInput input) {
        return new ConsentPayload(registry.revokeConsent(viewer, input));
    }

    @MutationMapping
    ConsentPayload revokeMyConsent(@AuthenticationPrincipal Viewer viewer, @Argument RevokeConsentInput input) {
        return new ConsentPayload(registry.revokeMyConsent(viewer, input));
    }

    @MutationMapping
    ConsentPayload recordConsentExpirationEvent(@AuthenticationPrincipal Viewer viewer,
            @Argument RecordExpirationEventInput input) {
        return new ConsentPayload(registry.recordExpirationEvent(viewer, input));
    }

    @MutationMapping
    DisclosurePayload recordDisclosure(@AuthenticationPrincipal Viewer viewer,
            @Argument RecordDisclosureInput input) {
        return new DisclosurePayload(registry.recordDisclosure(viewer, input));
    }

    /** Status today (organization zone) of every consent in the response, with one organization look-up. */
    @BatchMapping(typeName = "Consent", field = "status")
    Map<Consent, ConsentStatus> status(List<Consent> consents, Principal principal) {
        LocalDate today = registry.today(viewerOf(principal));
        return consents.stream().collect(Collectors.toMap(Function.identity(), c -> c.statusOn(today), (a, b) -> a));
    }

    /**
     * The enrollee record shows, for each emergency contact, whether an active consent covers them today: one
     * query for all enrollees in the response. Their records were opened (and audited) by the parent field.
     */
    @BatchMapping(typeName = "Enrollee", field = "emergencyContactConsents")
    Map<Enrollee, List<EmergencyContactConsent>> emergencyContactConsents(List<Enrollee> enrollees,
            Principal principal) {
        LocalDate today = registry.today(viewerOf(principal));
        Map<String, List<Consent>> byEnrollee = registry.consentsByEnrollee(
                enrollees.stream().map(Enrollee::id).distinct().toList());
        return enrollees.stream().collect(Collectors.toMap(Function.identity(), enrollee ->
                enrollee.emergencyContacts().stream().map(contact -> {
                    ContactPermission permission = ContactPermission.decide(byEnrollee.get(enrollee.id()),
                            contact.id(), contact.name(), today);
                    return new EmergencyContactConsent(contact, permission.allowed(), permission.consent());
                }).toList(), (a, b) -> a));
    }

    private static Viewer viewerOf(Principal principal) {
        if (principal instanceof Authentication authentication
                && authentication.getPrincipal() instanceof Viewer viewer) {
            return viewer;
        }
        throw new IllegalStateException("No signed-in viewer for a nested consent field.");
    }
}
