package io.plk.orchestrator.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.VpcEndpointConnection;

/**
 * Accepts the endpoint service's pending connections whose owner account is one of the allowed
 * principals, and no others (the console step of runbook Step 3.1).
 */
final class EndpointConnections {
    private EndpointConnections() {
    }

    static AcceptResult acceptPending(Ec2Client ec2, String serviceId, List<String> allowedPrincipals) {
        List<VpcEndpointConnection> pending = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeVpcEndpointConnectionsResponse page = ec2.describeVpcEndpointConnections(r -> r.nextToken(next)
                    .filters(Filter.builder().name("service-id").values(serviceId).build(),
                            Filter.builder().name("vpc-endpoint-state").values("pendingAcceptance").build()));
            page.vpcEndpointConnections().stream()
                    .filter(c -> serviceId.equals(c.serviceId()) && "pendingAcceptance".equalsIgnoreCase(c.vpcEndpointStateAsString()))
                    .forEach(pending::add);
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        List<String> accept = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (VpcEndpointConnection c : pending) {
            if (allowedPrincipals.stream().anyMatch(p -> allows(p, c.vpcEndpointOwner()))) {
                accept.add(c.vpcEndpointId());
            } else {
                ignored.add(c.vpcEndpointId() + " (owner " + c.vpcEndpointOwner() + ")");
            }
        }
        List<String> failed = new ArrayList<>();
        if (!accept.isEmpty()) {
            ec2.acceptVpcEndpointConnections(r -> r.serviceId(serviceId).vpcEndpointIds(accept)).unsuccessful()
                    .forEach(u -> {
                        accept.remove(u.resourceId());
                        failed.add(u.resourceId() + ": " + u.error().code() + " " + u.error().message());
                    });
        }
        return new AcceptResult(accept, ignored, failed);
    }

    /** {@code arn:aws:iam::<account>:root} (or any IAM ARN of the account) allows that account; {@code *} allows all. */
    static boolean allows(String principal, String ownerAccount) {
        if ("*".equals(principal)) {
            return true;
        }
        String[] parts = principal.split(":", 6);
        return parts.length >= 5 && parts[0].equals("arn") && parts[4].equals(ownerAccount);
    }
}
