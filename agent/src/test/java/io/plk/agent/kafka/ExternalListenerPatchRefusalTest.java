package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.kafka.ExternalListenerPatch.Patched;
import io.plk.agent.kafka.ExternalListenerPatch.Refused;
import org.junit.jupiter.api.Test;

/** What the patch will not do, and the one thing {@code replaceExternal} allows. */
class ExternalListenerPatchRefusalTest {
    private static final String NAME = "b1.usw2-az1.unique_name.aws.plc.tidbcloud.com";
    private static final ExternalListenerPatch PATCH = new ExternalListenerPatch(1, 39092, NAME, 9093, false);
    private static final ExternalListenerPatch REPLACING = new ExternalListenerPatch(1, 39092, NAME, 9093, true);

    private static final String HEAD = """
            process.roles=broker,controller
            node.id=1
            controller.listener.names=CONTROLLER
            """;

    @Test
    void externalPortAlreadyUsedByAnotherListener() {
        String live = HEAD + "listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:39092\n"
                + "advertised.listeners=INTERNAL://10.0.1.11:9092\n";
        assertRefused(PATCH, live, "external port 39092 is already used by listener CONTROLLER",
                "line 4: \"listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:39092\"");
        assertRefused(REPLACING, live, "already used by listener CONTROLLER", "line 4: ");
    }

    @Test
    void externalPortIsKafkasDefaultListenerWhenListenersIsUnset() {
        String live = "broker.id=1\nzookeeper.connect=zk:2181\n";
        assertRefused(new ExternalListenerPatch(1, 9092, NAME, 9093, false), live,
                "external port 9092 is already used by listener PLAINTEXT",
                "listeners is not set, so Kafka uses PLAINTEXT://:9092");
    }

    @Test
    void externalListenerBoundElsewhereIsRefusedUnlessReplacing() {
        String live = HEAD + "listeners=INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:39093,CONTROLLER://0.0.0.0:29092\n"
                + "advertised.listeners=INTERNAL://10.0.1.11:9092,EXTERNAL://" + NAME + ":9093\n"
                + "listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT\n";
        assertRefused(PATCH, live, "listeners already has EXTERNAL://0.0.0.0:39093, not EXTERNAL://0.0.0.0:39092",
                "line 4: \"listeners=INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:39093,CONTROLLER://0.0.0.0:29092\"",
                "needs replaceExternal");

        Patched replaced = assertInstanceOf(Patched.class, REPLACING.apply(live));
        assertEquals(live.replace("EXTERNAL://0.0.0.0:39093", "EXTERNAL://0.0.0.0:39092"), replaced.text());
        assertEquals("[listeners: replaced EXTERNAL://0.0.0.0:39093 with EXTERNAL://0.0.0.0:39092]",
                replaced.changes().toString());
    }

    /** set-unique-name on an existing cluster: the placeholder name becomes the real one, nothing else moves. */
    @Test
    void advertisedNameChangeRewritesOnlyTheExternalAdvertisedEntry() {
        String live = HEAD + "listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29092,EXTERNAL://0.0.0.0:39092\n"
                + "advertised.listeners = INTERNAL://10.0.1.11:9092 ,  EXTERNAL://" + NAME + ":9093  \n"
                + "listener.security.protocol.map=INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT\n";
        String realName = NAME.replace("unique_name", "pl-4f2a9c");
        ExternalListenerPatch rename = new ExternalListenerPatch(1, 39092, realName, 9093, false);
        assertRefused(rename, live, "advertised.listeners already has EXTERNAL://" + NAME + ":9093, not EXTERNAL://"
                + realName + ":9093", "line 5: \"advertised.listeners = INTERNAL://10.0.1.11:9092 ,  EXTERNAL://");

        ExternalListenerPatch renaming = new ExternalListenerPatch(1, 39092, realName, 9093, true);
        Patched renamed = assertInstanceOf(Patched.class, renaming.apply(live));
        assertEquals(live.replace(NAME, realName), renamed.text());
        assertEquals(renamed.text(), assertInstanceOf(Patched.class, renaming.apply(renamed.text())).text());
    }

    @Test
    void externalListenerWithoutAdvertisedListenersCountsAsAdvertisedAtItsBindAddress() {
        String live = HEAD + "listeners=PLAINTEXT://10.0.1.11:9092,EXTERNAL://10.0.1.11:39092,CONTROLLER://10.0.1.11:29092\n";
        assertRefused(PATCH, live, "listeners already has EXTERNAL://10.0.1.11:39092", "line 4: ");
        Patched replaced = assertInstanceOf(Patched.class, REPLACING.apply(live));
        assertEquals(HEAD + "listeners=PLAINTEXT://10.0.1.11:9092,EXTERNAL://0.0.0.0:39092,CONTROLLER://10.0.1.11:29092\n"
                + "advertised.listeners=PLAINTEXT://10.0.1.11:9092,EXTERNAL://" + NAME + ":9093\n"
                + "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,"
                + "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT\n", replaced.text());
    }

