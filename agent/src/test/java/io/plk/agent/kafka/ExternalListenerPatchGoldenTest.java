package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.kafka.ExternalListenerPatch.Patched;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real-world-shaped server.properties files in {@code src/test/resources/patch/}, each next to the
 * file the runbook's edit should produce, written by hand.
 */
class ExternalListenerPatchGoldenTest {
    private static final Set<String> PATCHED_KEYS =
            Set.of("listeners", "advertised.listeners", "listener.security.protocol.map");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "kraft-combined,       1, b1.usw2-az1.unique_name.aws.plc.tidbcloud.com, 9093",
            "kraft-broker-only,    4, b4.usw2-az1.unique_name.aws.plc.tidbcloud.com, 9096",
            "zookeeper,            2, b2.usw2-az2.unique_name.aws.plc.tidbcloud.com, 9094",
            "comments-odd-spacing, 3, b3.usw2-az3.unique_name.aws.plc.tidbcloud.com, 9095",
            "ssl-sasl,             1, b1.usw2-az1.unique_name.aws.plc.tidbcloud.com, 9093",
            "no-advertised,        2, b2.usw2-az2.unique_name.aws.plc.tidbcloud.com, 9094",
            "crlf,                 3, b3.usw2-az3.unique_name.aws.plc.tidbcloud.com, 9095"})
    void patchedFileEqualsTheExpectedOneByteForByteAndASecondRunChangesNothing(
            String name, int nodeId, String host, int port) throws IOException {
        String live = resource(name + ".properties");
        String expected = resource(name + ".expected.properties");
        ExternalListenerPatch patch = new ExternalListenerPatch(nodeId, 39092, host, port, false);

        Patched first = assertInstanceOf(Patched.class, patch.apply(live));
        assertEquals(expected, first.text());
        assertTrue(first.changed());

        Patched second = assertInstanceOf(Patched.class, patch.apply(first.text()));
        assertEquals(first.text(), second.text());
        assertEquals(0, second.changes().size(), () -> "second run changed " + second.changes());
    }

    /** The expected files themselves: as java.util.Properties reads them, only the three keys differ. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"kraft-combined", "kraft-broker-only", "zookeeper", "comments-odd-spacing", "ssl-sasl",
            "no-advertised", "crlf"})
    void expectedFilesDifferFromTheLiveOnesOnlyInTheThreeListenerKeys(String name) throws IOException {
        Properties live = load(resource(name + ".properties"));
        Properties expected = load(resource(name + ".expected.properties"));
        Set<String> keys = new HashSet<>(live.stringPropertyNames());
        keys.addAll(expected.stringPropertyNames());
        for (String key : keys) {
            if (!PATCHED_KEYS.contains(key)) {
                assertEquals(live.getProperty(key), expected.getProperty(key), key);
            }
        }
        assertTrue(expected.getProperty("listeners").strip().endsWith("EXTERNAL://0.0.0.0:39092"));
        assertTrue(expected.getProperty("listener.security.protocol.map").strip().endsWith("EXTERNAL:PLAINTEXT"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"crlf.properties", "crlf.expected.properties"})
    void crlfFixturesReallyUseCrlf(String file) throws IOException {
        String text = resource(file);
        assertEquals(text.split("\n", -1).length - 1, text.split("\r\n", -1).length - 1, "every LF follows a CR");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ExternalListenerPatchGoldenTest.class.getResourceAsStream("/patch/" + name)) {
            if (in == null) {
                throw new IOException("no test resource patch/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Properties load(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }
}
