package io.plk.agent.verify;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.auth.ClientLogin;
import io.plk.agent.auth.ListenerSession;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a listener advertises, read with one Metadata request (v4, served by Kafka 2.x to 4.x) over a
 * {@link ListenerSession}, logged in as the request's first SCRAM user when EXTERNAL authenticates, over TLS
 * trusting the request's CA when EXTERNAL has TLS.
 * Unlike a Kafka client it never connects to the advertised names, so it works where they do not
 * resolve, e.g. the EXTERNAL listener seen from inside the VPC.
 */
public final class AdvertisedListeners {
    private static final short METADATA = 3;
    private static final short VERSION = 4;

    public AgentResult advertised(AgentRequest request) throws IOException {
        String bootstrap = request.require(request.bootstrap(), "bootstrap");
        List<Map<String, Object>> nodes = new ArrayList<>();
        // it connects to a broker's address, not to the advertised name its certificate carries
        Properties login = ClientLogin.atAddress(request.scramUsers(), request.externalCa());
        try (ListenerSession session = ListenerSession.open(address(bootstrap), login,
                Duration.ofSeconds(request.timeoutOr(10)))) {
            DataInputStream in = Wire.response(session.request(metadataRequest(List.of())));
            in.readInt(); // throttle time
            nodes.addAll(brokers(in));
        }
        nodes.sort((a, b) -> Integer.compare((int) a.get("id"), (int) b.get("id")));
        return AgentResult.ok("advertised", bootstrap + " advertises " + nodes.size() + " brokers",
                Map.of("advertised", nodes));
    }

    /** {@code host:port} as a socket address, without resolving more than the host. */
    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** Metadata v4 for these topics (none: brokers only), never creating one. */
    static byte[] metadataRequest(List<String> topics) throws IOException {
        Wire request = new Wire(METADATA, VERSION);
        request.body.writeInt(topics.size());
        for (String topic : topics) {
            Wire.writeString(request.body, topic);
        }
        request.body.writeBoolean(false); // allow_auto_topic_creation
        return request.bytes();
    }

    /** The brokers array of a Metadata response, read up to its end. */
    static List<Map<String, Object>> brokers(DataInputStream in) throws IOException {
        List<Map<String, Object>> nodes = new ArrayList<>();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", in.readInt());
            node.put("host", Wire.readString(in));
            node.put("port", in.readInt());
            Wire.readString(in); // rack
            nodes.add(node);
        }
        return nodes;
    }
}
