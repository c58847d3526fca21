package io.plk.orchestrator.aws;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The runbook's example deployment as provisioner input. */
final class Fixtures {
    static final String PRINCIPAL = "arn:aws:iam::111122223333:root";
    static final String OWNER = "0123456789ab";

    private Fixtures() {
    }

    static AwsSpec spec(URI endpoint) {
        Map<String, String> subnets = new LinkedHashMap<>();
        subnets.put("usw2-az1", "10.0.0.0/18");
        subnets.put("usw2-az2", "10.0.64.0/18");
        subnets.put("usw2-az3", "10.0.128.0/18");
        return new AwsSpec("us-west-2", endpoint, "10.0.0.0/16", subnets, "usw2-az1", "10.0.192.0/18",
                List.of("203.0.113.7/32"), "kafka-vpc-key-pair", null, "t2.small", "t2.large", "kafka-lb",
                List.of("10.100.0.0/16"), false, List.of(PRINCIPAL), true, OWNER);
    }

    /** For an apply of a cluster that has its ownership id already. */
    static void noNewOwnerId(String id) {
        throw new AssertionError("the cluster has ownership id " + OWNER + "; apply made another: " + id);
    }

    static AwsTopology topology(AwsSpec spec, Path identityFile) {
        return new AwsTopology("demo", spec, identityFile, 9092, List.of(
                new BrokerSlot(1, "usw2-az1", 9093, 39092, 9092, 29092),
                new BrokerSlot(2, "usw2-az2", 9094, 39092, 9092, 29092),
                new BrokerSlot(3, "usw2-az3", 9095, 39092, 9092, 29092)), 18765);
    }
}
