package io.plk.orchestrator.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AcceptVpcEndpointConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.AcceptVpcEndpointConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.VpcEndpointConnection;

/**
 * accept-connections at the SDK boundary: moto 5.2.1 lacks DescribeVpcEndpointConnections and
 * AcceptVpcEndpointConnections (HTTP 500), so an {@link Ec2Client} that serves the connections and
 * records the accept request stands in for EC2 here.
 */
class EndpointConnectionsTest {
    private static final String SERVICE = "vpce-svc-0123456789abcdef0";

    private static VpcEndpointConnection connection(String id, String owner, String state) {
        return VpcEndpointConnection.builder().serviceId(SERVICE).vpcEndpointId(id).vpcEndpointOwner(owner)
                .vpcEndpointState(state).build();
    }

    /** Two pages of connections; records the requests it gets. */
    private static final class FakeEc2 implements Ec2Client {
        final List<DescribeVpcEndpointConnectionsRequest> describes = new ArrayList<>();
        final List<AcceptVpcEndpointConnectionsRequest> accepts = new ArrayList<>();

        @Override
        public DescribeVpcEndpointConnectionsResponse describeVpcEndpointConnections(DescribeVpcEndpointConnectionsRequest request) {
            describes.add(request);
            if (request.nextToken() == null) {
                return DescribeVpcEndpointConnectionsResponse.builder().nextToken("page2").vpcEndpointConnections(
                        connection("vpce-tidb1", "111122223333", "pendingAcceptance"),
                        connection("vpce-stranger", "999988887777", "pendingAcceptance")).build();
            }
            return DescribeVpcEndpointConnectionsResponse.builder().vpcEndpointConnections(
                    connection("vpce-tidb2", "111122223333", "pendingAcceptance"),
                    connection("vpce-done", "111122223333", "available")).build();
        }

        @Override
        public AcceptVpcEndpointConnectionsResponse acceptVpcEndpointConnections(AcceptVpcEndpointConnectionsRequest request) {
            accepts.add(request);
            return AcceptVpcEndpointConnectionsResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "ec2";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void acceptsPendingConnectionsOfAllowedPrincipalsOnly() {
        FakeEc2 ec2 = new FakeEc2();
        AcceptResult result = EndpointConnections.acceptPending(ec2, SERVICE, List.of(Fixtures.PRINCIPAL));

        assertEquals(List.of("vpce-tidb1", "vpce-tidb2"), result.accepted());
        assertEquals(List.of("vpce-stranger (owner 999988887777)"), result.ignored());
        assertEquals(1, ec2.accepts.size());
        assertEquals(SERVICE, ec2.accepts.get(0).serviceId());
        assertEquals(List.of("vpce-tidb1", "vpce-tidb2"), ec2.accepts.get(0).vpcEndpointIds());
        assertEquals(2, ec2.describes.size());
        assertEquals(List.of(SERVICE), ec2.describes.get(0).filters().stream()
                .filter(f -> f.name().equals("service-id")).findFirst().get().values());
    }

    @Test
    void nothingPendingFromAllowedPrincipalsMeansNoAcceptCall() {
        FakeEc2 ec2 = new FakeEc2();
        AcceptResult result = EndpointConnections.acceptPending(ec2, SERVICE, List.of("arn:aws:iam::444455556666:root"));
        assertEquals(List.of(), result.accepted());
        assertEquals(3, result.ignored().size());
        assertEquals(List.of(), ec2.accepts);
    }

    @Test
    void principalsMatchTheirAccount() {
        assertTrue(EndpointConnections.allows("arn:aws:iam::111122223333:root", "111122223333"));
        assertTrue(EndpointConnections.allows("arn:aws:iam::111122223333:role/x", "111122223333"));
        assertTrue(EndpointConnections.allows("*", "111122223333"));
        assertFalse(EndpointConnections.allows("arn:aws:iam::111122223333:root", "111122223334"));
    }
}
