package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.peerpath.billing.BillingCase.Activity;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.PlaceOfService;
import org.peerpath.billing.BillingCase.Setting;
import org.peerpath.billing.BillingCase.SupportType;

/** Signed contacts as the contact log stores them, for the scale benchmark's seed ({@code ScaleBenchmark}). */
public final class ScaleContacts {

    private ScaleContacts() {
    }

    /** A signed contact with the client on {@code day} (noon in {@code zone}): face-to-face, or by phone. */
    public static Object signed(String organizationId, String enrolleeId, String coachId, LocalDate day, ZoneId zone,
            boolean faceToFace, Instant now) {
        Instant start = day.atTime(12, 0).atZone(zone).toInstant();
        ContactType type = faceToFace ? ContactType.FACE_TO_FACE : ContactType.PHONE;
        return new Contact(UUID.randomUUID().toString(), organizationId, enrolleeId, coachId, type, true,
                Setting.INDIVIDUAL, null, start, start.plus(Duration.ofMinutes(30)), day,
                faceToFace ? PlaceOfService.COMMUNITY : null, null, Set.of(Activity.RECOVERY_PLANNING),
                Set.of(SupportType.EMOTIONAL), "Talked about the week and the next steps of the plan.", false,
                List.of(), null, null, Contact.Status.SIGNED, start.plus(Duration.ofHours(1)), coachId, List.of(),
                null, null, false, null, List.of(), 1, now, null, null, null);
    }
}
