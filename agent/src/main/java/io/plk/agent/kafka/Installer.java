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

/** Unpacks the Kafka archive (and an optional JDK) once; verifies sha512 when one is given. */
public final class Installer {

    public AgentResult install(AgentRequest request) throws IOException, InterruptedException {
        Path kafkaHome = Path.of(request.require(request.kafkaHome(), "kafkaHome"));
        List<String> done = new ArrayList<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("kafkaHome", kafkaHome.toString());
        if (!Files.isDirectory(kafkaHome.resolve("libs"))) {
            Path archive = Path.of(request.require(request.archive(), "archive"));
            verify(archive, request.sha512());
            untar(archive, kafkaHome.getParent(), List.of());
            if (!Files.isDirectory(kafkaHome.resolve("libs"))) {
                return AgentResult.failed("install", archive + " did not unpack to " + kafkaHome
                        + "/libs; is it a Kafka archive named like its top folder (kafka_2.13-<version>.tgz)?", facts);
            }
            done.add("unpacked " + archive.getFileName());
        }
        if (request.javaArchive() != null && request.javaHome() != null) {
            Path javaHome = Path.of(request.javaHome());
            facts.put("javaHome", javaHome.toString());
            if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
                Files.createDirectories(javaHome);
                untar(Path.of(request.javaArchive()), javaHome, List.of("--strip-components=1"));
                done.add("unpacked " + Path.of(request.javaArchive()).getFileName());
            }
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

    private static void untar(Path archive, Path into, List<String> extra) throws IOException, InterruptedException {
        Files.createDirectories(into);
        List<String> command = new ArrayList<>(List.of("tar", "-xzf", archive.toString(), "-C", into.toString()));
        command.addAll(extra);
        Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (!tar.waitFor(10, TimeUnit.MINUTES) || tar.exitValue() != 0) {
            throw new IllegalStateException("tar could not unpack " + archive + ": " + output.strip());
        }
    }
}
