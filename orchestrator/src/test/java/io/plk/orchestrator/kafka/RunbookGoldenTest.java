package io.plk.orchestrator.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in template reproduces the runbook's three server.properties, line by line. */
class RunbookGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/inventories");

    @Test
    void rendersEveryRunbookLineWithTheRunbooksValue() throws Exception {
        Plan plan = Plan.of(InventoryLoader.load(DIR.resolve("runbook.yaml")));
        BrokerConfig config = new BrokerConfig(plan);
        Map<Integer, Map<String, String>> runbook = runbookProperties();
        assertEquals(3, runbook.size());
        for (BrokerPlan broker : plan.brokers()) {
            Map<String, String> rendered = parse(config.render(broker).lines().toList());
            Map<String, String> expected = runbook.get(broker.nodeId());
            for (var line : expected.entrySet()) {
                if (line.getKey().equals("log.dirs")) {
                    assertEquals("/home/ec2-user/data", rendered.get("log.dirs"), "log.dirs is absolute");
                } else {
                    assertEquals(line.getValue(), rendered.get(line.getKey()),
                            "broker " + broker.nodeId() + " " + line.getKey());
                }
            }
            assertEquals(broker.azId(), rendered.get("broker.rack"));
            List<String> extra = rendered.keySet().stream().filter(k -> !expected.containsKey(k)).toList();
            assertEquals(List.of("broker.rack"), extra, "only broker.rack is added to the runbook's keys");
        }
    }

    @Test
    void clusterPropertiesOverrideDefaultsAndAddNewKeys() throws Exception {
        Path inventory = Files.createTempDirectory("golden").resolve("inv.yaml");
        Files.copy(DIR.resolve("test-key.pem"), inventory.resolveSibling("test-key.pem"));
        Files.writeString(inventory, Files.readString(DIR.resolve("runbook.yaml")).replace("  heap: 1g",
                "  heap: 1g\n  properties: {broker.rack: rack-a, num.partitions: \"6\"}"));
        Plan plan = Plan.of(InventoryLoader.load(inventory));
        Map<String, String> rendered = parse(new BrokerConfig(plan).render(plan.brokers().get(0)).lines().toList());
        assertEquals("rack-a", rendered.get("broker.rack"));
        assertEquals("6", rendered.get("num.partitions"));
        String text = new BrokerConfig(plan).render(plan.brokers().get(0));
        assertEquals(1, text.lines().filter(l -> l.startsWith("broker.rack=")).count(), "no duplicate keys");
        assertTrue(text.contains("num.partitions=6\n"));
    }

    @Test
    void aUserTemplateFolderReplacesTheBuiltInOne() throws Exception {
        Path dir = Files.createTempDirectory("golden");
        Files.createDirectories(dir.resolve("tpl"));
        Files.writeString(dir.resolve("tpl/server.properties.ftl"), "node.id=${broker.nodeId}\ncustom=yes\n");
        Files.copy(DIR.resolve("test-key.pem"), dir.resolve("test-key.pem"));
        Files.writeString(dir.resolve("inv.yaml"), Files.readString(DIR.resolve("runbook.yaml")).replace("  heap: 1g",
                "  heap: 1g\n  templates: tpl"));
        Plan plan = Plan.of(InventoryLoader.load(dir.resolve("inv.yaml")));
        assertEquals("node.id=2\ncustom=yes\n", new BrokerConfig(plan).render(plan.brokers().get(1)));
    }

    private static Map<Integer, Map<String, String>> runbookProperties() throws Exception {
        Map<Integer, Map<String, String>> byBroker = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : Files.readAllLines(DIR.resolve("runbook-server.properties.txt"))) {
            if (line.startsWith("## broker ")) {
                current = new LinkedHashMap<>();
                byBroker.put(Integer.parseInt(line.substring("## broker ".length())), current);
            } else if (current != null && line.contains("=")) {
                current.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return byBroker;
    }

    private static Map<String, String> parse(List<String> lines) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : lines) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertTrue(properties.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1))
                        == null, "duplicate key in " + line);
            }
        }
        return properties;
    }
}
