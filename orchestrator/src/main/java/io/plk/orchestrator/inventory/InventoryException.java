package io.plk.orchestrator.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Bad input: every problem found in one inventory, reported together. */
public class InventoryException extends RuntimeException {
    private final transient List<Problem> problems;

    public InventoryException(Path file, List<Problem> problems) {
        super(describe(file, problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(Path file, List<Problem> problems) {
        return problems.size() + " problem(s) in " + file + ":\n"
                + problems.stream().map(p -> "  " + file.getFileName() + ":" + p).collect(Collectors.joining("\n"));
    }
}
