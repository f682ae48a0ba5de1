package org.peerpath.contacts;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import org.peerpath.billing.BillingCase.ContactType;
import org.peerpath.billing.StandAloneCompliance;
import org.peerpath.contacts.Contact.Status;
import org.peerpath.people.Enrollee;

/**
 * Each enrollee's activity summary (issue 16, "engagement without scanning contacts"): the dates disengagement and
 * the monthly face-to-face are decided from, kept in the enrollee's own document under {@value #FIELD} so every
 * change is one single-document update and the engagement and compliance questions are indexed range queries on
 * the enrollees collection. Only this class writes the field; it has its own stamp ({@code activity.version}),
 * never the enrollee's {@code version}, so the apps' optimistic edits of the enrollee are not disturbed.
 *
 * <p>Updated after every contact write that can change it ({@link ContactLog}: logging a draft, signing, changing
 * a draft, voiding; a group session's attendees go through the same paths). A contact that can only raise a date
 * (a new draft, a signing) is merged into the summary; a change that may lower one (a void, a draft whose date,
 * type or presence changed) recomputes the summary from the enrollee's contacts. Both write with a
 * compare-and-set on the stamp read <em>before</em> the contacts were, retried when another change came between,
 * so two racing changes cannot leave it stale. An amendment changes only a signed contact's end, activities and
 * supports (never its date of service, type or presence), so it leaves the summary as it is. A crash between the
 * contact write and the summary update is repaired by {@link #rebuild} (start-up, hourly, and
 * {@code rebuildActivitySummaries}).
 */
@Service
public class EnrolleeActivity implements SmartInitializingSingleton {

    /** The enrollee document's field holding the summary. */
    public static final String FIELD = "activity";
    public static final String LAST_CONTACT_ON = FIELD + ".lastContactOn";
    public static final String LAST_FACE_TO_FACE_ON = FIELD + ".lastFaceToFaceOn";
    public static final String EARLIER_FACE_TO_FACE_ON = FIELD + ".earlierFaceToFaceOn";
    private static final String VERSION = FIELD + ".version";
    private static final int MAX_ATTEMPTS = 50;

    private final MongoTemplate mongo;
    private final CrashPoints crashPoints;

    EnrolleeActivity(MongoTemplate mongo, CrashPoints crashPoints) {
        this.mongo = mongo;
        this.crashPoints = crashPoints;
    }

    /**
     * The dates of one enrollee's summary; null where there is none.
     *
     * @param lastContactOn the last contact with the client ({@link #reached}), drafts included
     * @param lastFaceToFaceOn the last face-to-face ({@link StandAloneCompliance#countsAsFaceToFace}: signed, the
     *     client present in person)
     * @param earlierFaceToFaceOn the last face-to-face in a month before {@code lastFaceToFaceOn}'s: with it, "seen
     *     face-to-face this month" and "last month" (the reminder job's month end is due throughout the next month)
     *     both read off the summary, derived at query time so a month boundary never leaves it stale
     */
    public record Summary(LocalDate lastContactOn, LocalDate lastFaceToFaceOn, LocalDate earlierFaceToFaceOn) {

        public static final Summary NONE = new Summary(null, null, null);

        /** The summary of a set of contacts, given one contact at a time. */
        Summary with(LocalDate dateOfService, boolean reached, boolean faceToFace) {
            if (dateOfService == null) {
                return this;
            }
            LocalDate contact = reached ? latest(lastContactOn, dateOfService) : lastContactOn;
            if (!faceToFace) {
                return new Summary(contact, lastFaceToFaceOn, earlierFaceToFaceOn);
            }
            if (lastFaceToFaceOn == null || YearMonth.from(dateOfService).isAfter(YearMonth.from(lastFaceToFaceOn))) {
                // A new month of face-to-face: the former last becomes the latest of the months before it.
                return new Summary(contact, dateOfService, lastFaceToFaceOn);
            }
            if (YearMonth.from(dateOfService).equals(YearMonth.from(lastFaceToFaceOn))) {
                return new Summary(contact, latest(lastFaceToFaceOn, dateOfService), earlierFaceToFaceOn);
            }
            return new Summary(contact, lastFaceToFaceOn, latest(earlierFaceToFaceOn, dateOfService));
        }

