package org.peerpath.database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import org.peerpath.graphql.DomainException;

/**
 * Idempotent creation under a client-generated id. Phones retry when a connection drops; the retry must return
 * what the first attempt created, never a second record. The unique {@code _id} index decides atomically who
 * was first, on the embedded server and on a replica set alike. Reusing an id for different content is a
 * CONFLICT, detected through a digest of the creating input stored on the record.
 */
public final class CreateOnce {

    private CreateOnce() {
    }

    /**
     * A stable digest of the creating request and of who sent it (records have a deterministic
     * {@code toString}). The caller is part of it so that a "retry" by anyone else is not a retry: replaying
     * another person's exact input must not hand back their record.
     */
    public static String digest(String callerId, Object input) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((callerId + "\n" + input).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Inserts {@code record}, or returns the record already stored under its id when it was created by the same
     * request.
     */
    public static <T> T insert(MongoTemplate mongo, T record, String id, Class<T> type, Function<T, String> digestOf) {
        return create(mongo, record, id, type, digestOf).record();
    }

    /** Like {@link #insert}, telling whether this call created the record or found the one a retry made. */
    public static <T> Created<T> create(MongoTemplate mongo, T record, String id, Class<T> type,
            Function<T, String> digestOf) {
        try {
            return new Created<>(mongo.insert(record), true);
        }
        catch (DuplicateKeyException ex) {
            T existing = mongo.findById(id, type);
            requireRetryOf(existing, record, id, digestOf);
            return new Created<>(existing, false);
        }
    }

    /**
     * Refuses ({@code CONFLICT}) when {@code id} is taken by anything but an earlier attempt of this same request:
     * lets a caller check before its first write. The message is the same whoever holds the id.
     */
    public static <T> void requireRetryOf(T existing, T record, String id, Function<T, String> digestOf) {
        if (existing != null && !digestOf.apply(existing).equals(digestOf.apply(record))) {
            throw DomainException.conflict("The id " + id + " cannot be used for this record; generate a new one.",
                    Map.of("id", id));
        }
    }

    /** The stored record, and whether this call inserted it. */
    public record Created<T>(T record, boolean fresh) {
    }
}
