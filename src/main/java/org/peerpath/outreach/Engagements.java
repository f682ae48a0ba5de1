package org.peerpath.outreach;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.bson.Document;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import org.peerpath.billing.StandAloneCompliance;
import org.peerpath.contacts.ContactActivity;
import org.peerpath.contacts.ContactActivity.LastContacts;
import org.peerpath.contacts.EnrolleeActivity;
import org.peerpath.database.IdPages;
import org.peerpath.graphql.DomainException;
import org.peerpath.people.Enrollee;
import org.peerpath.people.Organization;
import org.peerpath.people.ProgramStatus;
import org.peerpath.outreach.EngagementRules.Engagement;
import org.peerpath.outreach.EngagementRules.Thresholds;

/**
 * Engagement of many enrollees at once, from their activity summaries (issue 16: the last contacts kept on each
 * enrollee, never a scan of contacts) and {@link EngagementRules}: for a list of enrollees, in the jobs' pages, and
 * for the supervisor's dashboard in a fixed number of commands whatever the organization's size (the clients
 * needing attention and the monthly face-to-face counted by the database). Callers check access and audit.
 */
@Service
class Engagements {

    private final MongoTemplate mongo;
    private final ContactActivity activity;

    Engagements(MongoTemplate mongo, ContactActivity activity) {
        this.mongo = mongo;
        this.activity = activity;
    }

    /** One client's engagement, with the month's stand-alone face-to-face (Michigan XI.E) where it applies. */
    record ClientEngagement(Enrollee enrollee, Engagement engagement, Boolean monthlyFaceToFaceMet) {

        EngagementRules.Status status() {
            return engagement.status();
        }
    }

    /**
     * Clients of the organization, or of one coach when {@code coachId} is given, with a coach, enrolled on
     * {@code today} (time outside an enrollment episode is not disengagement), who may need attention: an indexed
     * range query on their activity summaries ({@link EnrolleeActivity}, issue 16) for a last contact more than the
     * organization's at-risk threshold ago, or none. A superset of those {@link EngagementRules} finds at risk or
     * disengaged (it also counts from the enrollment date), so the rule, applied after, answers exactly as it did
     * over every client.
     */
    List<Enrollee> mayNeedAttention(Organization organization, String coachId, LocalDate today) {
        return enrolled(organization.id(), coachId, today, EnrolleeActivity.lastContactBefore(
                today.minusDays(thresholds(organization).atRiskAfterDays()), mongo));
    }

    /** What the requirement reads of a client ({@link StandAloneCompliance#appliesIn}), with their coach. */
    record ComplianceInputs(String coachId, LocalDate enrolledOn, LocalDate dischargedOn,
            LocalDate acuteTreatmentEndedOn, boolean seenThisMonth) {
    }

    record ComplianceGroup(@Id ComplianceInputs inputs, int clients) {
    }

