package io.plk.orchestrator.aws;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the AWS side needs: the {@code aws:} section plus the port plan the Kafka side is
 * configured from, so the load balancer and the advertised listeners cannot disagree.
 *
 * @param identityFile  where the key pair's private key is saved when the key pair is created
 * @param bootstrapPort load balancer port forwarding to every broker's external port
 * @param stagingPort   port on the bastion the brokers download staged artifacts from (opened to
 *                      the brokers' group only), or 0 for none
 */
public record AwsTopology(String clusterName, AwsSpec spec, Path identityFile, int bootstrapPort,
        List<BrokerSlot> brokers, int stagingPort) {
    public AwsTopology {
        brokers = List.copyOf(brokers);
    }

    AwsTopology withSpec(AwsSpec newSpec) {
        return new AwsTopology(clusterName, newSpec, identityFile, bootstrapPort, brokers, stagingPort);
    }
}