    @Test
    void protocolMapGivingExternalAnotherProtocolIsRefusedEvenWhenReplacing() {
        String live = HEAD + "listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29092\n"
                + "advertised.listeners=INTERNAL://10.0.1.11:9092\n"
                + "listener.security.protocol.map=INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,external:SASL_SSL\n";
        String line = "line 6: \"listener.security.protocol.map=INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,external:SASL_SSL\"";
        assertRefused(PATCH, live, "maps EXTERNAL to SASL_SSL", line);
        assertRefused(REPLACING, live, "maps EXTERNAL to SASL_SSL", line);
    }

    @Test
    void nodeIdOfAnotherBroker() {
        String live = "process.roles=broker\nnode.id=2\nlisteners=PLAINTEXT://10.0.1.12:9092\n";
        assertRefused(PATCH, live, "node.id is 2 in this file but the inventory says node 1", "line 2: \"node.id=2\"");
    }

    @Test
    void brokerIdOfAnotherBroker() {
        String live = "# zk mode\nbroker.id = 3\nzookeeper.connect=zk:2181\nlisteners=PLAINTEXT://:9092\n";
        assertRefused(PATCH, live, "broker.id is 3 in this file but the inventory says node 1",
                "line 2: \"broker.id = 3\"");
    }

    @Test
    void noIdAtAll() {
        String live = "zookeeper.connect=zk:2181\nbroker.id.generation.enable=true\nlisteners=PLAINTEXT://:9092\n";
        assertRefused(PATCH, live, "neither node.id nor broker.id is set, so nothing shows this file belongs to node 1");
    }

    @Test
    void controllerOnlyNode() {
        String live = "process.roles=controller\nnode.id=1\nlisteners=CONTROLLER://0.0.0.0:29092\n"
                + "controller.listener.names=CONTROLLER\n";
        assertRefused(PATCH, live, "this node has no broker role", "line 1: \"process.roles=controller\"");
    }

    @Test
    void listenerKafkaCouldNotParse() {
        String live = "node.id=1\nprocess.roles=broker\nlisteners=INTERNAL://0.0.0.0:9092,INTERNAL2\n";
        assertRefused(PATCH, live, "cannot read listener 'INTERNAL2'",
                "line 3: \"listeners=INTERNAL://0.0.0.0:9092,INTERNAL2\"");
    }

    @Test
    void derivedAdvertisedListenerOnTheMetaAddress() {
        String live = "node.id=1\nprocess.roles=broker\nlisteners=PLAINTEXT://0.0.0.0:9092\n";
        assertRefused(PATCH, live, "Kafka would advertise PLAINTEXT://0.0.0.0:9092, and it cannot advertise 0.0.0.0",
                "line 3: \"listeners=PLAINTEXT://0.0.0.0:9092\"", "set advertised.listeners for PLAINTEXT first");
    }

    @Test
    void quotedLineKeepsItsContinuationLines() {
        String live = "node.id=1\nlisteners=INTERNAL://0.0.0.0:9092,\\\r\n    OTHER://0.0.0.0:39092\r\n"
                + "advertised.listeners=INTERNAL://h:9092\n";
        assertRefused(PATCH, live, "already used by listener OTHER",
                "line 2: \"listeners=INTERNAL://0.0.0.0:9092,\\\n    OTHER://0.0.0.0:39092\"");
    }

    @Test
    void argumentsKafkaWouldNotAccept() {
        assertThrows(IllegalArgumentException.class, () -> new ExternalListenerPatch(1, 0, NAME, 9093, false));
        assertThrows(IllegalArgumentException.class, () -> new ExternalListenerPatch(1, 39092, NAME, 70000, false));
        assertThrows(IllegalArgumentException.class, () -> new ExternalListenerPatch(-1, 39092, NAME, 9093, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExternalListenerPatch(1, 39092, "b1 .example", 9093, false));
        assertEquals("advertised host 'b1 .example' is not a host name", e.getMessage());
    }

    private static void assertRefused(ExternalListenerPatch patch, String live, String... fragments) {
        Refused refused = assertInstanceOf(Refused.class, patch.apply(live));
        for (String fragment : fragments) {
            assertTrue(refused.reason().contains(fragment), () -> "'" + fragment + "' not in: " + refused.reason());
        }
    }
}
