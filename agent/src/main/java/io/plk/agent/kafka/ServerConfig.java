package io.plk.agent.kafka;

import io.plk.agent.protocol.NodeRoles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** A node's server.properties as Kafka reads it, for the few keys the agent acts on. */
public final class ServerConfig {
    public static final String STATIC_VOTERS = "controller.quorum.voters";
    public static final String BOOTSTRAP_SERVERS = "controller.quorum.bootstrap.servers";
    private static final long DEFAULT_FETCH_TIMEOUT_MS = 2000;
    private final Path file;
    private final Properties properties;

    private ServerConfig(Path file, Properties properties) {
        this.file = file;
        this.properties = properties;
    }

    /** @return empty when there is no such file (or no path at all) */
    public static Optional<ServerConfig> read(String configFile) throws IOException {
        if (configFile == null || !Files.isRegularFile(Path.of(configFile))) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(configFile))) {
            properties.load(reader);
        }
        return Optional.of(new ServerConfig(Path.of(configFile), properties));
    }

    public Path file() {
        return file;
    }

    public Optional<NodeRoles> roles() {
        return Optional.ofNullable(properties.getProperty("process.roles")).map(NodeRoles::ofProcessRoles);
    }

    /** Which of the two quorum keys the node has: its voters fixed in the file, or found through the controllers. */
    public Optional<QuorumMode> quorumMode() {
        if (properties.containsKey(BOOTSTRAP_SERVERS)) {
            return Optional.of(QuorumMode.DYNAMIC);
        }
        return properties.containsKey(STATIC_VOTERS) ? Optional.of(QuorumMode.STATIC) : Optional.empty();
    }

    /** {@code host:port} of every controller the file names: the voters' endpoints, or the bootstrap servers. */
    public List<String> controllerEndpoints() {
        String bootstrap = properties.getProperty(BOOTSTRAP_SERVERS);
        if (bootstrap != null) {
            return split(bootstrap);
        }
        return split(properties.getProperty(STATIC_VOTERS, "")).stream()
                .map(voter -> voter.substring(voter.indexOf('@') + 1)).toList();
    }

    /** controller.quorum.fetch.timeout.ms: what "caught up" means for the quorum. */
    public long fetchTimeoutMs() {
        String value = properties.getProperty("controller.quorum.fetch.timeout.ms");
        return value == null ? DEFAULT_FETCH_TIMEOUT_MS : Long.parseLong(value.trim());
    }

    public static long fetchTimeoutMs(String configFile) throws IOException {
        return read(configFile).map(ServerConfig::fetchTimeoutMs).orElse(DEFAULT_FETCH_TIMEOUT_MS);
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
