package io.plk.orchestrator.aws;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The inventory's {@code aws:} section, as the provisioner needs it.
 *
 * @param endpoint      endpoint override (e.g. moto's {@code http://127.0.0.1:5000}), or {@code null} for AWS
 * @param brokerSubnets AZ ID (e.g. {@code usw2-az1}) to subnet CIDR, in inventory order
 * @param ami           AMI id, or {@code null} for the latest Amazon Linux 2023 from the public SSM parameter
 * @param ownerId       the ownership id every resource of the cluster is tagged with, or {@code null}
 *                      until the first apply generates it
 */
public record AwsSpec(String region, URI endpoint, String vpcCidr, Map<String, String> brokerSubnets,
        String bastionAzId, String bastionCidr, List<String> sshFrom, String keyPair, String ami,
        String bastionInstanceType, String brokerInstanceType, String loadBalancerName,
        List<String> loadBalancerAllowFrom, boolean crossZone, List<String> allowedPrincipals,
        boolean acceptanceRequired, String ownerId) {
    /** What an ownership id looks like: 12 hex digits (48 random bits). */
    public static final java.util.regex.Pattern OWNER_ID = java.util.regex.Pattern.compile("[0-9a-f]{12}");

    public AwsSpec {
        brokerSubnets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(brokerSubnets));
        sshFrom = List.copyOf(sshFrom);
        loadBalancerAllowFrom = List.copyOf(loadBalancerAllowFrom);
        allowedPrincipals = List.copyOf(allowedPrincipals);
    }

    public AwsSpec withOwnerId(String id) {
        return new AwsSpec(region, endpoint, vpcCidr, brokerSubnets, bastionAzId, bastionCidr, sshFrom, keyPair, ami,
                bastionInstanceType, brokerInstanceType, loadBalancerName, loadBalancerAllowFrom, crossZone,
                allowedPrincipals, acceptanceRequired, id);
    }

    /** The tags of this cluster's resources. */
    Tags tags(String cluster) {
        return new Tags(cluster, ownerId == null ? Tags.UNASSIGNED : ownerId);
    }
}
