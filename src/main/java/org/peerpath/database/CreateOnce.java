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

    /** A stable digest of the creating request (records have a deterministic {@code toString}). */
    public static String digest(Object input) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(input.toString().getBytes(StandardCharsets.UTF_8));
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
        try {
            return mongo.insert(record);
        }
        catch (DuplicateKeyException ex) {
            T existing = mongo.findById(id, type);
            if (existing != null && digestOf.apply(existing).equals(digestOf.apply(record))) {
                return existing;
            }
            throw DomainException.conflict("The id " + id + " is already used by a different record.",
                    Map.of("id", id));
        }
    }
}
