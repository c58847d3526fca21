package io.plk.agent.kafka;

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
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The jars of one Kafka archive in a class loader of their own, so that a test asks that version's real
 * {@code KafkaConfig} whether it accepts a server.properties. Shared with the orchestrator's tests.
 */
public final class KafkaJars implements AutoCloseable {
    private final Path home;
    private final URLClassLoader loader;

    private KafkaJars(Path home, URLClassLoader loader) {
        this.home = home;
        this.loader = loader;
    }

    public static KafkaJars unpack(Path archive) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("kafka-jars");
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", home.toString(),
                "--wildcards", "*/libs/*").inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar -xzf " + archive + " failed");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                jars.add(jar.toUri().toURL());
            }
        }
        return new KafkaJars(home, new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()));
    }

    /** Kafka's own {@code KafkaConfig.fromProps}; an AssertionError quoting the file when Kafka refuses it. */
    public Object kafkaConfig(String text) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Thread thread = Thread.currentThread();
        ClassLoader test = thread.getContextClassLoader();
        thread.setContextClassLoader(loader); // Kafka loads configured classes through it, from 4.x in <clinit>
        try {
            Class<?> config = Class.forName("kafka.server.KafkaConfig", true, loader);
            return config.getMethod("fromProps", Properties.class, boolean.class).invoke(null, properties, true);
        } catch (InvocationTargetException e) {
            throw new AssertionError("Kafka rejects:\n" + text, e.getCause());
        } finally {
            thread.setContextClassLoader(test);
        }
    }

    /** Whether this version has the class, e.g. the authorizer a config names (Kafka loads it only at start). */
    public boolean hasClass(String name) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** What the config advertises for clients: 3.x names it effectiveAdvertisedListeners, 4.x ...BrokerListeners. */
    public static String advertisedBrokerListeners(Object config) throws Exception {
        return String.valueOf(call(config, "effectiveAdvertisedBrokerListeners", "effectiveAdvertisedListeners"));
    }

    /** From 3.9: the controller endpoints a voter announces; absent before. */
    public static String advertisedControllerListeners(Object config) throws Exception {
        return String.valueOf(call(config, "effectiveAdvertisedControllerListeners"));
    }

    private static Object call(Object target, String... candidates) throws Exception {
        for (String name : candidates) {
            try {
                return target.getClass().getMethod(name).invoke(target);
            } catch (NoSuchMethodException e) {
                // the next name
            }
        }
        throw new NoSuchMethodException(String.join(" / ", candidates));
    }

    @Override
    public void close() throws IOException {
        loader.close();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
        }
    }
}
