package io.plk.orchestrator.plays;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The agent travels inside orchestrator.jar; it is unpacked once per run to upload it. */
final class AgentJar {
    static final String NAME = "agent.jar";

    private AgentJar() {
    }

    static Path extract() throws IOException {
        try (InputStream in = AgentJar.class.getResourceAsStream("/agent/" + NAME)) {
            if (in == null) {
                throw new IllegalStateException("agent.jar is missing from the orchestrator jar; rebuild with mvn package");
            }
            Path file = Files.createTempFile("plk-agent", ".jar");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