    /**
     * This month's stand-alone face-to-face compliance (Michigan guidance XI.E, seeds/003) of the organization's
     * enrolled clients with a coach, per coach in id order: one aggregation whatever the organization's size
     * (issue 16; paging every stand-alone client cost two commands per 500). The database narrows to clients in
     * stand-alone services whose acute treatment ended where the requirement can apply this month, and counts
     * them grouped by what the rule reads (their latest episode's dates, the acute end, a face-to-face this month
     * on their activity summary); {@link StandAloneCompliance#appliesIn} then decides per group exactly as {@link
     * EngagementRules#monthlyFaceToFaceMet} does per client.
     */
    List<OutreachController.CoachCompliance> faceToFaceCompliance(String organizationId, LocalDate today) {
        YearMonth month = YearMonth.from(today);
        Object monthStart = date(month.atDay(1));
        Object monthEnd = date(month.atEndOfMonth());
        Criteria candidates = new Criteria().andOperator(inTheEpisodeOfToday(organizationId, today),
                Criteria.where("inStandAloneServices").is(true),
                // EngagementRules.monthlyFaceToFaceMet answers nothing without a date of birth.
                Criteria.where("dateOfBirth").ne(null),
                Criteria.where("acuteTreatmentEndedOn")
                        .gte(date(StandAloneCompliance.earliestAcuteTreatmentEndConcerning(month))).lte(monthEnd));
        String seen = "$" + EnrolleeActivity.LAST_FACE_TO_FACE_ON;
        Document inputs = new Document("coachId", "$coachId").append("enrolledOn", "$enrolledOn")
                .append("dischargedOn", "$dischargedOn").append("acuteTreatmentEndedOn", "$acuteTreatmentEndedOn")
                .append("seenThisMonth", new Document("$and", List.of(
                        new Document("$gte", List.of(seen, monthStart)),
                        new Document("$lte", List.of(seen, monthEnd)))));
        Aggregation aggregation = Aggregation.newAggregation(Aggregation.match(candidates),
                context -> new Document("$group", new Document("_id", inputs)
                        .append("clients", new Document("$sum", 1))));
        Map<String, int[]> perCoach = new TreeMap<>();
        for (ComplianceGroup group : mongo.aggregate(aggregation, Enrollee.class, ComplianceGroup.class)) {
            ComplianceInputs client = group.inputs();
            if (StandAloneCompliance.appliesIn(month, client.enrolledOn(), client.dischargedOn(),
                    client.acuteTreatmentEndedOn())) {
                int[] counts = perCoach.computeIfAbsent(client.coachId(), id -> new int[2]);
                counts[0] += group.clients();
                counts[1] += client.seenThisMonth() ? group.clients() : 0;
            }
        }
        return perCoach.entrySet().stream().map(e -> new OutreachController.CoachCompliance(e.getKey(),
                e.getValue()[0], e.getValue()[1], e.getValue()[0] - e.getValue()[1])).toList();
    }

    private Object date(LocalDate date) {
        return mongo.getConverter().convertToMongoType(date);
    }

    private List<Enrollee> enrolled(String organizationId, String coachId, LocalDate today, Criteria narrowing) {
        // The stored status is the latest episode's; the day of discharge itself is still enrolled.
        Criteria criteria = Criteria.where("organizationId").is(organizationId).orOperator(
                Criteria.where("status").is(ProgramStatus.ENROLLED), Criteria.where("dischargedOn").gte(today));
        criteria = coachId == null ? criteria.and("coachId").ne(null) : criteria.and("coachId").is(coachId);
        if (narrowing != null) {
            criteria = new Criteria().andOperator(criteria, narrowing);
        }
        return mongo.find(Query.query(criteria).with(Sort.by("sortName", "_id")), Enrollee.class).stream()
                .filter(enrollee -> enrollee.enrolledAt(today)).toList();
    }

    /**
     * The organization's clients who may be disengaged on {@code today}, for the job: enrolled with a coach, last
     * contact (activity summary, issue 16) more than the disengagement threshold ago or none, {@link
     * EngagementRules} deciding after; a page at a time in id order ({@link IdPages}), with only the fields
     * engagement needs, so the job holds one page whatever the organization's size.
     */
    void mayBeDisengagedInPages(Organization organization, LocalDate today, int pageSize,
            Consumer<List<Enrollee>> page) {
        Criteria criteria = new Criteria().andOperator(enrolledWithACoach(organization.id(), today),
                EnrolleeActivity.lastContactBefore(today.minusDays(thresholds(organization).disengagedAfterDays()),
                        mongo));
        enrolledInPages(criteria, today, pageSize, page);
    }

    /** The enrollees {@code criteria} finds that are enrolled on {@code today}, a page at a time in id order. */
    private void enrolledInPages(Criteria criteria, LocalDate today, int pageSize, Consumer<List<Enrollee>> page) {
        IdPages.forEach(mongo, criteria, Enrollee.class, Enrollee::id, pageSize, Enrollee.ENROLMENT_FIELDS, rows -> {
            List<Enrollee> enrolled = rows.stream().filter(enrollee -> enrollee.enrolledAt(today)).toList();
            if (!enrolled.isEmpty()) {
                page.accept(enrolled);
            }
        });
    }

    /**
     * Enrolled on {@code today} with a coach, in a query alone: no date is ever entered in the future, so the stored
     * enrolment (the latest episode's) is the one covering today once it has begun. For the dashboard's counts,
     * which the database makes without {@link Enrollee#enrolledAt}.
     */
    private Criteria inTheEpisodeOfToday(String organizationId, LocalDate today) {
        return new Criteria().andOperator(enrolledWithACoach(organizationId, today), new Criteria().orOperator(
                Criteria.where("enrolledOn").is(null), Criteria.where("enrolledOn").lte(date(today))));
    }

