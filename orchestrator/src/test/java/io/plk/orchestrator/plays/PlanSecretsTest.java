package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.kafka.Configurer;
import io.plk.agent.kafka.Patcher;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code plan} prints for a broker never shows a secret value, on either side of the diff: the broker's agent
 * answers apply's own request in check mode (here its configure or patch step, run in process on a file holding
 * {@code current}), and plan prints that answer.
 */
class PlanSecretsTest {
    @TempDir
    Path dir;

    private static final List<String> SECRETS = List.of("ks-pass-1", "jaas-pass-2", "client-secret-3", "tok-4",
            "old-pass-0");

    @Test
    void clusterPropertiesWithSecretNamesAreMaskedInTheConfigDiff() throws Exception {
        Plan plan = plan(RunbookInventory.TEXT.replace("  heap: 1g", """
                  heap: 1g
                  properties:
                    ssl.keystore.password: ks-pass-1
                    sasl.jaas.config: "org.apache.kafka.common.security.plain.PlainLoginModule required \
                username=\\"admin\\" password=\\"jaas-pass-2\\";"
                    sasl.oauthbearer.client.SECRET: client-secret-3
                    delegation.token.master.key: tok-4
                    num.partitions: "6"
                """));
        String current = "node.id=1\nssl.keystore.password=old-pass-0\nnum.partitions=3\n";
        String section = section(plan, current);

        assertTrue(section.contains("changed (running: would restart)"), section);
        SECRETS.forEach(secret -> assertFalse(section.contains(secret), secret + " shown in:\n" + section));
        for (String line : List.of("-ssl.keystore.password=****", "+ssl.keystore.password=****",
                "+sasl.jaas.config=****", "+sasl.oauthbearer.client.SECRET=****", "+delegation.token.master.key=****",
                "-num.partitions=3", "+num.partitions=6")) {
            assertTrue(section.lines().anyMatch(line::equals), line + " missing in:\n" + section);
        }
    }

    @Test
    void aRunningClustersJaasLinesBesideTheListenersAreMaskedInThePatchDiff() throws Exception {
        Plan plan = plan(RunbookInventory.TEXT.replace("brokers:", "existing: {configFile: /opt/kafka/config/server"
                + ".properties, kafkaHome: /opt/kafka, service: {systemd: kafka}}\nbrokers:"));
        String current = """
                node.id=1
                listener.name.internal.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule \\
                    required username="admin" password="jaas-pass-2" \\
                    user_admin="client-secret-3";
                listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29092
                ssl.truststore.password=ks-pass-1
                advertised.listeners=INTERNAL://10.0.0.12:9092
                sasl.login.token=tok-4
                listener.security.protocol.map=INTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT
                delegation.token.secret.key=old-pass-0
                """;
        String section = section(plan, current);

        assertTrue(section.contains("+listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29092,EXTERNAL://"),
                section);
        SECRETS.forEach(secret -> assertFalse(section.contains(secret), secret + " shown in:\n" + section));
    }

    /** What plan prints for the first broker, its Kafka running on a config file holding {@code current}. */
    private String section(Plan plan, String current) throws Exception {
        BrokerPlan broker = plan.brokers().get(0);
        Path file = Files.writeString(dir.resolve("server.properties"), current);
        BrokerRequests requests = new BrokerRequests(plan);
        Map<String, Object> fields = new HashMap<>(requests.converge(broker, false));
        fields.put("check", true);
        fields.put("configFile", file.toString());
        AgentRequest request = requests.with(broker, fields);
        AgentResult step = plan.inventory().existing().isPresent() ? new Patcher().patch(request)
                : new Configurer().configure(request);
        Map<String, Object> running = Map.of("pid", 4242L, "restartPending", true);
        PlanPlay.NodeAnswer answer = PlanPlay.NodeAnswer.of(AgentResult.changed("converge", "", Map.of("steps",
                List.of(step, AgentResult.ok("facts", "collected", running)))));
        assertTrue(Files.readString(file).equals(current), "check mode writes nothing");
        return "== " + broker.label() + ": " + answer.summary() + "\n" + String.join("\n", answer.details());
    }

    private static Plan plan(String yaml) throws Exception {
        return Plan.of(InventoryLoader.load(RunbookInventory.write(yaml)));
    }
}
