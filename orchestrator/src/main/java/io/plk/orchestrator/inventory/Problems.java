package io.plk.orchestrator.inventory;

import java.util.ArrayList;
import java.util.List;

/** Collects problems so that validation reports all of them at once. */
final class Problems {
    private final List<Problem> found = new ArrayList<>();

    /** Once only: a section read again by a later check reports what its first reading found. */
    void add(String path, int line, String message) {
        Problem problem = new Problem(path, line, message);
        if (!found.contains(problem)) {
            found.add(problem);
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(found);
    }
}
