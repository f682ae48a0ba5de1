package org.peerpath.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects every problem of an input before anything is written, so the client hears them all at once
 * (listed in {@code extensions.problems}) and a bad request never leaves a partial write.
 */
public class InputProblems {

    private final List<String> problems = new ArrayList<>();

    public InputProblems id(String id, String field) {
        try {
            Ids.require(id, field);
        }
        catch (DomainException ex) {
            problems.add(ex.getMessage());
        }
        return this;
    }

    public InputProblems text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            problems.add("'" + field + "' must not be blank.");
        }
        else if (value.length() > maxLength) {
            problems.add("'" + field + "' must be at most " + maxLength + " characters.");
        }
        return this;
    }

    /** Records {@code problem} when {@code broken} holds. */
    public InputProblems check(boolean broken, String problem) {
        if (broken) {
            problems.add(problem);
        }
        return this;
    }

    public InputProblems add(String problem) {
        problems.add(problem);
        return this;
    }

    /** Adds the problems of {@code other} not already here (the same problem of several list items once). */
    public InputProblems merge(InputProblems other) {
        other.problems.stream().filter(p -> !problems.contains(p)).forEach(problems::add);
        return this;
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION, String.join(" ", problems),
                    Map.of("problems", List.copyOf(problems)));
        }
    }
}
