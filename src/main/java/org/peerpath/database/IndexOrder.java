package org.peerpath.database;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The order of a secondary index's entries in its H2 map: MongoDB's order, not H2's. An entry is an array of the
 * indexed values followed by the document's {@code _id}; arrays compare by length first (the map's two kinds of
 * marker entries, shorter, come before every document's entries), then value by value.
 *
 * <p>Values compare by MongoDB's type order first (null &lt; numbers &lt; strings &lt; objects &lt; arrays &lt; ...
 * &lt; ObjectId &lt; booleans &lt; dates), so every type forms one contiguous run and a range query reads only its
 * own type's run, as MongoDB's type bracketing requires. Within the types the planner bounds ranges on
 * ({@link #plannable}) the order is {@link ValueComparator}'s, the order the embedded server sorts and compares
 * by; within any other type it is H2's own total order (those runs are never bounds of a plan). Serialization is
 * H2's {@link ObjectDataType}'s.
 */
final class IndexOrder extends ObjectDataType {

    static final IndexOrder INSTANCE = new IndexOrder();

    /** Sorts before / after every value; only ever used as a search key, never stored. */
    static final Object LOW = new Edge(Integer.MIN_VALUE, false);

    static final Object HIGH = new Edge(Integer.MAX_VALUE, true);

    /** The start or end of one type's run: a search key, never stored. */
    static Object start(Object ofTypeOf) {
        return new Edge(type(ofTypeOf), false);
    }

    static Object end(Object ofTypeOf) {
        return new Edge(type(ofTypeOf), true);
    }

    private record Edge(int type, boolean high) {
    }

    private static final List<Class<?>> TYPE_ORDER = List.of(MinKey.class, Missing.class /* and null */,
            Number.class, String.class, Document.class, List.class, BinData.class, LegacyUUID.class, UUID.class,
            ObjectId.class, Boolean.class, Instant.class, BsonTimestamp.class, BsonRegularExpression.class,
            MaxKey.class);

    private static final int NULL = 1;

    private static final int NUMBER = 2;

    private static final int STRING = 3;

    private static final int OBJECT_ID = 9;

    private static final int BOOLEAN = 10;

    private static final int DATE = 11;

    private IndexOrder() {
    }

    @Override
    public int compare(Object a, Object b) {
        Object[] x = (Object[]) a;
        Object[] y = (Object[]) b;
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        for (int i = 0; i < x.length; i++) {
            int c = compareValues(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    int compareValues(Object a, Object b) {
        int typeA = type(a);
        int typeB = type(b);
        if (typeA != typeB) {
            return Integer.compare(typeA, typeB);
        }
        if (a instanceof Edge edge) {
            return b instanceof Edge other && other.high() == edge.high() ? 0 : edge.high() ? 1 : -1;
        }
        if (b instanceof Edge edge) {
            return edge.high() ? -1 : 1;
        }
        return switch (typeA) {
            case NULL -> 0;
            case NUMBER, OBJECT_ID, BOOLEAN, DATE -> ValueComparator.asc().compare(a, b);
            case STRING -> ((String) a).compareTo((String) b);
            default -> super.compare(a, b);
        };
    }

    /** MongoDB's type order; LOW and HIGH outside it, and a type the embedded server does not know last. */
    static int type(Object value) {
        if (value instanceof Edge edge) {
            return edge.type();
        }
        if (Missing.isNullOrMissing(value)) {
            return NULL;
        }
        for (int i = 0; i < TYPE_ORDER.size(); i++) {
            if (TYPE_ORDER.get(i).isInstance(value)) {
                return i;
            }
        }
        return TYPE_ORDER.size();
    }

    /**
     * A value the planner may look up or bound a range with: one whose type's run in the index is in exactly the
     * order (and equality) the server's query matcher and sort use. Anything else (null, arrays, objects, regular
     * expressions, NaN, decimals, ...) leaves the query to a scan.
     */
    static boolean plannable(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return true;
        }
        if (value instanceof Double d) {
            return !d.isNaN() && !d.isInfinite();
        }
        return value instanceof String || value instanceof ObjectId || value instanceof Boolean
                || value instanceof Instant;
    }

    /** Whether {@code value} is of one of the types {@link #plannable} values are of (an index slot's run). */
    static boolean orderedLikeTheServer(Object value) {
        int type = type(value);
        return type == NULL || type == NUMBER && !(value instanceof Decimal128) || type == STRING
                || type == OBJECT_ID || type == BOOLEAN || type == DATE;
    }

    static boolean sameType(Object a, Object b) {
        return type(a) == type(b);
    }
}
