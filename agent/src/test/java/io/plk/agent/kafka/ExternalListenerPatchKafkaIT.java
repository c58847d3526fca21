package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
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
    private static Path kafkaHome;
    private static URLClassLoader kafka;

    @BeforeAll
    static void unpackKafka() throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("plk.kafka.archive")).toAbsolutePath();
        kafkaHome = Files.createTempDirectory("patch-kafka-config");
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", kafkaHome.toString(),
                "--wildcards", "*/libs/*").inheritIO().start();
        assertEquals(0, tar.waitFor(), "tar -xzf " + archive);
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.walk(kafkaHome)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                jars.add(jar.toUri().toURL());
            }
        }
        kafka = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (kafka != null) {
            kafka.close();
        }
        try (Stream<Path> files = Files.walk(kafkaHome)) {
            files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
        }
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

    private static Object kafkaConfig(String text) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Class<?> config = Class.forName("kafka.server.KafkaConfig", true, kafka);
        Thread thread = Thread.currentThread();
        ClassLoader test = thread.getContextClassLoader();
        thread.setContextClassLoader(kafka); // Kafka loads configured classes through it
        try {
            return config.getMethod("fromProps", Properties.class, boolean.class).invoke(null, properties, true);
        } catch (InvocationTargetException e) {
            throw new AssertionError("Kafka rejects:\n" + text, e.getCause());
        } finally {
            thread.setContextClassLoader(test);
        }
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
