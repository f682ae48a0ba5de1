package org.peerpath.contacts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import org.peerpath.billing.BillingCase.Activity;
import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.BillingCase.PlaceOfService;
import org.peerpath.billing.BillingCase.Setting;
import org.peerpath.billing.BillingCase.SupportType;
import org.peerpath.people.Enrollee;

/** Signed contacts as the contact log stores them, for the scale benchmark's seed ({@code ScaleBenchmark}). */
public final class ScaleContacts {

    private ScaleContacts() {
    }

    /**
     * The activity summaries of enrollees seeded directly (contacts inserted without the contact log), computed
     * from their contacts as the rebuild does ({@link EnrolleeActivity#fromContacts}) and written in one unordered
     * bulk command, without the rebuild's audit events: the jobs and the dashboard read the summaries (issue 16).
     */
    public static void seedSummaries(MongoTemplate mongo, EnrolleeActivity activity, List<String> enrolleeIds) {
        Map<String, EnrolleeActivity.Summary> summaries = activity.fromContacts(enrolleeIds);
        if (summaries.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Enrollee.class);
        summaries.forEach((id, summary) -> bulk.updateOne(Query.query(Criteria.where("_id").is(id)), new Update()
                .set(EnrolleeActivity.LAST_CONTACT_ON, date(mongo, summary.lastContactOn()))
                .set(EnrolleeActivity.LAST_FACE_TO_FACE_ON, date(mongo, summary.lastFaceToFaceOn()))
                .set(EnrolleeActivity.EARLIER_FACE_TO_FACE_ON, date(mongo, summary.earlierFaceToFaceOn()))
                .set(EnrolleeActivity.FIELD + ".version", 1L)));
        bulk.execute();
    }

    private static Object date(MongoTemplate mongo, LocalDate date) {
        return date == null ? null : mongo.getConverter().convertToMongoType(date);
    }

    /** A signed contact {@code id} with the client on {@code day} (noon in {@code zone}): face-to-face, or by phone. */
    public static Object signed(String id, String organizationId, String enrolleeId, String coachId, LocalDate day, ZoneId zone,
            boolean faceToFace, Instant now) {
        Instant start = day.atTime(12, 0).atZone(zone).toInstant();
        ContactType type = faceToFace ? ContactType.FACE_TO_FACE : ContactType.PHONE;
        return new Contact(id, organizationId, enrolleeId, coachId, type, true,
                Setting.INDIVIDUAL, null, start, start.plus(Duration.ofMinutes(30)), day,
                faceToFace ? PlaceOfService.COMMUNITY : null, null, Set.of(Activity.RECOVERY_PLANNING),
                Set.of(SupportType.EMOTIONAL), "Talked about the week and the next steps of the plan.", false,
                List.of(), null, null, Contact.Status.SIGNED, start.plus(Duration.ofHours(1)), coachId, List.of(),
                null, null, false, null, List.of(), 1, now, null, null, null);
    }
}
