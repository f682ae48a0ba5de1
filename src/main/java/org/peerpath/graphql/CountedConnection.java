package org.peerpath.graphql;

import java.util.List;
import java.util.function.Function;

import org.peerpath.graphql.Connection.Edge;
import org.peerpath.graphql.Connection.PageInfo;

/**
 * A connection that also says how many rows all its pages hold: what a dashboard list answers, so its default
 * answer is one count and one small page whatever the organization's size (issue 16).
 */
public record CountedConnection<T>(long totalCount, List<Edge<T>> edges, PageInfo pageInfo) {

    /** A page read from the database (keyset), with the count of its whole scope. */
    public static <T> CountedConnection<T> of(long totalCount, Connection<T> page) {
        return new CountedConnection<>(totalCount, page.edges(), page.pageInfo());
    }

    /**
     * A page of rows computed in memory: {@code rows} are every row, and {@code key} is a unique text key whose
     * order is the list's order; the cursor is the last row's key, so a page read later starts after that row even
     * when rows were added or dropped meanwhile.
     */
    public static <T> CountedConnection<T> ofComputed(List<T> rows, PageRequest page, Function<T, String> key) {
        String after = page.after() == null ? null : Cursor.decode(page.after(), 1).get(0);
        List<T> rest = rows.stream().sorted(java.util.Comparator.comparing(key))
                .filter(row -> after == null || key.apply(row).compareTo(after) > 0)
                .limit(page.fetchSize()).toList();
        return of(rows.size(), Connection.of(rest, page, row -> Cursor.encode(key.apply(row))));
    }

    /** The same page with each node turned into another. */
    public <R> CountedConnection<R> map(Function<T, R> node) {
        return new CountedConnection<>(totalCount, edges.stream()
                .map(edge -> new Edge<>(edge.cursor(), node.apply(edge.node()))).toList(), pageInfo);
    }

    /** The nodes of this page. */
    public List<T> nodes() {
        return edges.stream().map(Edge::node).toList();
    }
}
