package io.plk.orchestrator.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The runbook's test inventory, edited by one replacement per case, written beside its key. */
public final class RunbookInventory {
    static final Path DIR = Path.of("src/test/resources/inventories");
    public static final String TEXT = read();

    private RunbookInventory() {
    }

    /** Loads the edited inventory and returns the file, after asserting the problem at {@code path}. */
    static Path assertRefused(String find, String replace, String path, int line, String words) throws IOException {
        assertTrue(TEXT.contains(find), "test setup: base inventory lacks " + find);
        Path file = write(TEXT.replace(find, replace));
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(file));
        Problem problem = e.problems().stream().filter(p -> p.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + path + " in:\n" + e.getMessage()));
        assertEquals(line, problem.line(), e.getMessage());
        assertTrue(problem.message().contains(words), problem.toString());
        return file;
    }

    public static Path write(String yaml) throws IOException {
        Path dir = Files.createTempDirectory("inventory");
        Files.copy(DIR.resolve("test-key.pem"), dir.resolve("test-key.pem"));
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String read() {
        try {
            return Files.readString(DIR.resolve("runbook.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
