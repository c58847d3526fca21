package io.plk.kafkadist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
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
import java.util.concurrent.TimeUnit;
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
        Path properties = writeServerProperties(brokerPort, freePort());
        String bootstrap = "127.0.0.1:" + brokerPort;
        format(kafka, properties);

        Path logs = work.resolve("logs");
        Path console = work.resolve("console.log");
        long started = System.nanoTime();
        server = kafka.startServer(properties, logs, console);
        awaitListening(brokerPort, console);
        assertTool(kafka, "kafka-topics.sh", "--bootstrap-server", bootstrap,
                "--create", "--topic", "probe", "--partitions", "1", "--replication-factor", "1");
        System.out.printf("kafka %s: start-to-ready %d ms (topic created)%n", kafka.version(), millisSince(started));

        String topics = assertTool(kafka, "kafka-topics.sh", "--bootstrap-server", bootstrap, "--list");
        assertTrue(topics.lines().anyMatch("probe"::equals), "probe not listed: " + topics);
        String quorum = assertTool(kafka, "kafka-metadata-quorum.sh", "--bootstrap-server", bootstrap,
                "describe", "--status");
        assertTrue(quorum.lines().anyMatch(line -> line.matches("LeaderId:\\s+1")), "leader is not 1: " + quorum);
        String apiVersions = assertTool(kafka, "kafka-broker-api-versions.sh", "--bootstrap-server", bootstrap);
        assertTrue(apiVersions.contains("(id: 1 rack: "), "broker 1 missing: " + apiVersions);

        stopWithSigterm(kafka, console);
        String serverLog = Files.readString(logs.resolve("server.log"));
        assertTrue(serverLog.contains("Kafka Server started"), "server.log has no start line:\n" + serverLog);
        assertTrue(serverLog.contains("[BrokerServer id=1] shut down completed")
                && serverLog.contains("[RaftManager id=1] Graceful shutdown completed"),
                "server.log shows no controlled shutdown:\n" + serverLog);
    }

    /** Formats log.dirs exactly as the agent does: {@code java -cp "libs/*" kafka.tools.StorageTool format}. */
    private void format(KafkaHome kafka, Path properties) throws IOException, InterruptedException {
        KafkaHome.Result uuid = kafka.runClass(work, TOOL_TIMEOUT, "kafka.tools.StorageTool", "random-uuid");
        assertTrue(uuid.ok(), "random-uuid failed: " + uuid.output());
        String clusterId = uuid.output().strip().lines().reduce((first, last) -> last).orElseThrow();
        KafkaHome.Result format = kafka.runClass(work, TOOL_TIMEOUT, "kafka.tools.StorageTool",
                "format", "-t", clusterId, "-c", properties.toString());
        assertTrue(format.ok(), "format failed: " + format.output());
        assertTrue(Files.isRegularFile(work.resolve("data/meta.properties")), "format wrote no meta.properties");
    }

    /** Runs a script from the archive's bin/, asserts it succeeded and returns what it printed. */
    private String assertTool(KafkaHome kafka, String script, String... args) throws IOException, InterruptedException {
        KafkaHome.Result result = kafka.runScript(work, TOOL_TIMEOUT, script, args);
        assertTrue(result.ok(), script + " " + String.join(" ", args) + " exited with " + result.exitCode()
                + ":\n" + result.output());
        return result.output();
    }

    private void stopWithSigterm(KafkaHome kafka, Path console) throws IOException, InterruptedException {
        long stopping = System.nanoTime();
        server.destroy(); // SIGTERM: Kafka's shutdown hook does a controlled shutdown
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            fail("Kafka did not stop within 30 s of SIGTERM; console:\n" + tail(console));
        }
        System.out.printf("kafka %s: stopped %d ms after SIGTERM, exit code %d%n",
                kafka.version(), millisSince(stopping), server.exitValue());
        // a JVM that ends because of SIGTERM after running its shutdown hooks exits with 128 + 15
        assertEquals(143, server.exitValue(), "unexpected exit code; console:\n" + tail(console));
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

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
