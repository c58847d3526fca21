package io.plk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.orchestrator.inventory.Inventory;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.plan.Endpoint;
import io.plk.orchestrator.plan.LoadBalancerListener;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab has the runbook's network shape, proven with real sockets and the real OpenSSH client:
 * the bastion is the only way in, the client reaches only the load balancer.
 * Run under {@code flock /tmp/plk-lab.lock} with the environment of {@code lab/scripts/env.sh}.
 */
class LabIT {
    private static final String NAME = "plk-labit";
    private static Lab lab;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        Lab.down(NAME); // leftovers of an interrupted run
        long t0 = System.nanoTime();
        lab = Lab.start(LabOptions.forTest(NAME, Path.of("target", "labit-work")));
        System.out.printf("lab started in %.1f s%n%s", (System.nanoTime() - t0) / 1e9, lab.describe());
        for (LabBroker b : lab.brokers()) { // a stand-in for each broker's EXTERNAL listener
            b.host().sh("setsid perl -MIO::Socket::INET -e '$SIG{PIPE}=\"IGNORE\"; "
                    + "my $s = IO::Socket::INET->new(LocalPort => " + Lab.EXTERNAL_PORT
                    + ", Listen => 16, ReuseAddr => 1) or die $!; "
                    + "while (my $c = $s->accept) { print $c \"node-" + b.nodeId() + "\\n\"; close $c }' "
                    + ">/dev/null 2>&1 < /dev/null &");
        }
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void bastionAnswersSshOnTheMappedPort() throws IOException {
        assertTrue(banner("127.0.0.1", lab.bastionPort()).startsWith("SSH-2.0-OpenSSH"));
    }

    @Test
    void brokersAreReachedThroughTheBastionWithTheLabKey() throws Exception {
        Path config = sshConfig();
        for (LabBroker b : lab.brokers()) {
            Ssh r = ssh(config, "-o", "ProxyCommand=ssh -F " + config + " -p " + lab.bastionPort()
                            + " -W %h:%p ec2-user@127.0.0.1", b.privateIp(),
                    "whoami; hostname; echo home=$HOME; java -version 2>&1 | head -1; sudo -n true && echo sudo-ok; "
                            + "ls -A ~ | grep -i kafka; command -v kafka-server-start.sh; echo end");
            assertEquals(0, r.exit, r.err);
            assertTrue(r.out.startsWith("ec2-user\nbroker-" + b.nodeId() + "\nhome=/home/ec2-user\n"), r.out);
            assertTrue(r.out.contains("version \"17."), r.out);
            assertTrue(r.out.endsWith("sudo-ok\nend\n"), "Kafka must not be preinstalled: " + r.out);
        }
        // the jump left no key on the bastion: ec2-user's .ssh holds only the authorized key
        assertEquals("authorized_keys", lab.bastion().sh("ls -A /home/ec2-user/.ssh").strip());
    }

    @Test
    void directLoginToABrokerIsRefusedEvenThoughItsPortIsReachable() throws Exception {
        LabBroker broker = lab.broker(1);
        assertTrue(banner(broker.privateIp(), 22).startsWith("SSH-2.0-OpenSSH"), "the host can reach the port");
        Ssh r = ssh(sshConfig(), broker.privateIp(), "true");
        assertEquals(255, r.exit, r.out);
        assertTrue(r.err.contains("Permission denied"), r.err);
    }

    @Test
    void clientReachesEachBrokerOnlyThroughTheLoadBalancerByAdvertisedName() {
        List<String> names = lab.advertisedNames(Lab.UNIQUE_NAME);
        for (int i = 0; i < lab.brokers().size(); i++) {
            LabBroker b = lab.brokers().get(i);
            assertEquals(lab.loadBalancer().edgeIp(), lab.client().resolve(names.get(i)));
            assertEquals("node-" + b.nodeId(), readFromClient(names.get(i), Lab.FIRST_BROKER_PORT + i));
            assertFalse(lab.client().host().canConnect(b.privateIp(), Lab.EXTERNAL_PORT, Duration.ofSeconds(2)),
                    "the client must not reach broker " + b.nodeId() + " directly");
            assertFalse(lab.client().host().canConnect(b.privateIp(), 22, Duration.ofSeconds(1)));
        }
        assertTrue(readFromClient(names.get(0), Lab.BOOTSTRAP_PORT).startsWith("node-"));
        assertFalse(lab.client().host().canConnect(lab.bastionPrivateIp(), 22, Duration.ofSeconds(1)));
    }

