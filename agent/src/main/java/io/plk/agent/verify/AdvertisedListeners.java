package io.plk.agent.verify;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.auth.ClientLogin;
import io.plk.agent.auth.ListenerSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
        String host = bootstrap.substring(0, bootstrap.lastIndexOf(':'));
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        List<Map<String, Object>> nodes = new ArrayList<>();
        // it connects to a broker's address, not to the advertised name its certificate carries
        Properties login = ClientLogin.atAddress(request.scramUsers(), request.externalCa());
        try (ListenerSession session = ListenerSession.open(new InetSocketAddress(host, port), login,
                Duration.ofSeconds(request.timeoutOr(10)))) {
            ByteBuffer response = session.request(metadataRequest());
            byte[] bytes = new byte[response.remaining()];
            response.get(bytes);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            in.readInt(); // correlation id
            in.readInt(); // throttle time
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("id", in.readInt());
                node.put("host", readString(in));
                node.put("port", in.readInt());
                readString(in); // rack
                nodes.add(node);
            }
        }
        nodes.sort((a, b) -> Integer.compare((int) a.get("id"), (int) b.get("id")));
        return AgentResult.ok("advertised", bootstrap + " advertises " + nodes.size() + " brokers",
                Map.of("advertised", nodes));
    }

    private static byte[] metadataRequest() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream body = new DataOutputStream(bytes);
        body.writeShort(METADATA);
        body.writeShort(VERSION);
        body.writeInt(1);
        writeString(body, "plk-agent");
        body.writeInt(0); // no topics: brokers only
        body.writeBoolean(false); // allow_auto_topic_creation
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        short length = in.readShort();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
