package org.peerpath.reminders;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import org.peerpath.database.InsertMany;
import org.peerpath.people.Enrollee;
import org.peerpath.reminders.ReminderSchedule.Stage;

/**
 * Exactly-once bookkeeping for reminders, on the unique {@code _id} index alone (the embedded server has no
 * transactions, and none are needed).
 *
 * <p>A claim {@code enrolleeId:yyyy-MM:STAGE} is inserted before the digest that counts the client is built; a
 * duplicate key means another run (a restart, another instance) already has it. Claims are never undone:
 * when the send then fails, or the process dies between claim and send, that client is not reminded for that
 * stage (at most once, never a resend storm); the notification record says FAILED or PENDING, and the next
 * stage covers the client again.
 *
 * <p>The optional reminders claim items the same way under their own ids ({@link OptionalReminder}):
 * {@code draft:<contactId>:unsigned-2d} and the like, once ever per item, plus one claim per coach, kind and
 * local day.
 *
 * <p>This is idempotency, not locking: the job's lock per organization ({@link ReminderJob}) only keeps two
 * instances from doing the same work at once; these claims keep each reminder single even when they do.
 */
@Component
class ReminderLedger {

    static final String CLAIMS = "reminderLedger";

    private final MongoTemplate mongo;

    ReminderLedger(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    static String claimId(String enrolleeId, YearMonth month, Stage stage) {
        return enrolleeId + ":" + month + ":" + stage.code();
    }

    /** The enrollees among {@code enrolleeIds} already claimed for the stage and month (one query). */
    Set<String> claimed(Collection<String> enrolleeIds, YearMonth month, Stage stage) {
        Query query = Query.query(Criteria.where("_id").in(enrolleeIds.stream()
                .map(id -> claimId(id, month, stage)).toList()));
        return mongo.find(query, Document.class, CLAIMS).stream().map(d -> d.getString("enrolleeId"))
                .collect(Collectors.toSet());
    }

    /**
     * Claims the stage and month for each of {@code clients} in one unordered insert: the clients this run won. A
     * duplicate key is a claim another run (a restart, another instance) already holds, so a run interrupted
     * mid-batch and run again claims only what is left.
     */
    List<Enrollee> claim(String organizationId, List<Enrollee> clients, YearMonth month, Stage stage, String runId,
            Instant now) {
        List<Document> claims = clients.stream().map(client -> claimOf(organizationId, client.id(), client.coachId(),
                month, stage, runId, now)).toList();
        Set<Integer> taken = InsertMany.unordered(mongo, CLAIMS, claims);
        return IntStream.range(0, clients.size()).filter(i -> !taken.contains(i)).mapToObj(clients::get).toList();
    }

    private static Document claimOf(String organizationId, String enrolleeId, String coachId, YearMonth month,
            Stage stage, String runId, Instant now) {
        return new Document("_id", claimId(enrolleeId, month, stage)).append("organizationId", organizationId)
                .append("enrolleeId", enrolleeId).append("coachId", coachId).append("month", month.toString())
                .append("stage", stage.code()).append("runId", runId).append("claimedAt", java.util.Date.from(now));
    }

    /** Whether this run won the claim for the enrollee, stage and month. */
    boolean claim(String organizationId, String enrolleeId, String coachId, YearMonth month, Stage stage, String runId,
            Instant now) {
        try {
            mongo.insert(claimOf(organizationId, enrolleeId, coachId, month, stage, runId, now), CLAIMS);
            return true;
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
    }

    /** Which of these item claim ids (see {@link OptionalReminder}) are already taken, in one query. */
    Set<String> taken(Collection<String> claimIds) {
        if (claimIds.isEmpty()) {
            return Set.of();
        }
        Query query = Query.query(Criteria.where("_id").in(claimIds));
        query.fields().include("_id");
        return mongo.find(query, Document.class, CLAIMS).stream().map(d -> d.getString("_id"))
                .collect(Collectors.toSet());
    }

    /** A claim with its own id for a recipient: an item of an optional reminder, or a recipient's day. */
    record Claim(String claimId, String recipientId) {
    }

    /**
     * The claims of {@code claims} this run won, in one unordered insert: a duplicate key is a claim another run
     * already holds (see {@link #claim(String, List, YearMonth, Stage, String, Instant)}).
     */
    Set<String> claimAll(String organizationId, List<Claim> claims, String kind, String runId, Instant now) {
        if (claims.isEmpty()) {
            return Set.of();
        }
        List<Document> documents = claims.stream().map(c -> claimOf(c.claimId(), organizationId, c.recipientId(), kind,
                runId, now)).toList();
        Set<Integer> taken = InsertMany.unordered(mongo, CLAIMS, documents);
        return IntStream.range(0, claims.size()).filter(i -> !taken.contains(i))
                .mapToObj(i -> claims.get(i).claimId()).collect(Collectors.toSet());
    }

    private static Document claimOf(String claimId, String organizationId, String recipientId, String kind,
            String runId, Instant now) {
        return new Document("_id", claimId).append("organizationId", organizationId)
                .append("recipientId", recipientId).append("kind", kind).append("runId", runId)
                .append("claimedAt", java.util.Date.from(now));
    }

    /** Whether this run won the claim with this id (an item of an optional reminder, or a recipient's day). */
    boolean claim(String claimId, String organizationId, String recipientId, String kind, String runId,
            Instant now) {
        try {
            mongo.insert(claimOf(claimId, organizationId, recipientId, kind, runId, now), CLAIMS);
            return true;
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
    }
}
