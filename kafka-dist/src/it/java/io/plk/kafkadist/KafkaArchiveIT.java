package io.plk.kafkadist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves one archive (system property {@code kafka.archive}) works: unpacked, it formats and starts a single
 * combined broker+controller KRaft node the way our agent does, serves its own topic and quorum tools, and stops
 * cleanly on SIGTERM. Works the same on Apache's own tgz.
 */
class KafkaArchiveIT {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(45);

    @TempDir
    Path work;

    private Process server;

    @AfterEach
    void killLeftoverServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void formatsStartsServesTopicsAndStopsCleanly() throws Exception {
        Path archive = Path.of(System.getProperty("kafka.archive", "(system property kafka.archive not set)"));
        assertTrue(Files.isRegularFile(archive), "no archive at " + archive + "; build it with mvn package");
        KafkaHome kafka = KafkaHome.unpack(archive, work);
        assertLibsHoldOneVersionPerArtifact(kafka);

        int brokerPort = freePort();
        int controllerPort = freePort();
        Path properties = writeServerProperties(brokerPort, controllerPort);
        String bootstrap = "127.0.0.1:" + brokerPort;

        KafkaHome.Result uuid = kafka.runClass(work, TOOL_TIMEOUT, "kafka.tools.StorageTool", "random-uuid");
        assertTrue(uuid.ok(), "random-uuid failed: " + uuid.output());
        String clusterId = uuid.output().strip().lines().reduce((first, last) -> last).orElseThrow();
        KafkaHome.Result format = kafka.runClass(work, TOOL_TIMEOUT, "kafka.tools.StorageTool",
                "format", "-t", clusterId, "-c", properties.toString());
        assertTrue(format.ok(), "format failed: " + format.output());
        assertTrue(Files.isRegularFile(work.resolve("data/meta.properties")), "format wrote no meta.properties");

        Path logs = work.resolve("logs");
        Path console = work.resolve("console.log");
        long started = System.nanoTime();
        server = kafka.startServer(properties, logs, console);
        awaitListening(brokerPort, console);
        KafkaHome.Result create = kafka.runScript(work, TOOL_TIMEOUT, "kafka-topics.sh", "--bootstrap-server", bootstrap,
                "--create", "--topic", "probe", "--partitions", "1", "--replication-factor", "1");
        assertTrue(create.ok(), "kafka-topics.sh --create failed: " + create.output());
        long readyMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("kafka %s: start-to-ready %d ms (topic created)%n", kafka.version(), readyMillis);

        KafkaHome.Result list = kafka.runScript(work, TOOL_TIMEOUT, "kafka-topics.sh", "--bootstrap-server", bootstrap, "--list");
        assertTrue(list.ok() && list.output().lines().anyMatch("probe"::equals), "probe not listed: " + list.output());
        KafkaHome.Result quorum = kafka.runScript(work, TOOL_TIMEOUT, "kafka-metadata-quorum.sh",
                "--bootstrap-server", bootstrap, "describe", "--status");
        assertTrue(quorum.ok() && quorum.output().lines().anyMatch(line -> line.matches("LeaderId:\\s+1")),
                "quorum has no leader 1: " + quorum.output());
        KafkaHome.Result apiVersions = kafka.runScript(work, TOOL_TIMEOUT, "kafka-broker-api-versions.sh",
                "--bootstrap-server", bootstrap);
        assertTrue(apiVersions.ok() && apiVersions.output().contains("(id: 1 rack: "),
                "broker 1 not in kafka-broker-api-versions.sh output: " + apiVersions.output());

        server.destroy(); // SIGTERM: Kafka's shutdown hook does a controlled shutdown
        long stopping = System.nanoTime();
        if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            fail("Kafka did not stop within 30 s of SIGTERM; console:\n" + tail(console));
        }
        System.out.printf("kafka %s: stopped %d ms after SIGTERM, exit code %d%n",
                kafka.version(), (System.nanoTime() - stopping) / 1_000_000, server.exitValue());
        // a JVM that ends because of SIGTERM after running its shutdown hooks exits with 128 + 15
        assertEquals(143, server.exitValue(), "unexpected exit code; console:\n" + tail(console));
        String serverLog = Files.readString(logs.resolve("server.log"));
        assertTrue(serverLog.contains("Kafka Server started"), "server.log has no start line:\n" + serverLog);
        assertTrue(serverLog.contains("shut down completed"), "server.log has no clean shutdown:\n" + serverLog);
    }

    private Path writeServerProperties(int brokerPort, int controllerPort) throws IOException {
        Path file = work.resolve("server.properties");
        Files.writeString(file, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + work.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        return file;
    }

    /** Maven keeps one version per groupId:artifactId; the jars' own pom.properties show what was packed. */
    private static void assertLibsHoldOneVersionPerArtifact(KafkaHome kafka) throws IOException {
        Map<String, String> jarByArtifact = new HashMap<>();
        List<Path> jars;
        try (Stream<Path> files = Files.list(kafka.libs())) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
        }
        for (Path jar : jars) {
            for (String artifact : artifactsIn(jar)) {
                String other = jarByArtifact.put(artifact, jar.getFileName().toString());
                if (other != null && !other.equals(jar.getFileName().toString())) {
                    fail(artifact + " is in libs/ twice: " + other + " and " + jar.getFileName());
                }
            }
        }
        String version = kafka.version();
        for (String expected : List.of("kafka_2.13-", "kafka-clients-", "kafka-tools-")) {
            assertTrue(Files.isRegularFile(kafka.libs().resolve(expected + version + ".jar")),
                    "libs/ lacks " + expected + version + ".jar");
        }
    }

    /** groupId:artifactId of the pom.properties a jar carries for itself (shaded jars carry several). */
    private static List<String> artifactsIn(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream()
                    .filter(e -> e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties"))
                    .map(e -> read(file, e))
                    .filter(p -> jar.getFileName().toString().startsWith(p.getProperty("artifactId") + "-"))
                    .map(p -> p.getProperty("groupId") + ":" + p.getProperty("artifactId"))
                    .toList();
        }
    }

    private static Properties read(JarFile file, ZipEntry entry) {
        Properties properties = new Properties();
        try (InputStream in = file.getInputStream(entry)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + entry.getName() + " in " + file.getName(), e);
        }
        return properties;
    }

    private void awaitListening(int port, Path console) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("Kafka exited with " + server.exitValue() + " before listening; console:\n" + tail(console));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        fail("Kafka did not listen on port " + port + " within " + READY_WITHIN + "; console:\n" + tail(console));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
