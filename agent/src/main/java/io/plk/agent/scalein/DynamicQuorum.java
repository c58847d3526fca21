package io.plk.agent.scalein;

import io.plk.agent.kafka.QuorumMode;
import io.plk.agent.kafka.ServerConfig;
import io.plk.agent.protocol.BadRequestException;
import java.io.IOException;
import java.util.Optional;
import org.apache.kafka.clients.admin.QuorumInfo;

/**
 * What changing the voters needs: a dynamic quorum (KIP-853), whose voters are identified by node id and
 * directory id. The agent compiles against Kafka 3.7, which has neither; the directory id is read from the
 * broker's own client (3.9 and later) at run time.
 */
final class DynamicQuorum {
    static final String METADATA_QUORUM_TOOL = "org.apache.kafka.tools.MetadataQuorumCommand";

    private DynamicQuorum() {
    }

    /** This node's config, or a refusal naming why its quorum's voters cannot change. */
    static ServerConfig config(String configFile, String change) throws IOException {
        ServerConfig config = ServerConfig.read(configFile).orElseThrow(() -> new BadRequestException(
                "configFile " + configFile + " does not exist"));
        if (config.quorumMode().orElse(QuorumMode.STATIC) != QuorumMode.DYNAMIC) {
            throw new StaticQuorumException(ServerConfig.STATIC_VOTERS + " is static: " + change
                    + " needs a dynamic quorum (Kafka 4.x, KIP-853)");
        }
        return config;
    }

    /** The voter's directory id as the quorum reports it, e.g. {@code ZpHckYrxSw26RWkyjmfzaA}. */
    static Optional<String> directoryId(QuorumInfo quorum, int nodeId) {
        return quorum.voters().stream().filter(v -> v.replicaId() == nodeId).findFirst().map(v -> {
            try {
                return String.valueOf(v.getClass().getMethod("replicaDirectoryId").invoke(v));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("this Kafka client reports no voter directory ids (Kafka 3.9+ does)", e);
            }
        });
    }

    /** The voters are listed in the config: failed, with the reason, nothing changed. */
    static final class StaticQuorumException extends RuntimeException {
        StaticQuorumException(String message) {
            super(message);
        }
    }
}
