package org.peerpath.consent;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.peerpath.demo.DemoData;

/** Inputs of the consent operations as the phone sends them, for the feature tests and the contract test. */
public final class ConsentFixtures {

    /** The Michigan demo organization's zone: "today" for consents of enrollee.mi. */
    public static final ZoneId MICHIGAN = ZoneId.of("America/Detroit");

    private ConsentFixtures() {
    }

    /** Today in Michigan on {@code clock}, the service's clock (IntegrationTest.clock). */
    public static LocalDate todayInMichigan(Clock clock) {
        return LocalDate.now(clock.withZone(MICHIGAN));
    }

    /**
     * A complete consent (every element of 42 CFR §2.31(a)) for the enrollee's demo emergency contact, signed
     * 10 days ago and expiring in 20 days, counted from today in Michigan on {@code clock}. Mutable, so tests can
     * take elements out.
     */
    public static Map<String, Object> completeConsent(String enrolleeId, Clock clock) {
        LocalDate today = todayInMichigan(clock);
        Map<String, Object> recipient = new HashMap<>();
        recipient.put("kind", "PERSON");
        recipient.put("name", "Pat Rivers");
        recipient.put("relationship", "sibling");
        recipient.put("phone", "+1-555-0110");
        recipient.put("emergencyContactId", DemoData.id("ec." + enrolleeId));
        Map<String, Object> signature = new HashMap<>();
        signature.put("signerName", "Jordan Rivers");
        signature.put("signedBy", "ENROLLEE");
        Map<String, Object> input = new HashMap<>();
        input.put("id", UUID.randomUUID().toString());
        input.put("enrolleeId", enrolleeId);
        input.put("recipient", recipient);
        input.put("purpose", "Stay in touch if the enrollee cannot be reached (Michigan guidance V).");
        input.put("informationScope", "Whether the enrollee is attending services and how to reach them.");
        input.put("includesSubstanceUseInformation", false);
        input.put("revocationRights", "You may revoke this consent in writing at any time, by letter or in the "
                + "app, except where we already acted on it.");
        input.put("expiresOn", today.plusDays(20).toString());
        input.put("signature", signature);
        input.put("signedOn", today.minusDays(10).toString());
        return input;
    }

    /** A recipient that is no emergency contact: a person named only on the consent. */
    public static Map<String, Object> unlinkedRecipient(Map<String, Object> input, String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> recipient = (Map<String, Object>) input.get("recipient");
        recipient.remove("emergencyContactId");
        recipient.put("name", name);
        return input;
    }
}
