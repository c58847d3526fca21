package io.plk.orchestrator.inventory;

import java.nio.file.Path;
import java.util.List;
import io.plk.orchestrator.aws.AwsSpec;
import java.util.Optional;

/** What the user wrote, validated and immutable. Everything derived from it lives in the plan. */
public record Inventory(
        Path file,
        ClusterSpec cluster,
        PrivateLinkSpec privateLink,
        SshSpec ssh,
        List<BrokerSpec> brokers,
        Optional<AwsSpec> aws,
        Optional<ExistingSpec> existing) {

    public Inventory {
        brokers = List.copyOf(brokers);
    }

    public Inventory withBrokers(List<BrokerSpec> newBrokers) {
        return new Inventory(file, cluster, privateLink, ssh, newBrokers, aws, existing);
    }

    public Inventory withAws(AwsSpec newAws) {
        return new Inventory(file, cluster, privateLink, ssh, brokers, Optional.of(newAws), existing);
    }

    public Inventory withCluster(ClusterSpec newCluster) {
        return new Inventory(file, newCluster, privateLink, ssh, brokers, aws, existing);
    }

    public Inventory withSsh(SshSpec newSsh) {
        return new Inventory(file, cluster, privateLink, newSsh, brokers, aws, existing);
    }
}