        /**
         * Whether the client was seen face-to-face in {@code month}, for the current month or the one before it
         * (dates of service are never in the future, so no face-to-face is later than the current month).
         */
        public boolean seenFaceToFaceIn(YearMonth month) {
            return in(lastFaceToFaceOn, month) || in(earlierFaceToFaceOn, month);
        }

        private static boolean in(LocalDate date, YearMonth month) {
            return date != null && YearMonth.from(date).equals(month);
        }
    }

    /** The stored form: the dates and the stamp the compare-and-set checks. */
    record Stored(LocalDate lastContactOn, LocalDate lastFaceToFaceOn, LocalDate earlierFaceToFaceOn, Long version) {

        Summary summary() {
            return new Summary(lastContactOn, lastFaceToFaceOn, earlierFaceToFaceOn);
        }
    }

    /** One enrollee's stored summary as the projection reads it. */
    record Row(@Id String id, String organizationId, Stored activity) {

        Summary summary() {
            return activity == null ? Summary.NONE : activity.summary();
        }

        long version() {
            return activity == null || activity.version() == null ? 0 : activity.version();
        }
    }

    /** What the summary needs of one contact. */
    record Dated(String enrolleeId, ContactType type, boolean clientPresent, Status status, LocalDate dateOfService) {
    }

