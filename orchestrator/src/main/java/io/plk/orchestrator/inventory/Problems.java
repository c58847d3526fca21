package io.plk.orchestrator.inventory;

import java.util.ArrayList;
import java.util.List;

/** Collects problems so that validation reports all of them at once. */
final class Problems {
    private final List<Problem> found = new ArrayList<>();

    void add(String path, int line, String message) {
        found.add(new Problem(path, line, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(found);
    }
}
