package org.peerpath.database;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;

/**
 * What an index can narrow a query by: per field, an equality, an {@code $in} or a range, with values the index
 * orders exactly as the server compares ({@link IndexOrder#plannable}). The query's conjunction is flattened
 * ({@code $and}, as Spring writes {@code andOperator}); anything else ({@code $or}, {@code $not}, {@code $elemMatch},
 * regular expressions, null, ...) is left out, which only widens the candidates: every candidate is matched against
 * the whole query afterwards.
 */
final class QueryConditions {

    /** The conditions on one field; at most one equality (or list) and one bound each side are kept. */
    static final class Field {

        Object equal;

        List<Object> in;

        Object lower;

        boolean lowerInclusive;

        Object upper;

        boolean upperInclusive;

        /** The values the field must equal one of, or null if neither an equality nor an $in applies. */
        List<Object> values() {
            return equal != null ? List.of(equal) : in;
        }

        boolean hasRange() {
            return lower != null || upper != null;
        }

        /** The range's type (both bounds are of it). */
        Object rangeType() {
            return lower != null ? lower : upper;
        }
    }

    private QueryConditions() {
    }

    static Map<String, Field> of(Document query) {
        Map<String, Field> fields = new LinkedHashMap<>();
        collect(query, fields);
        return fields;
    }

    private static void collect(Document query, Map<String, Field> fields) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String name = condition.getKey();
            Object value = condition.getValue();
            if (name.equals("$and") && value instanceof Collection<?> all) {
                for (Object part : all) {
                    if (part instanceof Document document) {
                        collect(document, fields);
                    }
                }
            }
            else if (!name.startsWith("$")) {
                field(fields, name, value);
            }
        }
    }

    private static void field(Map<String, Field> fields, String name, Object value) {
        if (!(value instanceof Document operators)) {
            if (IndexOrder.plannable(value)) {
                Field field = fields.computeIfAbsent(name, key -> new Field());
                if (field.equal == null) {
                    field.equal = value;
                }
            }
            return;
        }
        if (operators.isEmpty() || !operators.keySet().stream().allMatch(key -> key.startsWith("$"))) {
            return; // an embedded document as a value, or a mix: not planned
        }
        Field field = fields.computeIfAbsent(name, key -> new Field());
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            Object operand = operator.getValue();
            switch (operator.getKey()) {
                case "$eq" -> {
                    if (IndexOrder.plannable(operand) && field.equal == null) {
                        field.equal = operand;
                    }
                }
                case "$in" -> {
                    if (operand instanceof Collection<?> list && !list.isEmpty()
                            && list.stream().allMatch(IndexOrder::plannable) && field.in == null) {
                        field.in = new ArrayList<>(list);
                    }
                }
                case "$gt", "$gte" -> {
                    if (IndexOrder.plannable(operand) && field.lower == null) {
                        field.lower = operand;
                        field.lowerInclusive = operator.getKey().equals("$gte");
                    }
                }
                case "$lt", "$lte" -> {
                    if (IndexOrder.plannable(operand) && field.upper == null) {
                        field.upper = operand;
                        field.upperInclusive = operator.getKey().equals("$lte");
                    }
                }
                default -> {
                    // not used to narrow
                }
            }
        }
        if (field.lower != null && field.upper != null && !IndexOrder.sameType(field.lower, field.upper)) {
            field.upper = null; // no value matches both; one bound is still a superset
        }
    }
}
