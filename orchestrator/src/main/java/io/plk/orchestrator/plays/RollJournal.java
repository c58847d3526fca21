package io.plk.orchestrator.plays;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which brokers a rolling restart already did, and with which config: a re-run after a failure
 * skips them. Kept next to the inventory ({@code .plk/<cluster>-roll.json}) and removed when the
 * roll completes.
 */
final class RollJournal {
    record Entry(String configHash, String restartedAt, Map<String, Long> phasesMs) {
    }

    private final Path file;
    private final Map<Integer, Entry> done;

    private RollJournal(Path file, Map<Integer, Entry> done) {
        this.file = file;
        this.done = done;
    }

    static RollJournal open(Path inventory, String cluster) throws IOException {
        Path file = inventory.toAbsolutePath().getParent().resolve(".plk").resolve(cluster + "-roll.json");
        Map<Integer, Entry> done = Files.exists(file)
                ? AgentClient.JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<Integer, Entry>>() { })
                : new LinkedHashMap<>();
        return new RollJournal(file, done);
    }

    boolean isResuming() {
        return !done.isEmpty();
    }

    /** Done in an unfinished earlier run, with the config it has now. */
    boolean alreadyRestarted(int nodeId, String configHash) {
        Entry entry = done.get(nodeId);
        return entry != null && entry.configHash() != null && entry.configHash().equals(configHash);
    }

    void record(int nodeId, String configHash, Map<String, Long> phasesMs) throws IOException {
        done.put(nodeId, new Entry(configHash, Instant.now().toString(), phasesMs));
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "roll", ".tmp");
        AgentClient.JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), done);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void complete() throws IOException {
        Files.deleteIfExists(file);
    }
}
