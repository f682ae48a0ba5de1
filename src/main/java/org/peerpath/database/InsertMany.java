package org.peerpath.database;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Many inserts in one command, unordered: each document is inserted or refused on its own. A document refused
 * for a duplicate key is one another run already wrote (a claim taken, a task opened): exactly-once rests on the
 * unique indexes, as with one insert at a time, for one command and one commit instead of one per document.
 * Any other refusal is an error, thrown after the documents that could be inserted are in.
 */
public final class InsertMany {

    private InsertMany() {
    }

    /** Inserts {@code documents} into {@code collection}; the positions refused as duplicates. */
    public static Set<Integer> unordered(MongoTemplate mongo, String collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return Set.of();
        }
        try {
            mongo.getCollection(collection).insertMany(documents, new InsertManyOptions().ordered(false));
            return Set.of();
        }
        catch (MongoBulkWriteException ex) {
            Set<Integer> duplicates = new HashSet<>();
            for (BulkWriteError error : ex.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw ex;
                }
                duplicates.add(error.getIndex());
            }
            return duplicates;
        }
    }

    /** The same for mapped records: each is written as {@link MongoTemplate#insert} would write it. */
    public static <T> Set<Integer> unordered(MongoTemplate mongo, Class<T> type, List<T> records) {
        List<Document> documents = records.stream().map(record -> {
            Document document = new Document();
            mongo.getConverter().write(record, document);
            return document;
        }).toList();
        return unordered(mongo, mongo.getCollectionName(type), documents);
    }
}
