package io.plk.agent.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The identity Kafka writes into every formatted log dir: {@code meta.properties}. */
public record MetaProperties(Path file, String clusterId, Integer nodeId) {

    public static Optional<MetaProperties> read(Path logDir) throws IOException {
        Path file = logDir.resolve("meta.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        String nodeId = properties.getProperty("node.id", properties.getProperty("broker.id"));
        return Optional.of(new MetaProperties(file, properties.getProperty("cluster.id"),
                nodeId == null ? null : Integer.valueOf(nodeId.trim())));
    }

    /** The first formatted dir among {@code logDirs}, if any. */
    public static Optional<MetaProperties> firstOf(List<String> logDirs) throws IOException {
        for (String dir : logDirs) {
            Optional<MetaProperties> meta = read(Path.of(dir));
            if (meta.isPresent()) {
                return meta;
            }
        }
        return Optional.empty();
    }
}
