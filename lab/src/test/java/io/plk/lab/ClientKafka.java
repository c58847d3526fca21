package io.plk.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cloud service's side of the lab: the agent and Kafka's client libraries copied into the
 * client container, which reaches only HAProxy and resolves the advertised names to it.
 */
final class ClientKafka {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Lab lab;
    private final LabHost client;

    ClientKafka(Lab lab, Path kafkaArchive) throws Exception {
        this.lab = lab;
        this.client = lab.client().host();
        Path agent = Files.createTempFile("agent", ".jar");
        try (InputStream in = ClientKafka.class.getResourceAsStream("/agent/agent.jar")) {
            Files.copy(in, agent, StandardCopyOption.REPLACE_EXISTING);
        }
        client.copyIn(agent, "/opt/agent.jar");
        client.copyIn(kafkaArchive, "/opt/kafka.tgz");
        client.sh("mkdir -p /opt/kafka && tar -xzf /opt/kafka.tgz -C /opt/kafka --strip-components=1");
    }

    /** Runs an agent command in the client container and returns its JSON result; the request (a password, maybe) on stdin. */
    JsonNode agent(String command, Map<String, Object> request) throws Exception {
        client.copyIn(JSON.writeValueAsString(request), "/root/request.json", 0600);
        ExecResult result = client.exec("sh", "-c", "java -Xmx128m -cp '/opt/agent.jar:/opt/kafka/libs/*' "
                + "io.plk.agent.AgentMain " + command + " < /root/request.json; status=$?; rm -f /root/request.json;"
                + " exit $status");
        String out = result.stdout().strip();
        return JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));
    }

    /**
     * Produces and consumes through HAProxy, routed as the plan's load balancer, at the advertised names, on an
     * unauthenticated EXTERNAL; returns the {@code host:port} each broker advertises.
     */
    List<String> advertisedThroughLoadBalancer(Plan plan, String topic) throws Exception {
        lab.loadBalancer().route(plan.loadBalancerListeners());
        List<String> names = plan.brokerNodes().stream().map(BrokerPlan::externalHost).toList();
        lab.client().mapNames(names);
        JsonNode verified = agent("verify", Map.of("bootstrap", names.get(0) + ":" + plan.bootstrapPort(),
                "topic", topic));
        if (!"ok".equals(verified.get("status").asText())) {
            throw new AssertionError("the cloud side's verify: " + verified);
        }
        List<String> advertised = new ArrayList<>();
        verified.at("/facts/advertised").forEach(n -> advertised.add(n.get("host").asText() + ":"
                + n.get("port").asInt()));
        return advertised;
    }
}
