package org.peerpath.database;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded server's H2 backend with secondary indexes and a query planner (issue 16: jobs at 100,000 enrollees
 * must not scan a whole collection per page).
 *
 * <p>mongo-java-server keeps only unique indexes and answers every other query by reading the whole collection,
 * and a sorted query with a limit by collecting every match, sorting, then limiting. Here a non-unique index
 * declared by the service is a {@link SecondaryIndex} in the same H2 store, and {@link IndexedCollection} plans
 * each query: equality ({@code $in}) on a prefix of an index's keys, then a range and/or the sort on the next key
 * (or on {@code _id}, which every entry ends with), read lazily in index order and stopped at skip + limit when the
 * index order is the requested order. Every document read is matched against the whole query, so a plan can only
 * cost time, never return a document the query does not match; a plan covers every document the query can match
 * (MongoDB's type bracketing, {@link IndexOrder}), and whatever it is unsure of is left to the scan.
 */
class IndexedH2Backend extends H2Backend {

    IndexedH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedDatabase(databaseName, getCursorRegistry());
    }

    /**
     * The database's H2 maps, as {@link H2Database} names them. An inner class: H2Database's constructor opens the
     * collections and indexes already declared (calling the methods below) before a field of a subclass is set;
     * the enclosing backend (and its store) is there before that.
     */
    final class IndexedDatabase extends H2Database {

        IndexedDatabase(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, getMvStore(), cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String name = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = getMvStore().openMap("databases." + name);
            MVMap<String, Object> metaMap = getMvStore().openMap("meta." + name);
            return new IndexedCollection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        /**
         * An aggregation whose first stage is a {@code $match} (Spring's {@code count}, a grouping over a scope)
         * reads the documents that query plans, not the whole collection the server would stream into the stages;
         * the match is a plain query then, so the stages see the same documents in the same (the scan's) order.
         */
        @Override
        public Document handleCommand(Channel channel, String command, Document query,
                DatabaseResolver databaseResolver, Oplog oplog) {
            if (command.equalsIgnoreCase("aggregate")) {
                Document answer = plannedAggregate(command, query, databaseResolver, oplog);
                if (answer != null) {
                    return answer;
                }
            }
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }

        private Document plannedAggregate(String command, Document query, DatabaseResolver databaseResolver,
                Oplog oplog) {
            String collectionName = query.get(command).toString();
            MongoCollection<Object> collection = resolveCollection(collectionName, false);
            List<Document> pipeline = Aggregation.parse(query.get("pipeline"));
            if (collection == null || pipeline.isEmpty() || pipeline.get(0).size() != 1
                    || !(pipeline.get(0).get("$match") instanceof Document match) || match.containsKey("query")
                    || match.containsKey("$query")) {
                return null;
            }
            Aggregation stages = Aggregation.fromPipeline(pipeline.subList(1, pipeline.size()), databaseResolver,
                    this, collection, oplog);
            stages.validate(query);
            List<Document> result = stages.runStages(IndexedCollection.stream(collection.handleQuery(match).iterator()));
            Document cursor = new Document();
            cursor.put("id", 0L);
            cursor.put("ns", getFullCollectionNamespace(collectionName));
            cursor.put("firstBatch", result);
            Document response = new Document();
            response.put("cursor", cursor);
            response.put("ok", 1.0);
            return response;
        }

        /**
         * An index opened on a store whose map is missing or empty (a store written before these indexes, or a new
         * index) is built from the collection's documents by {@code addIndex}, as a unique index is.
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                List<IndexKey> keys, boolean sparse) {
            MVMap<Object[], Boolean> entries = getMvStore().openMap(
                    getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    new MVMap.Builder<Object[], Boolean>().keyType(IndexOrder.INSTANCE));
            return new SecondaryIndex(entries, indexName, keys, sparse);
        }
    }

    /** A collection that plans its queries over its secondary indexes and its {@code _id}-ordered data map. */
    static final class IndexedCollection extends H2Collection {

        private final MVMap<Object, Document> dataMap;

        private final AtomicLong examined = new AtomicLong();

        IndexedCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
            this.dataMap = dataMap;
        }

        /** Documents read and matched against a query since the collection was opened (tests assert on it). */
        long documentsExamined() {
            return examined.get();
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                int batchSize, Document fieldSelector) {
            for (Index<Object> index : getIndexes()) {
                if (index.canHandle(query)) { // a unique index's exact lookup
                    return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
            if (getIdField() != null) {
                try {
                    QueryResult planned = planned(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                    if (planned != null) {
                        return planned;
                    }
                }
                catch (Unplanned ex) {
                    // the index met a value whose order it cannot vouch for: scan instead
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        @Override
        protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documentStream,
                int numberToSkip, int limit, int batchSize, Comparator<Document> documentComparator,
                Document fieldSelector) {
            return super.matchDocumentsFromStream(query, documentStream.peek(document -> examined.incrementAndGet()),
                    numberToSkip, limit, batchSize, documentComparator, fieldSelector);
        }

        private QueryResult planned(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            List<Sorting> sort = Sorting.of(orderBy);
            if (sort == null) {
                return null; // $natural or $meta
            }
            Map<String, QueryConditions.Field> fields = QueryConditions.of(query);
            QueryConditions.Field id = fields.get(getIdField());
            Plan plan = null;
            if (id != null && id.values() != null && id.values().stream()
                    .allMatch(value -> value instanceof String || value instanceof ObjectId)) {
                plan = Plan.lookup(id.values()); // dataMap keys, equal to the values as they are
            }
            if (plan == null) {
                plan = bestIndex(fields, id, sort);
            }
            if (plan == null) {
                plan = idRange(id, sort);
            }
            if (plan == null) {
                return null;
            }
            if (plan.ordered) {
                Stream<Object> positions = stream(plan.positions);
                if (plan.duplicates) {
                    Set<Object> seen = new HashSet<>();
                    positions = positions.filter(seen::add);
                }
                return matchDocumentsFromStream(query, documents(positions), skip, limit, batchSize, null,
                        fieldSelector);
            }
            // Unordered candidates: in the scan's order (the data map's), so ties of a sort and an unsorted
            // query come out exactly as the scan would give them.
            Set<Object> candidates = new LinkedHashSet<>();
            plan.positions.forEachRemaining(candidates::add);
            List<Object> inScanOrder = new ArrayList<>(candidates);
            inScanOrder.sort(dataMap.getKeyType()::compare);
            return matchDocumentsFromStream(query, documents(inScanOrder.stream()), skip, limit, batchSize,
                    deriveComparator(orderBy), fieldSelector);
        }

        private Stream<Document> documents(Stream<Object> positions) {
            return positions.map(dataMap::get).filter(Objects::nonNull);
        }

        private static <T> Stream<T> stream(Iterator<T> iterator) {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, 0), false);
        }

        /** The data map's keys are all strings: its order (H2's) is then the order of {@code _id} values. */
        private boolean stringIds() {
            return dataMap.isEmpty() || dataMap.firstKey() instanceof String && dataMap.lastKey() instanceof String;
        }

        /** The secondary index that narrows the query most, with the order it reads in; or null. */
        private Plan bestIndex(Map<String, QueryConditions.Field> fields, QueryConditions.Field id,
                List<Sorting> sort) {
            Plan best = null;
            int bestScore = 0;
            for (Index<Object> candidate : getIndexes()) {
                if (!(candidate instanceof SecondaryIndex index) || index.incomplete()) {
                    continue;
                }
                List<String> keys = index.getKeys().stream().map(IndexKey::getKey).toList();
                List<List<Object>> prefixes = new ArrayList<>();
                prefixes.add(List.of());
                int equal = 0;
                for (String key : keys) {
                    QueryConditions.Field field = fields.get(key);
                    if (field == null || field.values() == null
                            || prefixes.size() * field.values().size() > 1_000) {
                        break;
                    }
                    List<List<Object>> longer = new ArrayList<>();
                    for (List<Object> prefix : prefixes) {
                        for (Object value : field.values()) {
                            List<Object> next = new ArrayList<>(prefix);
                            next.add(value);
                            longer.add(next);
                        }
                    }
                    prefixes = longer;
                    equal++;
                }
                boolean multikey = index.multikey();
                // The slot after the equalities: the next key's value, or the _id every entry ends with.
                QueryConditions.Field slot = equal < keys.size() ? fields.get(keys.get(equal)) : id;
                Range range = slot != null && slot.hasRange() ? Range.of(slot, multikey && equal < keys.size())
                        : null;
                if (equal == 0 && range == null) {
                    continue;
                }
                Boolean reverse = prefixes.size() == 1 ? readOrder(keys, equal, multikey, sort) : null;
                int score = equal * 4 + (range != null ? 2 : 0) + (reverse != null ? 1 : 0);
                if (score > bestScore || score == bestScore && best != null && keys.size() < best.width) {
                    bestScore = score;
                    Iterator<Object> positions = new IndexReader(index, prefixes, equal, range,
                            Boolean.TRUE.equals(reverse), reverse != null);
                    best = new Plan(positions, reverse != null, multikey || prefixes.size() > 1, keys.size());
                }
            }
            return best;
        }

        /**
         * Whether reading one prefix of the index gives the documents in the requested order: forwards (false),
         * backwards (true), or not (null). Only orders whose ties are broken by {@code _id} qualify, so the order is
         * total and the same as the scan's sort.
         */
        private Boolean readOrder(List<String> keys, int equal, boolean multikey, List<Sorting> sort) {
            if (sort.isEmpty()) {
                return equal == keys.size() && stringIds() ? Boolean.FALSE : null;
            }
            if (multikey && equal < keys.size()) {
                return null; // a document's place in the index is not its place in a sort on an array
            }
            List<String> order = new ArrayList<>();
            for (String key : keys.subList(equal, keys.size())) {
                order.add(key);
                if (key.equals(getIdField())) {
                    break; // unique: what follows never breaks a tie
                }
            }
            if (!order.contains(getIdField())) {
                order.add(getIdField());
            }
            if (sort.size() != order.size()) {
                return null;
            }
            boolean ascending = sort.get(0).ascending();
            for (int i = 0; i < order.size(); i++) {
                if (!sort.get(i).field().equals(order.get(i)) || sort.get(i).ascending() != ascending) {
                    return null;
                }
            }
            return !ascending;
        }

        /** {@code _id} range (string bounds) or {@code _id} order over the data map, whose keys are the ids. */
        private Plan idRange(QueryConditions.Field id, List<Sorting> sort) {
            boolean sortedById = sort.size() == 1 && sort.get(0).field().equals(getIdField());
            boolean descending = sortedById && !sort.get(0).ascending();
            if (id != null && id.hasRange()) {
                if (!(id.rangeType() instanceof String)) {
                    return null;
                }
                boolean reverse = descending && id.upper != null;
                boolean ordered = sort.isEmpty() || sortedById && (!descending || reverse);
                return new Plan(new DataMapReader(dataMap, Range.of(id, false), reverse), ordered, false, 0);
            }
            if (sortedById && stringIds() && !dataMap.isEmpty()) {
                Range all = new Range("", true, null, false);
                return new Plan(new DataMapReader(dataMap, all, descending), true, false, 0);
            }
            return null;
        }
    }

    /** Candidate positions and whether they come in the requested order (else they are collected and sorted). */
    private record Plan(Iterator<Object> positions, boolean ordered, boolean duplicates, int width) {

        static Plan lookup(List<Object> ids) {
            return new Plan(new LinkedHashSet<>(ids).iterator(), false, false, 0);
        }
    }

    private record Sorting(String field, boolean ascending) {

        /** The sort, or null if the planner does not handle it. */
        static List<Sorting> of(Document orderBy) {
            if (orderBy == null || orderBy.isEmpty()) {
                return List.of();
            }
            List<Sorting> sort = new ArrayList<>();
            for (Map.Entry<String, Object> key : orderBy.entrySet()) {
                if (key.getKey().startsWith("$") || !(key.getValue() instanceof Number direction)) {
                    return null;
                }
                sort.add(new Sorting(key.getKey(), direction.intValue() > 0));
            }
            return Collections.unmodifiableList(sort);
        }
    }

    /** Bounds within one type's run; a missing bound is the run's start or end. */
    record Range(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) {

        /** @param oneSided keep one bound only (a multikey field: two bounds may be met by different elements) */
        static Range of(QueryConditions.Field field, boolean oneSided) {
            if (oneSided && field.lower != null) {
                return new Range(field.lower, field.lowerInclusive, null, false);
            }
            return new Range(field.lower, field.lowerInclusive, field.upper, field.upperInclusive);
        }

        Object type() {
            return lower != null ? lower : upper;
        }

        Object startKey(boolean reverse) {
            if (reverse) {
                return upper != null ? upper : IndexOrder.end(type());
            }
            return lower != null ? lower : IndexOrder.start(type());
        }

        /** -1: before the range (skip), 0: inside, 1: past it (stop); in reading direction. */
        int place(Object value, boolean reverse) {
            IndexOrder order = IndexOrder.INSTANCE;
            if (!IndexOrder.sameType(value, type())) {
                return 1; // the reader starts inside the type's run, so a foreign type is past it
            }
            if (lower != null) {
                int c = order.compareValues(value, lower);
                if (c < 0 || c == 0 && !lowerInclusive) {
                    return reverse ? 1 : -1;
                }
            }
            if (upper != null) {
                int c = order.compareValues(value, upper);
                if (c > 0 || c == 0 && !upperInclusive) {
                    return reverse ? -1 : 1;
                }
            }
            return 0;
        }
    }

    /** Thrown while reading an index in order when it meets a value whose order the server's sort may differ on. */
    private static final class Unplanned extends RuntimeException {

        Unplanned() {
            super(null, null, false, false);
        }
    }

    /** Lazily yields the positions (ids) of index entries: per prefix, the slot after it within its range. */
    private static final class IndexReader implements Iterator<Object> {

        private final SecondaryIndex index;

        private final Iterator<List<Object>> prefixes;

        private final int slot;

        private final Range range;

        private final boolean reverse;

        /** The order is the answer's order: a slot (or id) value of a type not ordered like the server's fails. */
        private final boolean strict;

        private List<Object> prefix;

        private Iterator<Object[]> entries;

        private Object next;

        IndexReader(SecondaryIndex index, List<List<Object>> prefixes, int slot, Range range, boolean reverse,
                boolean strict) {
            this.index = index;
            this.prefixes = prefixes.iterator();
            this.slot = slot;
            this.range = range;
            this.reverse = reverse;
            this.strict = strict;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (entries == null) {
                    if (!prefixes.hasNext()) {
                        return false;
                    }
                    prefix = prefixes.next();
                    entries = index.from(startKey(), reverse);
                }
                next = advance();
                if (next == null) {
                    entries = null;
                }
            }
            return true;
        }

        private Object[] startKey() {
            Object[] key = new Object[index.width() + 1];
            Object edge = reverse ? IndexOrder.HIGH : IndexOrder.LOW;
            java.util.Arrays.fill(key, edge);
            for (int i = 0; i < prefix.size(); i++) {
                key[i] = prefix.get(i);
            }
            if (range != null) {
                key[slot] = range.startKey(reverse);
            }
            return key;
        }

        /** The next position of this prefix, or null when the prefix (or its range) is done. */
        private Object advance() {
            IndexOrder order = IndexOrder.INSTANCE;
            while (entries.hasNext()) {
                Object[] entry = entries.next();
                if (entry.length != index.width() + 1) {
                    return null; // the marker entries
                }
                for (int i = 0; i < prefix.size(); i++) {
                    if (order.compareValues(entry[i], prefix.get(i)) != 0) {
                        return null;
                    }
                }
                if (range != null) {
                    int place = range.place(entry[slot], reverse);
                    if (place > 0) {
                        return null;
                    }
                    if (place < 0) {
                        continue;
                    }
                }
                if (strict) {
                    for (int i = slot; i < entry.length; i++) {
                        if (!IndexOrder.orderedLikeTheServer(entry[i])) {
                            throw new Unplanned();
                        }
                    }
                }
                return entry[entry.length - 1];
            }
            return null;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object result = next;
            next = null;
            return result;
        }
    }

    /** Lazily yields the data map's string keys within a range, in order or reverse. */
    private static final class DataMapReader implements Iterator<Object> {

        private final Iterator<Object> keys;

        private final Range range;

        private final boolean reverse;

        private Object next;

        private boolean done;

        DataMapReader(MVMap<Object, Document> dataMap, Range range, boolean reverse) {
            this.range = range;
            this.reverse = reverse;
            Object start = reverse ? range.upper() != null ? range.upper() : dataMap.lastKey()
                    : range.lower() != null ? range.lower() : "";
            this.keys = reverse ? dataMap.keyIteratorReverse(start) : dataMap.keyIterator(start);
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                if (!keys.hasNext()) {
                    done = true;
                    break;
                }
                Object key = keys.next();
                if (!(key instanceof String)) {
                    done = true; // H2 keeps strings in one run, in String order: past it
                    break;
                }
                int place = range.place(key, reverse);
                if (place > 0) {
                    done = true;
                }
                else if (place == 0) {
                    next = key;
                }
            }
            return next != null;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object result = next;
            next = null;
            return result;
        }
    }
}
