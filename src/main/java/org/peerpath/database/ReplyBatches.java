package org.peerpath.database;

import java.util.Locale;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * Caps the documents in one reply of the embedded server (issue 19: "never lets one query build a reply the driver
 * cannot take"). MongoDB closes a batch at 16 MB by itself; the embedded server puts every matching document into
 * the first reply unless the command names a batch size, and the driver refuses a reply over 48 MB (the reminder
 * job's candidates were 78.8 MB at 100,000 enrollees, and failed every run). So a {@code find} or {@code getMore}
 * that names no batch size, or a larger one, gets {@value #MAX_DOCUMENTS}; the driver fetches the rest with
 * {@code getMore} as it would from MongoDB. Lists the apps see are keyset pages anyway ({@link Keyset}); this
 * bounds everything else (jobs, exports, checks over a whole organization).
 */
final class ReplyBatches {

    /** About 1 MB of contacts; even documents of 16 KB each stay far below the driver's limit. */
    static final int MAX_DOCUMENTS = 1_000;

    private ReplyBatches() {
    }

    /** The embedded server in memory (the tests), its replies bounded like the file store's. */
    static H2Backend inMemory() {
        return new IndexedH2Backend(MVStore.open(null)) {

            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                return super.handleCommand(channel, database, command, bounded(command, query));
            }
        };
    }

    /** {@code command} as the server should run it: with a batch size of at most {@link #MAX_DOCUMENTS}. */
    static Document bounded(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (!name.equals("find") && !name.equals("getmore")
                || Boolean.TRUE.equals(query.get("singleBatch"))) { // the caller asked for one reply only
            return query;
        }
        Object batchSize = query.get("batchSize");
        if (batchSize instanceof Number size && size.intValue() > 0 && size.intValue() <= MAX_DOCUMENTS) {
            return query;
        }
        Document bounded = new Document(query);
        bounded.put("batchSize", MAX_DOCUMENTS);
        return bounded;
    }
}
