package org.peerpath.database;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Sort;
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

    private Criteria after(String cursor) {
        List<String> keys = Cursor.decode(cursor, 2);
        V value;
        try {
            value = parse.apply(keys.get(0));
        }
        catch (RuntimeException ex) {
            throw DomainException.validation("The cursor 'after' is not one this service issued.");
        }
        String id = keys.get(1);
        return direction.isAscending()
                ? new Criteria().orOperator(Criteria.where(field).gt(value),
                        new Criteria().andOperator(Criteria.where(field).is(value), Criteria.where("_id").gt(id)))
                : new Criteria().orOperator(Criteria.where(field).lt(value),
                        new Criteria().andOperator(Criteria.where(field).is(value), Criteria.where("_id").lt(id)));
    }
}
