package io.plk.agent.kafka;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Unpacks the Kafka archive once; verifies sha512 when one is given; in check mode says so instead. (An optional JDK is unpacked
 * by the orchestrator with tar before any agent runs: the agent itself needs a Java.)
 */
public final class Installer {

    public AgentResult install(AgentRequest request) throws IOException, InterruptedException {
        Path kafkaHome = Path.of(request.require(request.kafkaHome(), "kafkaHome"));
        List<String> done = new ArrayList<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("kafkaHome", kafkaHome.toString());
        if (!Files.isDirectory(kafkaHome.resolve("libs"))) {
            Path archive = Path.of(request.require(request.archive(), "archive"));
            if (request.isCheck()) {
                return AgentResult.changed("install", "would unpack " + archive.getFileName() + " into "
                        + kafkaHome.getParent(), facts);
            }
            verify(archive, request.sha512());
            untar(archive, kafkaHome.getParent());
            if (!Files.isDirectory(kafkaHome.resolve("libs"))) {
                return AgentResult.failed("install", archive + " did not unpack to " + kafkaHome
                        + "/libs; is it a Kafka archive named like its top folder (kafka_2.13-<version>.tgz)?", facts);
            }
            done.add("unpacked " + archive.getFileName());
        }
        return done.isEmpty()
                ? AgentResult.ok("install", "already installed at " + kafkaHome, facts)
                : AgentResult.changed("install", String.join("; ", done), facts);
    }

    private static void verify(Path archive, String expectedSha512) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("archive " + archive + " is missing on this host");
        }
        if (expectedSha512 != null) {
            String actual = Checksums.sha512(archive);
            if (!actual.equalsIgnoreCase(expectedSha512)) {
                throw new IllegalStateException(archive + " has sha512 " + actual + " but the inventory expects "
                        + expectedSha512 + "; the download is corrupt or the checksum is wrong");
            }
        }
    }

    private static void untar(Path archive, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (!tar.waitFor(10, TimeUnit.MINUTES) || tar.exitValue() != 0) {
            throw new IllegalStateException("tar could not unpack " + archive + ": " + output.strip());
        }
    }
}
