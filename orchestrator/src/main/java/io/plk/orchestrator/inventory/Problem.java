package io.plk.orchestrator.inventory;

/**
 * One thing wrong with an inventory: where (YAML path and line), what, and what to write instead.
 */
public record Problem(String path, int line, String message) {
    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + path + ": " + message;
    }
}
