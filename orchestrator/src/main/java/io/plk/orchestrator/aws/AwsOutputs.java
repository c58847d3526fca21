package io.plk.orchestrator.aws;

import java.util.Map;

/**
 * What apply provisioned, for the user and for the SSH steps.
 *
 * @param ownerId           the ownership id every resource of the cluster is tagged with
 * @param availabilityZones AZ ID to AZ name in this account, for the broker and bastion AZ IDs
 * @param brokerPrivateIps  broker node id to private IPv4 address
 * @param nextStep          the TiDB Cloud CLI line of runbook Step 3.1 with the service name filled in
 */
public record AwsOutputs(String ownerId, String endpointServiceId, String endpointServiceName, Map<String, String> availabilityZones,
        String loadBalancerDnsName, String bastionPublicIp, Map<Integer, String> brokerPrivateIps, String nextStep) {
    public AwsOutputs {
        availabilityZones = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(availabilityZones));
        brokerPrivateIps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(brokerPrivateIps));
    }

    static String nextStep(String clusterName, String serviceName) {
        return "ticloud serverless private-link-connection create -c <cluster-id> --display-name " + clusterName
                + " --type AWS_ENDPOINT_SERVICE --aws.endpoint-service-name " + serviceName;
    }
}
