package io.plk.agent.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.kafka.ConfigFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secret values masked in properties lines, unified diffs and JSON; every other byte kept. */
class RedactionTest {
    private static final String JAAS = "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
            + "required username=\"admin\" password=\"x\";";

    @Test
    void masksPropertiesLinesOfSecretKeysInAnyCaseAndSeparator() {
        String text = JAAS + "\nssl.keystore.password=x\nSSL.TrustStore.Password : hunter2\nmy.Token=abc\n"
                + "sasl.client.secret:s\nnode.id=1\nlisteners=PLAINTEXT://:9092\n";
        assertEquals("sasl.jaas.config=****\nssl.keystore.password=****\nSSL.TrustStore.Password : ****\n"
                + "my.Token=****\nsasl.client.secret:****\nnode.id=1\nlisteners=PLAINTEXT://:9092\n",
                Redaction.mask(text));
    }

    @Test
    void masksBothSidesOfADiffAndKeepsTheRest() {
        String diff = ConfigFile.unifiedDiff("node.id=1\nssl.keystore.password=old\nlog.dirs=/d\n",
                "node.id=1\nssl.keystore.password=x\n" + JAAS + "\nlog.dirs=/d\n", "/c/server.properties");
        assertFalse(diff.contains("old"), diff);
        assertFalse(diff.contains("password=\"x\""), diff);
        assertFalse(diff.contains("password=x"), diff);
        assertTrue(diff.contains("-ssl.keystore.password=****\n+ssl.keystore.password=****\n+sasl.jaas.config=****"),
                diff);
        assertTrue(diff.contains(" node.id=1") && diff.contains("--- a/c/server.properties"), diff);
    }

    @Test
    void masksEveryContinuationLineOfASecretValueAndNothingElse() {
        List<String> lines = List.of(
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule \\",
                "    required username=\"admin\" password=\"p\" \\",
                "    user_admin=\"q\";",
                "# a comment about the password \\",
                "ssl.keystore.location=/etc/kafka/ks.jks",
                "log.dirs=/a,\\",
                "  /b",
                "my.secret=ends\\\\",
                "num.partitions=3");
        assertEquals(List.of("sasl.jaas.config=****", "    ****", "    ****", lines.get(3), lines.get(4),
                lines.get(5), lines.get(6), "my.secret=****", "num.partitions=3"), Redaction.maskProperties(lines));
    }

    @Test
    void aDiffThatShowsOnlyTheTailOfASecretValueMasksIt() {
        String before = "sasl.jaas.config=x \\\n  user_admin=\"q\";\nlisteners=A\n";
        String diff = ConfigFile.unifiedDiff(before, before.replace("listeners=A", "listeners=A,B"), "/c/s.properties");
        assertFalse(diff.contains("q"), diff);
        assertTrue(diff.contains("\n   ****\n-listeners=A\n+listeners=A,B"), diff);
    }

    @Test
    void masksJsonMembers() {
        assertEquals("{\"serveToken\":\"****\",\"model\":{\"ssl.key.password\":\"****\",\"heap\":\"1g\"}}",
                Redaction.mask("{\"serveToken\":\"abc\",\"model\":{\"ssl.key.password\":\"p\\\"q\",\"heap\":\"1g\"}}"));
    }

    @Test
    void masksPrivateKeysInJsonAndKafkasInlinePemKey() {
        String json = "{\"externalKeystore\":{\"location\":\"/k.pem\","
                + "\"privateKey\":\"-----BEGIN PRIVATE KEY-----\\nMIIE\"}}";
        assertEquals("{\"externalKeystore\":{\"location\":\"/k.pem\",\"privateKey\":\"****\"}}",
                Redaction.mask(json));
        assertEquals("listener.name.external.ssl.keystore.key=****\nssl.keystore.location=/k.pem\n",
                Redaction.mask("listener.name.external.ssl.keystore.key=-----BEGIN PRIVATE KEY----- MIIE\n"
                        + "ssl.keystore.location=/k.pem\n"));
    }
}
