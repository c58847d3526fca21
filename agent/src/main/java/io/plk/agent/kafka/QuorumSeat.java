package io.plk.agent.kafka;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.BadRequestException;
import java.util.List;

/**
 * The StorageTool arguments that give a node its place in the quorum. A static quorum (and a broker) needs
 * none: the voters are in the config. A controller of a dynamic quorum is either one of the first voters of a
 * new cluster ({@code --initial-controllers}, the same list on each) or joins a running quorum as an observer
 * ({@code --no-initial-controllers}) until it is added as a voter; Kafka refuses to format it with neither.
 */
final class QuorumSeat {
    private QuorumSeat() {
    }

    static List<String> arguments(ServerConfig config, AgentRequest request) {
        boolean initial = request.initialControllers() != null;
        boolean join = request.isJoinQuorum();
        QuorumMode mode = config.quorumMode().orElse(QuorumMode.STATIC);
        if (mode == QuorumMode.STATIC) {
            if (initial || join) {
                throw new BadRequestException((initial ? "initialControllers" : "joinQuorum") + " is for a dynamic "
                        + "quorum (" + ServerConfig.BOOTSTRAP_SERVERS + "), but " + config.file() + " has the static "
                        + ServerConfig.STATIC_VOTERS + ": send neither, or render quorumBootstrapServers");
            }
            return List.of();
        }
        if (!config.roles().orElse(io.plk.agent.protocol.NodeRoles.COMBINED).controller()) {
            return List.of(); // a broker learns the voters from the controllers it bootstraps from
        }
        if (initial && join) {
            throw new BadRequestException("initialControllers and joinQuorum exclude each other: a controller either "
                    + "founds a new quorum or joins a running one");
        }
        if (initial) {
            return List.of("--initial-controllers", request.initialControllers());
        }
        if (join) {
            return List.of("--no-initial-controllers");
        }
        throw new BadRequestException("request lacks 'initialControllers' or 'joinQuorum': a controller of a dynamic "
                + "quorum (" + config.file() + " has " + ServerConfig.BOOTSTRAP_SERVERS + ") is formatted as one of "
                + "the first voters (initialControllers: id@host:port:directoryId,...) or to join a running quorum "
                + "(joinQuorum: true)");
    }
}
