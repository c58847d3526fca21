package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka itself (the runbook's version, from {@code plk.kafka.archive}) reads every golden pair: it
 * accepts both files, and what it would advertise and which protocol each listener speaks differ
 * only by the EXTERNAL listener. That proves the defaults the patch writes out are Kafka's own.
 */
class ExternalListenerPatchKafkaIT {
    private static KafkaJars kafka;

    @BeforeAll
    static void unpackKafka() throws IOException, InterruptedException {
        kafka = KafkaJars.unpack(Path.of(System.getProperty("plk.kafka.archive")));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        kafka.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kraft-combined", "kraft-broker-only", "zookeeper", "comments-odd-spacing", "ssl-sasl",
            "no-advertised", "crlf"})
    void kafkaSeesTheSameBrokerPlusExternal(String name) throws Exception {
        Object live = kafkaConfig(ExternalListenerPatchGoldenTest.resource(name + ".properties"));
        Object patched = kafkaConfig(ExternalListenerPatchGoldenTest.resource(name + ".expected.properties"));

        Set<String> added = difference(elements(advertised(patched)), elements(advertised(live)));
        assertEquals(1, added.size(), () -> "advertised listeners gained " + added);
        String external = added.iterator().next();
        assertTrue(external.contains("EXTERNAL") && external.contains(".aws.plc.tidbcloud.com")
                && external.contains("PLAINTEXT"), external);

        String protocols = "effectiveListenerSecurityProtocolMap";
        Set<String> mapped = difference(elements(call(patched, protocols)), elements(call(live, protocols)));
        assertEquals(1, mapped.size(), () -> "protocol map gained " + mapped);
        assertTrue(mapped.iterator().next().matches(".*EXTERNAL.*PLAINTEXT.*"), mapped.toString());
    }

    @org.junit.jupiter.api.Test
    void kafkaTakesScramOnExternalOnlyAndKeepsTheOtherListeners() throws Exception {
        String live = ExternalListenerPatchSecurityTest.LIVE.replace("node.id=1\n",
                "node.id=1\ncontroller.quorum.voters=1@10.0.1.11:29092\ninter.broker.listener.name=INTERNAL\n");
        var patch = new ExternalListenerPatch(1, 39092, "b1.usw2-az1.unique_name.aws.plc.tidbcloud.com", 9093, false)
                .withSecurity(ExternalSecurity.scram("SCRAM-SHA-512"));
        String text = ((ExternalListenerPatch.Patched) patch.apply(live)).text();
        String protocols = "effectiveListenerSecurityProtocolMap";
        Set<String> mapped = difference(elements(call(kafkaConfig(text), protocols)),
                elements(call(kafkaConfig(live), protocols)));
        assertEquals(1, mapped.size(), () -> "protocol map gained " + mapped);
        assertTrue(mapped.iterator().next().matches(".*EXTERNAL.*[=,]SASL_PLAINTEXT.*"), mapped.toString());
    }

    private static Object kafkaConfig(String text) throws Exception {
        return kafka.kafkaConfig(text);
    }

    /** 3.x calls it effectiveAdvertisedListeners, 4.x effectiveAdvertisedBrokerListeners. */
    private static Object advertised(Object config) throws Exception {
        try {
            return call(config, "effectiveAdvertisedBrokerListeners");
        } catch (NoSuchMethodException e) {
            return call(config, "effectiveAdvertisedListeners");
        }
    }

    private static Object call(Object target, String method) throws Exception {
        return target.getClass().getMethod(method).invoke(target);
    }

    /** The toString of each element of a Scala or Java collection or map. */
    private static Set<String> elements(Object collection) throws Exception {
        Set<String> elements = new TreeSet<>();
        if (collection instanceof Map<?, ?> map) {
            map.forEach((k, v) -> elements.add(k + "=" + v));
        } else if (collection instanceof Iterable<?> iterable) {
            iterable.forEach(e -> elements.add(String.valueOf(e)));
        } else {
            Object iterator = call(collection, "iterator");
            while ((Boolean) call(iterator, "hasNext")) {
                elements.add(String.valueOf(call(iterator, "next")));
            }
        }
        return elements;
    }

    private static Set<String> difference(Set<String> after, Set<String> before) {
        assertTrue(after.containsAll(before), () -> "lost " + before + " -> " + after);
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        return added;
    }
}
