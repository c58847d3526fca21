package io.plk.orchestrator.inventory;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code cluster:} section.
 *
 * @param clusterId   null until taken from formatted brokers or generated (then written back)
 * @param javaArchive null to use {@code javaHome} or the java on the brokers' PATH
 * @param templates   null for the built-in templates
 * @param quorum      {@code static} or {@code dynamic} (KIP-853); null: dynamic for a new Kafka 4.x cluster,
 *                    static for one formatted before the key existed (see the Plan)
 */
public record ClusterSpec(
        String name,
        String clusterId,
        Artifact kafka,
        Artifact javaArchive,
        String javaHome,
        String heap,
        String dataDir,
        Ports ports,
        Map<String, String> properties,
        Path templates,
        String service,
        String quorum) {

    public ClusterSpec {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public ClusterSpec withKafka(Artifact archive) {
        return new ClusterSpec(name, clusterId, archive, javaArchive, javaHome, heap, dataDir, ports, properties,
                templates, service, quorum);
    }
}
