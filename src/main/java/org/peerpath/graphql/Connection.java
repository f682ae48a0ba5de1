package org.peerpath.graphql;

import java.util.List;
import java.util.function.Function;

/**
 * A Relay connection page. Features fetch {@code first + 1} rows after the cursor; the extra row only tells
 * whether a next page exists.
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

    public record Edge<T>(String cursor, T node) {
    }

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    public static <T> Connection<T> of(List<T> rowsPlusOne, PageRequest page, Function<T, String> cursor) {
        boolean hasNext = rowsPlusOne.size() > page.first();
        List<Edge<T>> edges = rowsPlusOne.stream()
                .limit(page.first())
                .map(row -> new Edge<>(cursor.apply(row), row))
                .toList();
        return new Connection<>(edges, new PageInfo(hasNext, page.after() != null,
                edges.isEmpty() ? null : edges.get(0).cursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }
}
