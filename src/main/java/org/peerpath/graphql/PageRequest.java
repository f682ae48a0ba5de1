package org.peerpath.graphql;

/** The validated {@code first} and {@code after} arguments of a connection field. */
public record PageRequest(int first, String after) {

    public static final int MAX_FIRST = 100;

    public PageRequest {
        if (first < 0 || first > MAX_FIRST) {
            throw DomainException.validation("'first' must be between 0 and " + MAX_FIRST + ".");
        }
    }

    public static PageRequest of(Integer first, String after, int defaultFirst) {
        return new PageRequest(first == null ? defaultFirst : first, after == null || after.isBlank() ? null : after);
    }

    /** Rows to fetch: one more than asked, to learn whether a next page exists. */
    public int fetchSize() {
        return first + 1;
    }
}
