package io.plk.orchestrator.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Values that parse but that a production cluster cannot live with: its quorum, its region, its data. */
final class ProductionChecks {
    private final YamlSection top;
    private final YamlSection clusterSection;
    private final List<BrokerSpec> brokers;
    private final List<YamlSection> sections;

    ProductionChecks(YamlSection top, YamlSection clusterSection, List<BrokerSpec> brokers,
            List<YamlSection> sections) {
        this.top = top;
        this.clusterSection = clusterSection;
        this.brokers = brokers;
        this.sections = sections;
    }

    /** Only for a cluster this tool renders: an existing cluster keeps the quorum it has. */
    void quorum(boolean allowSingleNode) {
        int voters = (int) brokers.stream().filter(BrokerSpec::isController).count();
        if (voters == 3 || voters == 5 || voters == 1 && allowSingleNode) {
            return;
        }
        String why = voters == 0 ? "a KRaft cluster needs a metadata quorum; give 3 or 5 nodes the controller role"
                : voters == 1 ? "a single voter cannot be restarted without an outage; give 3 or 5 nodes the "
                        + "controller role, or set cluster.allowSingleNode: true for a lab"
                : voters % 2 == 0 ? "an even quorum tolerates no more failures than one voter fewer and can "
                        + "split; give 3 or 5 nodes the controller role"
                : "more than 5 voters slow every commit down; give 3 or 5 nodes the controller role";
        top.problem("brokers", voters + " nodes with the controller role make " + voters + " KRaft voters: " + why);
    }

    /**
     * Enough brokers for the replication factors the cluster will ask for: topics created with the default and
     * Kafka's own offsets and transaction topics (3 unless set), which it cannot create on fewer brokers.
     */
    void replicationFactors(Map<String, String> properties, boolean allowSingleNode) {
        int count = (int) brokers.stream().filter(BrokerSpec::isBroker).count();
        if (count == 0) {
            top.problem("brokers", "no node has the broker role; give at least 3 nodes roles [broker] or "
                    + "[broker, controller]");
            return;
        }
        for (var key : List.of("default.replication.factor", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor")) {
            String explicit = properties.get(key);
            if (explicit == null && (allowSingleNode || key.startsWith("default"))) {
                continue;
            }
            int factor = explicit == null ? 3 : parseOr(explicit, 0);
            if (count < factor) {
                top.problem("brokers", count + " node(s) with the broker role are fewer than " + key + " "
                        + factor + (explicit == null ? " (Kafka's default)" : " (cluster.properties)")
                        + ": Kafka cannot place that many replicas; add brokers or lower " + key);
            }
        }
    }

    private static int parseOr(String value, int fallback) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    void oneRegion() {
        String first = null;
        int firstIndex = -1;
        for (int i = 0; i < brokers.size(); i++) {
            String azId = brokers.get(i).azId();
            if (azId == null || Syntax.azId(azId).isPresent()) {
                continue;
            }
            String region = azId.substring(0, azId.indexOf("-az"));
            if (first == null) {
                first = region;
                firstIndex = i;
            } else if (!first.equals(region)) {
                sections.get(i).problem("azId", "'" + azId + "' is in region " + region + " but brokers["
                        + firstIndex + "] is in " + first + "; an endpoint service serves one region, so write "
                        + "AZ IDs of " + first + " only");
            }
        }
    }

    /** {@code dataDir} is Kafka's log.dirs: never the filesystem root, the home or above it, or a way out. */
    void dataDir(String dataDir, String home) {
        if (dataDir == null) {
            return;
        }
        String hint = "; write a folder of its own, e.g. data (under the home) or /var/lib/kafka";
        if (List.of(dataDir.split("/")).contains("..")) {
            clusterSection.problem("dataDir", "'" + dataDir + "' contains '..'" + hint);
            return;
        }
        Path absolute = Path.of(home).resolve(dataDir).normalize();
        if (Path.of(home).startsWith(absolute)) {
            clusterSection.problem("dataDir", "'" + dataDir + "' is " + (absolute.getNameCount() == 0
                    ? "the filesystem root" : absolute.equals(Path.of(home)) ? "the home " + home
                    : "a parent of the home " + home) + hint);
        }
    }
}
