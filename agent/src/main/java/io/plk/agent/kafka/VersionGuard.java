package io.plk.agent.kafka;

import io.plk.agent.health.ClusterProbe;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code versions}: the first step of a converge, before anything is installed. A broker that runs
 * another Kafka than the request's is an upgrade or a downgrade. It refuses what Kafka cannot take in
 * one step: Kafka 4 from before 3.3, and a downgrade below the {@code metadata.version} the cluster
 * has finalized (an older broker could not read the metadata log).
 */
public final class VersionGuard {
    private static final KafkaVersion KRAFT_PRODUCTION = new KafkaVersion(3, 3, 0);

    public AgentResult check(AgentRequest request) throws Exception {
        KafkaProcess kafka = new KafkaProcess(Path.of(request.require(request.configFile(), "configFile")),
                Path.of(request.require(request.stateDir(), "stateDir")));
        Optional<KafkaVersion> running = kafka.running().flatMap(KafkaProcess::home)
                .flatMap(home -> versionOf(home.resolve("libs")));
        Optional<KafkaVersion> target = request.archive() == null ? Optional.empty()
                : KafkaVersion.ofArchive(Path.of(request.archive()).getFileName().toString());
        if (running.isEmpty() || target.isEmpty() || running.get().equals(target.get())) {
            return AgentResult.ok("versions", "no change of Kafka version", Map.of());
        }
        KafkaVersion from = running.get();
        KafkaVersion to = target.get();
        Map<String, Object> facts = Map.of("from", from.toString(), "to", to.toString());
        if (to.major() >= 4 && from.compareTo(KRAFT_PRODUCTION) < 0) {
            return AgentResult.failed("versions", "Kafka " + to + " cannot replace " + from + " in one step: upgrade "
                    + "to 3.9 first, finalize (apply --finalize), then to " + to, facts);
        }
        if (to.compareTo(from) > 0) {
            return AgentResult.ok("versions", "upgrade " + from + " -> " + to, facts);
        }
        return downgrade(request, from, to, facts);
    }

    /** Allowed while the finalized level is one the older Kafka (this agent's class path) runs. */
    private static AgentResult downgrade(AgentRequest request, KafkaVersion from, KafkaVersion to,
                                         Map<String, Object> facts) throws Exception {
        short supported;
        try {
            supported = FeatureLevels.latestProductionLevel();
        } catch (ReflectiveOperationException notInstalled) {
            return AgentResult.failed("versions", "downgrade " + from + " -> " + to + ": Kafka " + to + " is not "
                    + "installed here, so nothing shows it can read this cluster's metadata; refused", facts);
        }
        Duration timeout = Duration.ofSeconds(request.timeoutOr(60));
        try (ClusterProbe cluster = new ClusterProbe(request.require(request.bootstrap(), "bootstrap"), timeout)) {
            var level = cluster.admin().describeFeatures().featureMetadata().get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS).finalizedFeatures().get(FeatureLevels.METADATA_VERSION);
            short finalized = level == null ? 0 : level.maxVersionLevel();
            if (finalized > supported) {
                return AgentResult.failed("versions", "downgrade " + from + " -> " + to + " refused: the cluster "
                        + "finalized metadata.version at level " + finalized + " and Kafka " + to + " reads at most "
                        + supported + "; after finalizing there is no way back", facts);
            }
            return AgentResult.ok("versions", "downgrade " + from + " -> " + to + ": metadata.version level "
                    + finalized + " is one Kafka " + to + " reads", facts);
        }
    }

    private static Optional<KafkaVersion> versionOf(Path libs) {
        try {
            return KafkaVersion.ofLibs(libs);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
