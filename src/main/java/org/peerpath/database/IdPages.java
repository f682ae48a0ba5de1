package org.peerpath.database;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * How a job walks every record of an organization: pages in {@code _id} order, each starting after the last id
 * of the one before (keyset, so records added meanwhile are neither skipped nor repeated), reading only the
 * fields the job needs. The job holds one page in memory and costs one command per page, whatever the
 * organization's size (issue 16).
 */
public final class IdPages {

    /** The page size of the jobs: large enough that commands stay few, small enough that a page is cheap. */
    public static final int SIZE = 500;

    private IdPages() {
    }

    /**
     * Hands every record {@code scope} matches to {@code page}, {@code size} at a time.
     *
     * @param fields the fields to read (the id is always read)
     * @return how many records were handed over
     */
    public static <T> long forEach(MongoTemplate mongo, Criteria scope, Class<T> type, Function<T, String> idOf,
            int size, List<String> fields, Consumer<List<T>> page) {
        return forEach(query -> mongo.find(query, type), scope, idOf, size, fields, page);
    }

    /**
     * As {@link #forEach(MongoTemplate, Criteria, Class, Function, int, List, Consumer)}, the raw documents of
     * {@code collection}: for reads of a few fields that do not build the feature's record.
     */
    public static long forEach(MongoTemplate mongo, Criteria scope, String collection, int size, List<String> fields,
            Consumer<List<Document>> page) {
        return forEach(query -> mongo.find(query, Document.class, collection), scope, d -> d.getString("_id"), size,
                fields, page);
    }

    private static <T> long forEach(Function<Query, List<T>> find, Criteria scope, Function<T, String> idOf,
            int size, List<String> fields, Consumer<List<T>> page) {
        long seen = 0;
        String after = null;
        while (true) {
            Criteria criteria = after == null ? scope
                    : new Criteria().andOperator(scope, Criteria.where("_id").gt(after));
            Query query = Query.query(criteria).with(Sort.by("_id")).limit(size);
            query.fields().include(fields.toArray(String[]::new));
            List<T> rows = find.apply(query);
            if (rows.isEmpty()) {
                return seen;
            }
            seen += rows.size();
            page.accept(rows);
            if (rows.size() < size) {
                return seen;
            }
            after = idOf.apply(rows.get(rows.size() - 1));
        }
    }
}
