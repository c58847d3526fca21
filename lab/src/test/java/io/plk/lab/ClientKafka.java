package io.plk.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The cloud service's side of the lab: the agent and Kafka's client libraries copied into the
 * client container, which reaches only HAProxy and resolves the advertised names to it.
 */
final class ClientKafka {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LabHost client;

    ClientKafka(Lab lab, Path kafkaArchive) throws Exception {
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
}
