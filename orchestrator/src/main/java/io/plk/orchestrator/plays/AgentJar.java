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

    private static String sha256;

    /** Identifies this agent build (e.g. in the name of its class-data archive on the brokers). */
    static synchronized String sha256() {
        if (sha256 == null) {
            try (InputStream in = resource()) {
                var digest = java.security.MessageDigest.getInstance("SHA-256");
                sha256 = java.util.HexFormat.of().formatHex(digest.digest(in.readAllBytes()));
            } catch (IOException | java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("cannot read the embedded agent.jar", e);
            }
        }
        return sha256;
    }

    private static InputStream resource() {
        InputStream in = AgentJar.class.getResourceAsStream("/agent/" + NAME);
        if (in == null) {
            throw new IllegalStateException("agent.jar is missing from the orchestrator jar; rebuild with mvn package");
        }
        return in;
    }

    static Path extract() throws IOException {
        try (InputStream in = resource()) {
            Path file = Files.createTempFile("plk-agent", ".jar");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
