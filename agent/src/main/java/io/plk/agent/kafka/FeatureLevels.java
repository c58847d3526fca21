package io.plk.agent.kafka;

import io.plk.agent.health.ClusterProbe;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;

/**
 * {@code features}: the cluster's finalized {@code metadata.version} against what the Kafka on this
 * agent's class path (the plan's version) runs in production; with {@code finalize}, raises it to that
 * level, as {@code kafka-features upgrade} does. Finalizing is the point of no return: from then on a
 * broker of an older Kafka cannot read the metadata log, so the orchestrator asks for it only when told.
 */
public final class FeatureLevels {
    static final String METADATA_VERSION = "metadata.version";

    public AgentResult features(AgentRequest request) throws Exception {
        Duration timeout = Duration.ofSeconds(request.timeoutOr(60));
        short installed = latestProductionLevel();
        try (ClusterProbe cluster = new ClusterProbe(request.require(request.bootstrap(), "bootstrap"), timeout)) {
            FeatureMetadata features = cluster.admin().describeFeatures().featureMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            var level = features.finalizedFeatures().get(METADATA_VERSION);
            short finalized = level == null ? 0 : level.maxVersionLevel();
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("finalizedLevel", finalized);
            facts.put("installedLevel", installed);
            if (!request.finalizing() || finalized >= installed) {
                return AgentResult.ok("features", METADATA_VERSION + " is at level " + finalized + "; this Kafka runs "
                        + "up to " + installed, facts);
            }
            String change = METADATA_VERSION + " from level " + finalized + " to " + installed;
            if (request.isCheck()) {
                return AgentResult.changed("features", "would finalize " + change, facts);
            }
            cluster.admin().updateFeatures(Map.of(METADATA_VERSION, new FeatureUpdate(installed,
                    FeatureUpdate.UpgradeType.UPGRADE)), new UpdateFeaturesOptions()).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            facts.put("finalizedLevel", installed);
            return AgentResult.changed("features", "finalized " + change + ": older Kafka can no longer join", facts);
        }
    }

    /** The highest production metadata.version of the Kafka on the class path (4.x and 3.x name it differently). */
    static short latestProductionLevel() throws ReflectiveOperationException {
        Class<?> versions = Class.forName("org.apache.kafka.server.common.MetadataVersion");
        Object latest;
        try {
            latest = versions.getMethod("latestProduction").invoke(null);
        } catch (NoSuchMethodException before4) {
            latest = versions.getField("LATEST_PRODUCTION").get(null);
        }
        return (short) latest.getClass().getMethod("featureLevel").invoke(latest);
    }
}