    @Test
    void loadBalancerPortsAndClientNamesCanChange() {
        List<LoadBalancerListener> moved = new ArrayList<>();
        for (LoadBalancerListener l : lab.defaultListeners()) {
            moved.add(new LoadBalancerListener(l.name(), l.port() + 10000, l.nodeId(), l.targets()));
        }
        List<String> renamed = lab.advertisedNames("newname");
        try {
            lab.loadBalancer().route(moved);
            lab.client().mapNames(renamed);
            assertEquals("node-2", readFromClient(renamed.get(1), Lab.FIRST_BROKER_PORT + 1 + 10000));
            assertFalse(lab.client().host().canConnect(renamed.get(1), Lab.FIRST_BROKER_PORT + 1,
                    Duration.ofSeconds(2)), "the old port must be closed");
            assertEquals("", lab.client().resolve(lab.advertisedNames(Lab.UNIQUE_NAME).get(1)));
        } finally {
            lab.loadBalancer().route(lab.defaultListeners());
            lab.client().mapNames(lab.advertisedNames(Lab.UNIQUE_NAME));
        }
    }

    @Test
    void inventoryFollowsTheContractAndItsPlanGivesTheLabsPortMap() throws IOException {
        Path archive = tmp.resolve("kafka-dist/target/kafka_2.13-3.7.1.tgz");
        Files.createDirectories(archive.getParent());
        Files.write(archive, new byte[0]);
        Path file = tmp.resolve("inventories/lab.yaml");
        lab.writeInventory(file, archive);

        String yaml = Files.readString(file);
        assertTrue(yaml.contains("archive: ../kafka-dist/target/kafka_2.13-3.7.1.tgz\n"), yaml);
        Inventory inventory = InventoryLoader.load(file);
        assertEquals(NAME, inventory.cluster().name());
        assertEquals("127.0.0.1", inventory.ssh().bastion().host());
        assertEquals(lab.bastionPort(), inventory.ssh().bastion().port());
        assertEquals(lab.identityFile(), inventory.ssh().identityFile());
        assertEquals(lab.defaultListeners(), Plan.of(inventory).loadBalancerListeners());
        assertEquals(List.of("usw2-az1", "usw2-az2", "usw2-az3"),
                inventory.brokers().stream().map(b -> b.azId()).toList());

        assertEquals("SCRAM-SHA-512", inventory.privateLink().auth().mechanism());
        assertEquals(lab.cloudPasswordFile(), inventory.privateLink().auth().users().get(0).passwordFile());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lab.cloudPasswordFile())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lab.identityFile())));
        assertTrue(Files.readString(lab.identityFile()).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertEquals(List.of(new Endpoint(lab.broker(3).privateIp(), Lab.EXTERNAL_PORT)),
                lab.loadBalancer().listeners().get(3).targets());
    }

    private static String readFromClient(String host, int port) {
        // HAProxy marks a target up within one health-check interval (2 s) of it starting to listen
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ExecResult r;
        do {
            r = lab.client().host().exec("timeout", "3", "bash", "-c",
                    "exec 3<>/dev/tcp/" + host + "/" + port + " && head -1 <&3");
            if (r.ok() && !r.stdout().isBlank()) {
                return r.stdout().strip();
            }
            sleep();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("client could not read from " + host + ":" + port + ": " + r);
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String banner(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 3000);
            s.setSoTimeout(3000);
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    /** An OpenSSH client config that uses only the lab key and a throwaway known_hosts. */
    private static Path sshConfig() throws IOException {
        Path config = tmp.resolve("ssh_config");
        Files.writeString(config, String.join("\n",
                "Host *",
                "  User ec2-user",
                "  IdentityFile " + lab.identityFile(),
                "  IdentitiesOnly yes",
                "  UserKnownHostsFile " + tmp.resolve("known_hosts"),
                "  StrictHostKeyChecking accept-new",
                "  BatchMode yes",
                "  ConnectTimeout 10",
                "  LogLevel ERROR",
                ""));
        return config;
    }

    private record Ssh(int exit, String out, String err) {
    }

    private static Ssh ssh(Path config, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh", "-F", config.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(tmp, "ssh", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ssh did not finish in 30 s: " + command);
        }
        return new Ssh(p.exitValue(), out, Files.readString(err));
    }
}