    /** Stored as enrolled on {@code today} with a coach (the day of discharge itself is still enrolled). */
    private static Criteria enrolledWithACoach(String organizationId, LocalDate today) {
        return Criteria.where("organizationId").is(organizationId).and("coachId").ne(null).orOperator(
                Criteria.where("status").is(ProgramStatus.ENROLLED), Criteria.where("dischargedOn").gte(today));
    }

    List<ClientEngagement> of(Organization organization, List<Enrollee> enrollees, LocalDate today) {
        Map<String, LastContacts> last = activity.lastContacts(enrollees.stream().map(Enrollee::id).toList());
        Thresholds thresholds = thresholds(organization);
        return enrollees.stream().map(e -> of(e, last.getOrDefault(e.id(), new LastContacts(e.id(), null, null)),
                thresholds, today)).toList();
    }

    private static ClientEngagement of(Enrollee e, LastContacts contacts, Thresholds thresholds, LocalDate today) {
        Engagement engagement = EngagementRules.assess(contacts.lastContactOn(), contacts.lastFaceToFaceOn(),
                e.episodeAt(today).enrolledOn(), thresholds, today);
        return new ClientEngagement(e, engagement, EngagementRules.monthlyFaceToFaceMet(e.dateOfBirth(),
                e.enrolledOn(), e.dischargedOn(), e.inStandAloneServices(), e.acuteTreatmentEndedOn(),
                contacts.lastFaceToFaceOn(), today));
    }

    /** What the page of {@link #needingAttention(Organization, LocalDate, String, int)} reads of an enrollee. */
    record Candidate(@Id String id, String sortName, LocalDate enrolledOn, Activity activity) {

        record Activity(LocalDate lastContactOn, LocalDate lastFaceToFaceOn) {
        }

        LastContacts lastContacts() {
            return activity == null ? new LastContacts(id, null, null)
                    : new LastContacts(id, activity.lastContactOn(), activity.lastFaceToFaceOn());
        }
    }

    /** How many clients need attention, and the ones of a page in attention order. */
    record AttentionPage(int total, List<ClientEngagement> page) {
    }

