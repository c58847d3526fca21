package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cluster.java.home reaches the agent's command line as one word, never as a command. */
class AgentClientTest {

    @Test
    void aHostileJavaHomeRunsNothing(@TempDir Path dir) throws Exception {
        String hostile = "/opt/jdk 17; touch pwned; `touch pwned2` $(touch pwned3)";
        String line = new AgentClient(hostile + "/bin/java", "a'gent.jar; touch pwned4",
                dir.resolve("cds $(touch pwned5)/agent.jsa").toString()).commandLine("converge", "/k; touch pwned6");
        Process bash = new ProcessBuilder("bash", "-c", line).directory(dir.toFile()).redirectErrorStream(true).start();
        bash.getInputStream().readAllBytes();
        bash.waitFor();
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("pwned")), "a command ran");
        }
    }
}
