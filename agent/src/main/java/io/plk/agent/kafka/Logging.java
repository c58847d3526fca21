package io.plk.agent.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The logging options of a Kafka JVM: the home's own configuration (3.x {@code log4j.properties},
 * 4.x {@code log4j2.yaml}), else one of the agent's for the binding found in {@code libs/}, so that an
 * operator always finds a {@code server.log} in the log dir.
 */
final class Logging {
    private Logging() {
    }

    static List<String> options(Path kafkaHome, Path stateDir) throws IOException {
        Path log4j2 = kafkaHome.resolve("config/log4j2.yaml");
        Path log4j = kafkaHome.resolve("config/log4j.properties");
        if (Files.exists(log4j2)) {
            return List.of("-Dlog4j2.configurationFile=" + log4j2);
        }
        if (Files.exists(log4j)) {
            return List.of("-Dlog4j.configuration=file:" + log4j);
        }
        if (hasJar(kafkaHome.resolve("libs"), "log4j-core-")) {
            return List.of("-Dlog4j2.configurationFile=" + ownConfig(stateDir, "log4j2.properties"));
        }
        return List.of("-Dlog4j.configuration=file:" + ownConfig(stateDir, "log4j.properties"));
    }

    private static boolean hasJar(Path libs, String prefix) throws IOException {
        if (!Files.isDirectory(libs)) {
            return false;
        }
        try (Stream<Path> jars = Files.list(libs)) {
            return jars.anyMatch(j -> j.getFileName().toString().startsWith(prefix));
        }
    }

    private static Path ownConfig(Path stateDir, String name) {
        Path target = stateDir.resolve(name);
        try (InputStream in = Logging.class.getResourceAsStream("/logging/" + name)) {
            Files.createDirectories(stateDir);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
