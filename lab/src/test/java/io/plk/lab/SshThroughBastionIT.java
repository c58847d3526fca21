package io.plk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.orchestrator.ssh.HostAddress;
import io.plk.orchestrator.ssh.HostKeyRejectedException;
import io.plk.orchestrator.ssh.PassphraseSource;
import io.plk.orchestrator.ssh.RemoteHost;
import io.plk.orchestrator.ssh.SshConnectException;
import io.plk.orchestrator.ssh.SshConnections;
import io.plk.orchestrator.ssh.SshSettings;
import io.plk.orchestrator.ssh.StrictHostKeyChecking;
import io.plk.orchestrator.ssh.UploadResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH layer against the lab's real OpenSSH hosts: brokers are reached only through the bastion, over one bastion
 * session; host keys are recorded under the real addresses and a changed one is refused; failures name the host.
 * The last test gives the bastion new host keys, so it runs last.
 * Run under {@code flock /tmp/plk-lab.lock} with the environment of {@code lab/scripts/env.sh}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshThroughBastionIT {
    private static final String NAME = "plk-sshit";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern SOCKET = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+");
    private static final int LATENCY_SAMPLES = 20;
    private static final PassphraseSource NO_PASSPHRASE = file -> {
        throw new AssertionError("the lab key has no passphrase");
    };

    @TempDir
    static Path tmp;
    private static Lab lab;
    private static SshConnections ssh;
    private static long classStarted;

    @BeforeAll
    static void start() throws IOException {
        classStarted = System.nanoTime();
        Lab.down(NAME); // leftovers of an interrupted run
        lab = Lab.start(LabOptions.forTest(NAME, Path.of("target", "sshit-work")));
        System.out.printf("lab started in %.1f s%n%s", seconds(classStarted), lab.describe());
        ssh = new SshConnections(settings(new HostAddress("127.0.0.1", lab.bastionPort()), knownHosts()), NO_PASSPHRASE);
    }

    @AfterAll
    static void stop() {
        if (ssh != null) {
            ssh.close();
        }
        if (lab != null) {
            lab.close();
        }
        System.out.printf("SshThroughBastionIT: %.1f s including lab start and stop%n", seconds(classStarted));
    }

    @Test
    @Order(1)
    void everyBrokerIsReachedThroughOneBastionSession() throws IOException {
        Map<String, Integer> brokerSourcePorts = new HashMap<>();
        for (LabBroker b : lab.brokers()) {
            String[] seen = broker(b).exec("hostname; echo $SSH_CONNECTION").requireSuccess().stdout().split("\n");
            assertEquals("broker-" + b.nodeId(), seen[0]);
            String[] connection = seen[1].split(" ");
            assertEquals(lab.bastionPrivateIp(), connection[0], "broker " + b.nodeId() + " sees the bastion as client");
            assertEquals(b.privateIp() + " 22", connection[2] + " " + connection[3]);
            brokerSourcePorts.put(b.privateIp(), Integer.parseInt(connection[1]));
        }

        String[] operator = ssh.bastion().exec("echo $SSH_CONNECTION").requireSuccess().stdout().strip().split(" ");
        List<String[]> inbound = established("sport = :22");
        assertEquals(1, inbound.size(), "one SSH connection into the bastion: " + describe(inbound));
        assertEquals(operator[0] + ":" + operator[1], inbound.get(0)[1], "and it is this run's bastion session");

        // each broker session is one tunnel the bastion's sshd opened from its VPC address to the broker's port 22
        Map<String, Integer> tunnels = new HashMap<>();
        for (String[] c : established("dport = :22")) {
            assertTrue(c[0].startsWith(lab.bastionPrivateIp() + ":"), String.join(" <-> ", c));
            tunnels.put(c[1].substring(0, c[1].indexOf(':')), Integer.parseInt(c[0].substring(c[0].indexOf(':') + 1)));
        }
        assertEquals(brokerSourcePorts, tunnels, "the bastion's tunnels are the connections the brokers see");
    }

    @Test
    @Order(2)
    void commandLatencyOnReusedSessions() throws IOException {
        double bastion = medianMillisOfTrue("the bastion", ssh.bastion());
        for (LabBroker b : lab.brokers()) {
            double median = medianMillisOfTrue("broker-" + b.nodeId() + " through the bastion", broker(b));
            assertTrue(median < 1000, "median " + median + " ms, the bastion's " + bastion + " ms");
        }
        assertEquals(1, established("sport = :22").size(), "still one bastion connection");
    }

    @Test
    @Order(3)
    void secondUploadOfTheSameFileIsSkipped() throws IOException {
        Path file = tmp.resolve("blob.bin");
        byte[] bytes = new byte[1024 * 1024];
        new Random(42).nextBytes(bytes);
        Files.write(file, bytes);
        LabBroker target = lab.broker(2);
        String remote = "/home/ec2-user/plk-it/blob.bin";
        long before = ssh.bytesUploaded();

        long t0 = System.nanoTime();
        UploadResult first = broker(target).upload(file, remote);
        double firstSeconds = seconds(t0);
        t0 = System.nanoTime();
        UploadResult second = broker(target).upload(file, remote);
        System.out.printf("upload of 1 MiB to broker-2 through the bastion: %.0f ms; unchanged again: %.0f ms%n",
                firstSeconds * 1000, seconds(t0) * 1000);

        assertTrue(first.sent());
        assertEquals(bytes.length, first.bytesSent());
        assertFalse(second.sent(), "the broker has the same sha256 already");
        assertEquals(0, second.bytesSent());
        assertEquals(first.sha256(), second.sha256());
        assertEquals(before + bytes.length, ssh.bytesUploaded(), "counted once");
        assertEquals(first.sha256() + "  " + remote + "\n", target.host().sh("sha256sum " + remote));
        assertEquals("ec2-user " + bytes.length + "\n", target.host().sh("stat -c '%U %s' " + remote));
        assertEquals("blob.bin\n", target.host().sh("ls -A /home/ec2-user/plk-it"), "no .part file left");
    }

    @Test
    @Order(4)
    void noPrivateKeyIsLeftOnTheBastion() throws IOException {
        for (LabBroker b : lab.brokers()) {
            broker(b).exec("true").requireSuccess();
        }
        assertEquals("authorized_keys\n", lab.bastion().sh("ls -A /home/ec2-user/.ssh"));
        ExecResult grep = lab.bastion().exec("grep", "-rlI", "PRIVATE KEY", "/home", "/tmp");
        assertEquals(1, grep.exitCode(), "grep finds a private key on the bastion: " + grep.stdout() + grep.stderr());
    }

    @Test
    @Order(5)
    void knownHostsRecordsTheRealAddressesOnly() throws IOException {
        for (LabBroker b : lab.brokers()) {
            broker(b).exec("true").requireSuccess();
        }
        Map<String, String[]> entries = new HashMap<>();
        for (String line : Files.readAllLines(knownHosts())) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(" ");
            for (String pattern : fields[0].split(",")) {
                assertEquals(null, entries.put(pattern, fields), "one entry per host: " + pattern);
            }
        }
        Set<String> expected = new HashSet<>();
        expected.add("[127.0.0.1]:" + lab.bastionPort());
        lab.brokers().forEach(b -> expected.add(b.privateIp()));
        assertEquals(expected, entries.keySet(), "known_hosts:\n" + Files.readString(knownHosts()));

        assertHostKey(lab.bastion(), entries.get("[127.0.0.1]:" + lab.bastionPort()));
        for (LabBroker b : lab.brokers()) {
            assertHostKey(b.host(), entries.get(b.privateIp()));
        }
    }

    @Test
    @Order(6)
    void directLoginToABrokerIsRefused() {
        LabBroker target = lab.broker(1);
        HostAddress direct = HostAddress.of(target.privateIp());
        SshConnectException e = assertThrows(SshConnectException.class, () -> {
            try (SshConnections straight = new SshConnections(settings(direct, tmp.resolve("direct_known_hosts")),
                    NO_PASSPHRASE)) {
                straight.bastion();
            }
        });
        System.out.println("direct login refused: " + e.getMessage());
        assertFalse(e instanceof HostKeyRejectedException, e.getMessage());
        assertEquals(direct, e.host());
        assertTrue(e.getMessage().startsWith("Authentication as ec2-user on bastion " + direct + " failed"),
                "the port answers, the login is refused: " + e.getMessage());
    }

    @Test
    @Order(7)
    void unreachableBastionFailsWithinTheConnectTimeout() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        assertUnreachable(new HostAddress("127.0.0.1", closedPort), "Connection refused");

        // a port that accepts TCP but never speaks SSH: only the connect timeout ends the wait
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            double waited = assertUnreachable(new HostAddress("127.0.0.1", silent.getLocalPort()),
                    "(connect timeout)");
            assertTrue(waited >= CONNECT_TIMEOUT.toMillis() / 1000.0 - 0.2, "waited " + waited + " s");
        }
    }

    @Test
    @Order(8)
    void changedBastionHostKeyIsRefused() throws IOException {
        String bastionName = "[127.0.0.1]:" + lab.bastionPort();
        String recorded = Files.readAllLines(knownHosts()).stream().filter(l -> l.startsWith(bastionName + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no bastion entry in known_hosts"));
        String keyFile = "/etc/ssh/ssh_host_" + keyFileType(recorded.split(" ")[1]) + "_key.pub";
        String oldFingerprint = fingerprint(lab.bastion(), keyFile);
        String knownHostsBefore = Files.readString(knownHosts());

        // the bastion is rebuilt: new host keys, sshd re-executed by SIGHUP (it is the container's process 1)
        lab.bastion().sh("rm -f /etc/ssh/ssh_host_* && ssh-keygen -A >/dev/null && kill -HUP 1");
        lab.bastion().sh("key=$(cut -d' ' -f2 " + keyFile + "); for i in $(seq 100); do "
                + "ssh-keyscan -t " + recorded.split(" ")[1] + " 127.0.0.1 2>/dev/null | grep -qF \"$key\" && exit 0; "
                + "sleep 0.1; done; echo 'sshd does not serve the new key' >&2; exit 1");
        String newFingerprint = fingerprint(lab.bastion(), keyFile);
        assertFalse(oldFingerprint.equals(newFingerprint));

        HostKeyRejectedException e = assertThrows(HostKeyRejectedException.class, () -> {
            try (SshConnections again = new SshConnections(
                    settings(new HostAddress("127.0.0.1", lab.bastionPort()), knownHosts()), NO_PASSPHRASE)) {
                again.bastion();
            }
        });
        System.out.println("changed host key refused:\n" + e.getMessage());
        String message = e.getMessage();
        assertTrue(message.contains(bastionName), message);
        assertTrue(message.contains(oldFingerprint), "the recorded fingerprint: " + message);
        assertTrue(message.contains(newFingerprint), "the presented fingerprint: " + message);
        assertTrue(message.contains("\n  " + recorded + "\n"), "the line to remove: " + message);
        assertTrue(message.contains("ssh-keygen -R '" + bastionName + "'"), message);
        assertEquals(knownHostsBefore, Files.readString(knownHosts()), "known_hosts is left as it was");
    }

    private static RemoteHost broker(LabBroker b) throws IOException {
        return ssh.host(HostAddress.of(b.privateIp()));
    }

    private static Path knownHosts() {
        return tmp.resolve("known_hosts");
    }

    private static SshSettings settings(HostAddress bastion, Path knownHosts) {
        return SshSettings.of(Lab.USER, lab.identityFile(), bastion)
                .withKnownHosts(knownHosts, StrictHostKeyChecking.ACCEPT_NEW)
                .withTimeouts(CONNECT_TIMEOUT, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    private static double medianMillisOfTrue(String where, RemoteHost host) throws IOException {
        host.exec("true").requireSuccess(); // session open, shell warm
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < LATENCY_SAMPLES; i++) {
            long t0 = System.nanoTime();
            host.exec("true").requireSuccess();
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        millis.sort(null);
        double median = (millis.get(LATENCY_SAMPLES / 2 - 1) + millis.get(LATENCY_SAMPLES / 2)) / 2;
        System.out.printf("exec `true` on %s: median %.1f ms, min %.1f, max %.1f (n=%d)%n",
                where, median, millis.get(0), millis.get(LATENCY_SAMPLES - 1), LATENCY_SAMPLES);
        return median;
    }

    /** Connects to an unreachable bastion; returns the seconds it took to fail. */
    private static double assertUnreachable(HostAddress bastion, String reason) throws IOException {
        long t0 = System.nanoTime();
        SshConnectException e;
        try (SshConnections unreachable = new SshConnections(settings(bastion, tmp.resolve("unreachable_known_hosts")),
                NO_PASSPHRASE)) {
            e = assertThrows(SshConnectException.class, unreachable::bastion);
        }
        double waited = seconds(t0);
        System.out.printf("unreachable bastion %s failed in %.2f s: %s%n", bastion, waited, e.getMessage());
        assertTrue(waited < CONNECT_TIMEOUT.toMillis() / 1000.0 + 1, "took " + waited + " s");
        assertTrue(e.getMessage().contains(bastion.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(bastion, e.host());
        return waited;
    }

    /** The TCP connections established on the bastion matching an ss filter, as [local, peer]. */
    private static List<String[]> established(String filter) {
        List<String[]> connections = new ArrayList<>();
        for (String line : lab.bastion().sh("ss -tnH state established '( " + filter + " )'").split("\n")) {
            Matcher m = SOCKET.matcher(line);
            List<String> sockets = new ArrayList<>();
            while (m.find()) {
                sockets.add(m.group());
            }
            if (!sockets.isEmpty()) {
                assertEquals(2, sockets.size(), line);
                connections.add(sockets.toArray(String[]::new));
            }
        }
        return connections;
    }

    private static String describe(List<String[]> connections) {
        return connections.stream().map(c -> c[0] + " <-> " + c[1]).toList().toString();
    }

    /** Asserts that a known_hosts entry holds one of the host's own public keys, of the recorded type. */
    private static void assertHostKey(LabHost host, String[] entry) {
        String type = entry[1];
        String published = host.sh("cat /etc/ssh/ssh_host_" + keyFileType(type) + "_key.pub");
        assertEquals(type + " " + entry[2], String.join(" ", List.of(published.split(" ")).subList(0, 2)),
                host + "'s known_hosts entry is its real host key");
    }

    private static String keyFileType(String keyType) {
        if (keyType.startsWith("ecdsa-")) {
            return "ecdsa";
        }
        return switch (keyType) {
            case "ssh-ed25519" -> "ed25519";
            case "ssh-rsa" -> "rsa";
            default -> throw new AssertionError("unexpected host key type " + keyType);
        };
    }

    private static String fingerprint(LabHost host, String publicKeyFile) {
        return host.sh("ssh-keygen -l -E sha256 -f " + publicKeyFile).split(" ")[1];
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