    @Override
    public void afterSingletonsInstantiated() {
        // The range queries of disengagement (outreach) and the monthly face-to-face (reminders, dashboard).
        mongo.indexOps(Enrollee.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on(LAST_CONTACT_ON, Sort.Direction.ASC).named("org_last_contact"));
        mongo.indexOps(Enrollee.class).createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                .on(LAST_FACE_TO_FACE_ON, Sort.Direction.ASC).named("org_last_face_to_face"));
    }

    /**
     * Whether a contact reached the client, for engagement (Michigan guidance XI.F, seeds/003; the rule is
     * {@code outreach.EngagementRules}'s): a face-to-face or phone contact, or any contact with the client
     * present; drafts count as well as signed contacts (the coach did reach the client), voided ones never.
     */
    static boolean reached(ContactType type, boolean clientPresent, Status status) {
        return status != Status.VOIDED && (type == ContactType.FACE_TO_FACE || type == ContactType.PHONE
                || clientPresent);
    }

    /** Whether a contact counts toward the monthly face-to-face (Michigan XI.E, seeds/003). */
    static boolean faceToFace(boolean clientPresent, Status status) {
        return StandAloneCompliance.countsAsFaceToFace(status == Status.SIGNED, clientPresent);
    }

    // ---- writes ----

    /**
     * After a contact was inserted or signed: its dates can only raise the summary, so they are merged into it.
     * The update is conditional on the stamp read with the summary, retried if another change came between.
     */
    void raisedBy(Contact contact) {
        crashPoints.beforeActivity(contact.id());
        boolean reached = reached(contact.type(), contact.clientPresent(), contact.status());
        boolean faceToFace = faceToFace(contact.clientPresent(), contact.status());
        if (!reached && !faceToFace) {
            return;
        }
        update(contact.enrolleeId(), current -> current.with(contact.dateOfService(), reached, faceToFace));
    }

    /** After a change that may lower the summary (a void, a draft changed): recomputed from the contacts. */
    void changedBy(Contact contact) {
        crashPoints.beforeActivity(contact.id());
        update(contact.enrolleeId(), current -> fromContacts(contact.enrolleeId()));
    }

    private void update(String enrolleeId, java.util.function.UnaryOperator<Summary> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Row row = read(List.of(enrolleeId)).get(enrolleeId);
            if (row == null) {
                return; // no such enrollee: nothing to summarize
            }
            // The stamp is read before the contacts (in change), so a contact written after it moves the stamp.
            // Written even when unchanged: every contact change must move the stamp after its contact was written,
            // or a recompute that read the contacts before that write could still land over it. (A void racing a
            // signing on the same day lost the signing's face-to-face that way: the signing found nothing to raise
            // and wrote nothing, the void's older recompute then passed its compare-and-set.)
            Summary next = change.apply(row.summary());
            if (write(enrolleeId, row.version(), next)) {
                return;
            }
        }
        throw new IllegalStateException("The activity summary of enrollee " + enrolleeId
                + " kept changing; the next rebuild repairs it.");
    }

    /** Writes {@code next} if the summary still has stamp {@code version}; whether it did. */
    private boolean write(String enrolleeId, long version, Summary next) {
        Criteria stamp = version == 0
                ? new Criteria().orOperator(Criteria.where(VERSION).is(null), Criteria.where(VERSION).is(0L))
                : Criteria.where(VERSION).is(version);
        Update update = new Update().set(LAST_CONTACT_ON, date(next.lastContactOn()))
                .set(LAST_FACE_TO_FACE_ON, date(next.lastFaceToFaceOn()))
                .set(EARLIER_FACE_TO_FACE_ON, date(next.earlierFaceToFaceOn())).set(VERSION, version + 1);
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(enrolleeId).andOperator(stamp)), update,
                FindAndModifyOptions.options().returnNew(true), Row.class, collection()) != null;
    }

    // ---- reads ----

    /** The summaries of {@code enrolleeIds} in one query; an enrollee never reached has {@link Summary#NONE}. */
    public Map<String, Summary> of(Collection<String> enrolleeIds) {
        Map<String, Summary> result = new HashMap<>();
        read(enrolleeIds).forEach((id, row) -> result.put(id, row.summary()));
        return result;
    }

    /**
     * Enrollees whose last contact is before {@code cutoff} or who were never reached: a superset of those not
     * engaged on a day {@code cutoff} is that many days before (engagement also counts from the enrollment date).
     */
    public static Criteria lastContactBefore(LocalDate cutoff, MongoTemplate mongo) {
        return new Criteria().orOperator(Criteria.where(LAST_CONTACT_ON).lt(mongo.getConverter()
                .convertToMongoType(cutoff)), Criteria.where(LAST_CONTACT_ON).is(null));
    }

    /** Of {@code enrolleeIds} (a page of the organization's), those seen face-to-face in {@code month}. */
    public java.util.Set<String> seenFaceToFaceIn(String organizationId, Collection<String> enrolleeIds,
            YearMonth month) {
        if (enrolleeIds.isEmpty()) {
            return java.util.Set.of();
        }
        Object from = date(month.atDay(1));
        Object to = date(month.atEndOfMonth());
        Query query = Query.query(Criteria.where("_id").in(enrolleeIds).and("organizationId").is(organizationId)
                .orOperator(Criteria.where(LAST_FACE_TO_FACE_ON).gte(from).lte(to),
                        Criteria.where(EARLIER_FACE_TO_FACE_ON).gte(from).lte(to)));
        query.fields().include("_id");
        return mongo.find(query, Row.class, collection()).stream().map(Row::id)
                .collect(java.util.stream.Collectors.toSet());
    }

    private Map<String, Row> read(Collection<String> enrolleeIds) {
        Map<String, Row> rows = new HashMap<>();
        if (enrolleeIds.isEmpty()) {
            return rows;
        }
        Query query = Query.query(Criteria.where("_id").in(enrolleeIds));
        query.fields().include("organizationId", FIELD);
        mongo.find(query, Row.class, collection()).forEach(row -> rows.put(row.id(), row));
        return rows;
    }

    // ---- from the contacts ----

    /** The summary as the enrollee's contacts say now. */
    Summary fromContacts(String enrolleeId) {
        return fromContacts(List.of(enrolleeId)).getOrDefault(enrolleeId, Summary.NONE);
    }

    /** The summaries as the contacts of {@code enrolleeIds} say now, in one query (only the fields they need). */
    Map<String, Summary> fromContacts(Collection<String> enrolleeIds) {
        Map<String, Summary> result = new HashMap<>();
        if (enrolleeIds.isEmpty()) {
            return result;
        }
        Query query = Query.query(Criteria.where("enrolleeId").in(enrolleeIds).and("status")
                .in(Status.DRAFT.name(), Status.SIGNED.name()).orOperator(
                        Criteria.where("type").in(ContactType.FACE_TO_FACE.name(), ContactType.PHONE.name()),
                        Criteria.where("clientPresent").is(true)));
        query.fields().include("enrolleeId", "type", "clientPresent", "status", "dateOfService");
        for (Dated contact : mongo.find(query, Dated.class, mongo.getCollectionName(Contact.class))) {
            result.put(contact.enrolleeId(), result.getOrDefault(contact.enrolleeId(), Summary.NONE).with(
                    contact.dateOfService(), reached(contact.type(), contact.clientPresent(), contact.status()),
                    faceToFace(contact.clientPresent(), contact.status())));
        }
        return result;
    }

    /** One enrollee whose stored summary differed from its contacts, and what it was set to. */
    record Rebuilt(String enrolleeId, Summary was, Summary now) {

        String detail() {
            return "Activity summary rebuilt from the contacts: last contact " + was.lastContactOn() + " -> "
                    + now.lastContactOn() + ", last face-to-face " + was.lastFaceToFaceOn() + " -> "
                    + now.lastFaceToFaceOn() + ", face-to-face of the month before it " + was.earlierFaceToFaceOn()
                    + " -> " + now.earlierFaceToFaceOn();
        }
    }

    /** What a rebuild of one organization checked and changed. */
    record Rebuild(int enrolleesChecked, List<Rebuilt> rebuilt) {
    }

    /**
     * Rebuilds the summaries of an organization's enrollees from their contacts, {@code pageSize} enrollees at a
     * time: per page one read of the summaries (with their stamps), one of the contacts, then a compare-and-set for
     * each summary that differs. A summary a live change moved meanwhile is recomputed on its own.
     */
    Rebuild rebuild(String organizationId, int pageSize) {
        List<Rebuilt> rebuilt = new ArrayList<>();
        int checked = 0;
        String after = null;
        while (true) {
            Criteria criteria = Criteria.where("organizationId").is(organizationId);
            if (after != null) {
                criteria = criteria.and("_id").gt(after);
            }
            Query query = Query.query(criteria).with(Sort.by("_id")).limit(pageSize);
            query.fields().include("organizationId", FIELD);
            List<Row> page = mongo.find(query, Row.class, collection());
            if (page.isEmpty()) {
                return new Rebuild(checked, List.copyOf(rebuilt));
            }
            checked += page.size();
            after = page.get(page.size() - 1).id();
            Map<String, Summary> truth = fromContacts(page.stream().map(Row::id).toList());
            for (Row row : page) {
                Summary now = truth.getOrDefault(row.id(), Summary.NONE);
                if (now.equals(row.summary())) {
                    continue;
                }
                if (!write(row.id(), row.version(), now)) {
                    update(row.id(), current -> fromContacts(row.id()));
                    Row repaired = read(List.of(row.id())).get(row.id());
                    now = repaired == null ? now : repaired.summary();
                    if (now.equals(row.summary())) {
                        continue;
                    }
                }
                rebuilt.add(new Rebuilt(row.id(), row.summary(), now));
            }
        }
    }

    private String collection() {
        return mongo.getCollectionName(Enrollee.class);
    }

    private Object date(LocalDate date) {
        return date == null ? null : mongo.getConverter().convertToMongoType(date);
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
