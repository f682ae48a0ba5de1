package org.peerpath.database;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import org.peerpath.graphql.Cursor;
import org.peerpath.graphql.DomainException;
import org.peerpath.graphql.PageRequest;

/**
 * Keyset paging on one sort field with {@code _id} as tie-breaker: the one way every connection pages, so
 * pages never skip or repeat rows when records are added, and a cursor is the last row's two keys (opaque,
 * see {@link Cursor}). A cursor whose key does not parse is a validation error, like any foreign cursor.
 *
 * @param field the sort field
 * @param direction ascending or descending, for the field and the tie-breaker alike
 * @param parse how a cursor's text becomes the field's value (e.g. {@code Instant::parse})
 */
public record Keyset<V>(String field, Sort.Direction direction, Function<String, V> parse) {

    public static <V> Keyset<V> ascending(String field, Function<String, V> parse) {
        return new Keyset<>(field, Sort.Direction.ASC, parse);
    }

    public static <V> Keyset<V> descending(String field, Function<String, V> parse) {
        return new Keyset<>(field, Sort.Direction.DESC, parse);
    }

    /** The page's query: {@code scope}, after the page's cursor if it has one, in order, one row more than asked. */
    public Query query(Criteria scope, PageRequest page) {
        Criteria criteria = page.after() == null ? scope : new Criteria().andOperator(scope, after(page.after()));
        return Query.query(criteria).with(Sort.by(direction, field, "_id")).limit(page.fetchSize());
    }

    /** The cursor of a row with sort value {@code value} and id {@code id}. */
    public String cursor(Object value, String id) {
        return Cursor.encode(value.toString(), id);
    }

    /**
     * Hands every row {@code scope} matches to {@code page} in this order, {@code size} at a time, each page
     * starting after the last row of the one before: how a check or a job walks a list that grows with the
     * organization, holding one page and never asking for a reply larger than a page (issue 19).
     *
     * @param fields the fields to read (the id is always read; the sort field must be among them)
     * @param valueOf a row's sort value
     * @return how many rows were handed over
     */
    public <T> long forEach(MongoTemplate mongo, Criteria scope, Class<T> type, int size, List<String> fields,
            Function<T, V> valueOf, Function<T, String> idOf, Consumer<List<T>> page) {
        long seen = 0;
        T last = null;
        while (true) {
            Criteria criteria = last == null ? scope
                    : new Criteria().andOperator(scope, after(valueOf.apply(last), idOf.apply(last)));
            Query query = Query.query(criteria).with(Sort.by(direction, field, "_id")).limit(size);
            query.fields().include(fields.toArray(String[]::new));
            List<T> rows = mongo.find(query, type);
            if (rows.isEmpty()) {
                return seen;
            }
            seen += rows.size();
            page.accept(rows);
            if (rows.size() < size) {
                return seen;
            }
            last = rows.get(rows.size() - 1);
        }
    }

    private Criteria after(String cursor) {
        List<String> keys = Cursor.decode(cursor, 2);
        V value;
        try {
            value = parse.apply(keys.get(0));
        }
        catch (RuntimeException ex) {
            throw DomainException.validation("The cursor 'after' is not one this service issued.");
        }
        return after(value, keys.get(1));
    }

    private Criteria after(V value, String id) {
        return direction.isAscending()
                ? new Criteria().orOperator(Criteria.where(field).gt(value),
                        new Criteria().andOperator(Criteria.where(field).is(value), Criteria.where("_id").gt(id)))
                : new Criteria().orOperator(Criteria.where(field).lt(value),
                        new Criteria().andOperator(Criteria.where(field).is(value), Criteria.where("_id").lt(id)));
    }
}
