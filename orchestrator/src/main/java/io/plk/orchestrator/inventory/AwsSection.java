package io.plk.orchestrator.inventory;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** The optional {@code aws:} section: when present, apply provisions the runbook's AWS side. */
public record AwsSection(String region, URI endpoint, String vpcCidr, Map<String, String> brokerSubnets,
        String bastionAzId, String bastionCidr, List<String> sshFrom, String keyPair, String ami,
        String bastionInstanceType, String brokerInstanceType, String loadBalancerName,
        List<String> loadBalancerAllowFrom, boolean crossZone, List<String> allowedPrincipals,
        boolean acceptanceRequired) {
}
