package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What Kafka reads back from a rendered file is what the model meant, whatever the values hold. */
class ConfigRendererTest {
    private static final String[] HOSTILE = {
        "10.0.0.12:9092\nlog.dirs=/\nnode.id=7\n#",
        "trailing backslash\\",
        "\\n not a line break",
        " leading space",
        "\ttab and\rcarriage return\fform feed",
        "a=b:c #d !e",
        "caf\u00e9 \u2028 \u0000",
        "EVIL://x:1,INTERNAL://y:2",
    };

    @Test
    void everyHostileValueLoadsBackUnchanged() throws Exception {
        String template = Files.readString(Path.of("../templates/server.properties.ftl"));
        for (String hostile : HOSTILE) {
            Map<String, Object> broker = new LinkedHashMap<>();
            broker.put("nodeId", 1);
            broker.put("azId", hostile);
            broker.put("host", hostile);
            broker.put("brokerId", "b1");
            broker.put("externalHost", hostile);
            broker.put("advertisedPort", 9093);
            broker.put("dataDir", hostile);
            Map<String, String> properties = Map.of("num.partitions", hostile);
            Map<String, Object> model = Map.of("cluster", Map.of("name", hostile, "id", "x"), "broker", broker,
                    "ports", Map.of("controller", 29092, "internal", 9092, "external", 39092),
                    "external", Map.of("securityProtocol", "PLAINTEXT"), "quorumVoters", hostile,
                    "properties", properties);
            Properties loaded = new Properties();
            loaded.load(new StringReader(new ConfigRenderer().render(template, model)));
            assertEquals("1", loaded.getProperty("node.id"), hostile);
            assertEquals(hostile, loaded.getProperty("log.dirs"), hostile);
            assertEquals(hostile, loaded.getProperty("controller.quorum.voters"));
            assertEquals(hostile, loaded.getProperty("broker.rack"));
            assertEquals(hostile, loaded.getProperty("num.partitions"));
            assertEquals("INTERNAL://" + hostile + ":9092,EXTERNAL://" + hostile + ":9093",
                    loaded.getProperty("advertised.listeners"));
            assertEquals(11, loaded.size(), "no extra key from " + hostile + ": " + loaded.keySet());
        }
    }

    @Test
    void ordinaryValuesAreWrittenAsTheyAre() {
        assertEquals("a.b=INTERNAL://10.0.0.12:9092,x y\n",
                new ConfigRenderer().render("${k}=${v}\n", Map.of("k", "a.b", "v", "INTERNAL://10.0.0.12:9092,x y")));
    }

    @Test
    void aTemplateCannotRunCode() {
        ConfigRenderer renderer = new ConfigRenderer();
        IllegalArgumentException viaNew = assertThrows(IllegalArgumentException.class, () -> renderer.render(
                "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"touch /tmp/plk-pwned\")}",
                Map.of()));
        assertTrue(viaNew.getMessage().contains("Execute"), viaNew.getMessage());
        IllegalArgumentException viaApi = assertThrows(IllegalArgumentException.class,
                () -> renderer.render("${m?api.get(\"k\")}", Map.of("m", Map.of("k", "v"))));
        assertTrue(viaApi.getMessage().contains("api"), viaApi.getMessage());
    }
}