    /**
     * The organization's clients needing attention on {@code today} (at risk or disengaged, {@link
     * EngagementRules#assess}): how many, and the first {@code limit} whose {@link #attentionKey} comes after
     * {@code after} (null: from the start). Three commands whatever the organization's size (issue 16: at 100,000
     * enrollees the dashboard held 20,000 whole records and summaries to answer 20 rows, and streaming them still
     * cost a reply per 1,000): two aggregations count and page the candidates in the database, a find reads the
     * page's records.
     *
     * <p>In the database the rule is the same as {@link EngagementRules#assess}'s: days are counted from the later
     * of the last contact and the enrolment ({@code $max} ignores a missing one), a client needs attention when
     * that day is before today minus the at-risk threshold or unknown, and the longest without contact come first
     * (the earliest day; unknown first), then by name and id. The page is then assessed by the rule itself.
     */
    AttentionPage needingAttention(Organization organization, LocalDate today, String after, int limit) {
        Thresholds thresholds = thresholds(organization);
        LocalDate atRiskBefore = today.minusDays(thresholds.atRiskAfterDays());
        Object cutoff = date(atRiskBefore);
        Criteria scope = new Criteria().andOperator(inTheEpisodeOfToday(organization.id(), today),
                EnrolleeActivity.lastContactBefore(atRiskBefore, mongo));
        Document countedFrom = new Document("sortName", 1).append("enrolledOn", 1)
                .append(EnrolleeActivity.LAST_CONTACT_ON, 1).append(EnrolleeActivity.LAST_FACE_TO_FACE_ON, 1)
                .append("countedFrom", new Document("$max", List.of("$" + EnrolleeActivity.LAST_CONTACT_ON,
                        "$enrolledOn")));
        Document needing = new Document("$or", List.of(new Document("countedFrom", null),
                new Document("countedFrom", new Document("$lt", cutoff))));
        List<AggregationOperation> stages = List.of(Aggregation.match(scope),
                context -> new Document("$project", countedFrom), context -> new Document("$match", needing));

        List<AggregationOperation> counting = new ArrayList<>(stages);
        counting.add(context -> new Document("$count", "total"));
        Document counted = mongo.aggregate(Aggregation.newAggregation(counting),
                mongo.getCollectionName(Enrollee.class), Document.class).getUniqueMappedResult();
        int total = counted == null ? 0 : ((Number) counted.get("total")).intValue();

        List<AggregationOperation> paging = new ArrayList<>(stages);
        if (after != null) {
            paging.add(context -> new Document("$match", after(after, today)));
        }
        paging.add(context -> new Document("$sort", new Document("countedFrom", 1).append("sortName", 1)
                .append("_id", 1)));
        paging.add(Aggregation.limit(limit));
        List<Candidate> page = mongo.aggregate(Aggregation.newAggregation(paging),
                mongo.getCollectionName(Enrollee.class), Candidate.class).getMappedResults();

        Map<String, Enrollee> records = new HashMap<>();
        if (!page.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(page.stream().map(Candidate::id).toList())
                    .and("organizationId").is(organization.id())), Enrollee.class)
                    .forEach(e -> records.put(e.id(), e));
        }
        return new AttentionPage(total, page.stream().filter(c -> records.containsKey(c.id()))
                .map(c -> of(records.get(c.id()), c.lastContacts(), thresholds, today)).toList());
    }

    /** The candidates after the one {@code key} names, in the order above: {@link #attentionKey} read back. */
    private Document after(String key, LocalDate today) {
        String[] parts = key.split("\0", -1);
        Long days = null;
        try {
            if (parts.length != 3 || !parts[0].equals("0") && !parts[0].startsWith("1")) {
                throw new NumberFormatException(key);
            }
            days = parts[0].equals("0") ? null : 9_999_999_999L - Long.parseLong(parts[0].substring(1));
        }
        catch (NumberFormatException ex) {
            throw DomainException.validation("The cursor 'after' is not one this service issued.");
        }
        Document later = new Document("$or", List.of(new Document("sortName", new Document("$gt", parts[1])),
                new Document("sortName", parts[1]).append("_id", new Document("$gt", parts[2]))));
        if (days == null) { // never reached: the rest of them, then everyone counted from a day
            return new Document("$or", List.of(new Document("countedFrom", null).append("$and", List.of(later)),
                    new Document("countedFrom", new Document("$ne", null))));
        }
        Object from = date(today.minusDays(days));
        return new Document("$or", List.of(new Document("countedFrom", new Document("$gt", from)),
                new Document("countedFrom", from).append("$and", List.of(later))));
    }

    /**
     * The order of clients needing attention ({@link #needingAttention(List)}: never reached first, then longest
     * without contact, then name and id) as one text key, for the dashboard's cursors.
     */
    static String attentionKey(Integer daysSinceLastContact, String sortName, String id) {
        String since = daysSinceLastContact == null ? "0"
                : "1" + String.format(java.util.Locale.ROOT, "%010d", 9_999_999_999L - daysSinceLastContact);
        return since + '\0' + java.util.Objects.toString(sortName, "") + '\0' + id;
    }

    /** Those needing attention (at risk or disengaged), longest without contact first. */
    static List<ClientEngagement> needingAttention(List<ClientEngagement> all) {
        return all.stream().filter(c -> c.status() != EngagementRules.Status.ENGAGED)
                .sorted(Comparator.comparing((ClientEngagement c) -> c.engagement().daysSinceLastContact(),
                        Comparator.nullsFirst(Comparator.reverseOrder()))
                        .thenComparing(c -> c.enrollee().sortName()).thenComparing(c -> c.enrollee().id()))
                .toList();
    }

    static Thresholds thresholds(Organization organization) {
        int atRisk = organization.atRiskAfterDays() > 0 ? organization.atRiskAfterDays()
                : Organization.DEFAULT_AT_RISK_AFTER_DAYS;
        int disengaged = organization.disengagedAfterDays() > 0 ? organization.disengagedAfterDays()
                : Organization.DEFAULT_DISENGAGED_AFTER_DAYS;
        return new Thresholds(atRisk, Math.max(atRisk, disengaged));
    }
}
