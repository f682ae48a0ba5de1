package org.peerpath.database;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index of the embedded store, kept in an H2 map of the same store as the documents, so an entry is
 * committed in the same version as its document (the durable commit after each command, {@link DurableH2Backend}):
 * after a crash index and documents agree.
 *
 * <p>One entry per distinct key of a document ({@link Index#getKeyValues}: an array yields one per element):
 * {@code [value 1, ..., value n, _id]} in {@link IndexOrder}. Two kinds of marker entries sort before all of them:
 * {@code []} once any document had an array in an indexed field (multikey: a document may then appear more than once
 * and the index order is not the document order of a sort), and {@code [_id]} for a document whose keys the index
 * cannot represent faithfully (an empty array, nested arrays, parallel arrays); while one exists the planner does
 * not use the index at all. This index only narrows: the planner re-checks every document it reads against the
 * whole query.
 */
final class SecondaryIndex extends Index<Object> {

    private static final Object[] MULTIKEY = {};

    private final MVMap<Object[], Boolean> entries;

    SecondaryIndex(MVMap<Object[], Boolean> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    MVMap<Object[], Boolean> entries() {
        return entries;
    }

    int width() {
        return getKeys().size();
    }

    /** Some document had an array in an indexed field. */
    boolean multikey() {
        return entries.containsKey(MULTIKEY);
    }

    /** Some document's keys are not in the index as values ({@code [_id]} markers). */
    boolean incomplete() {
        Object[] first = entries.ceilingKey(new Object[] {IndexOrder.LOW});
        return first != null && first.length == 1;
    }

    /** The entries a document has in this index. */
    private List<Object[]> entriesOf(Document document, Object position) {
        List<Object[]> result = new ArrayList<>();
        boolean array = false;
        for (IndexKey key : getKeys()) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, key.getKey());
            array |= value instanceof Collection;
        }
        Set<KeyValue> keyValues;
        try {
            keyValues = getKeyValues(document);
        }
        catch (RuntimeException parallelArrays) {
            keyValues = Set.of();
        }
        boolean faithful = !keyValues.isEmpty();
        for (KeyValue keyValue : keyValues) {
            Object[] entry = new Object[keyValue.size() + 1];
            for (int i = 0; i < keyValue.size(); i++) {
                Object value = keyValue.get(i);
                faithful &= !(value instanceof Collection);
                entry[i] = value instanceof Missing ? null : value;
            }
            entry[keyValue.size()] = position;
            result.add(entry);
        }
        if (!faithful) {
            result.clear();
            result.add(new Object[] {position});
        }
        else if (array) {
            result.add(MULTIKEY);
        }
        return result;
    }

    private static Object positionOf(Document document) {
        return Missing.ofNullable(document.get("_id"));
    }

    @Override
    public Object getPosition(Document document) {
        return null; // the _id index answers this
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        for (Object[] entry : entriesOf(document, Missing.ofNullable(position))) {
            entries.put(entry, Boolean.TRUE);
        }
    }

    @Override
    public synchronized Object remove(Document document) {
        Object position = positionOf(document);
        for (Object[] entry : entriesOf(document, position)) {
            if (entry.length > 0) { // the multikey marker stays, as MongoDB's multikey flag does
                entries.remove(entry);
            }
        }
        return position;
    }

    @Override
    public boolean canHandle(Document query) {
        return false; // planned by IndexedH2Backend's collection, not by the generic single-index path
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        Object at = Missing.ofNullable(position);
        List<Object[]> before = entriesOf(oldDocument, at);
        List<Object[]> after = entriesOf(newDocument, at);
        for (Object[] entry : before) {
            if (entry.length > 0 && after.stream().noneMatch(kept -> Arrays.deepEquals(kept, entry))) {
                entries.remove(entry);
            }
        }
        for (Object[] entry : after) {
            if (before.stream().noneMatch(had -> Arrays.deepEquals(had, entry))) {
                entries.put(entry, Boolean.TRUE);
            }
        }
    }

    @Override
    public void drop() {
        // the map is removed by the database (same name scheme as the unique indexes' maps)
    }

    /** Entries from {@code from} in index order (or reverse), lazily. */
    Iterator<Object[]> from(Object[] from, boolean reverse) {
        return reverse ? entries.keyIteratorReverse(from) : entries.keyIterator(from);
    }
}
