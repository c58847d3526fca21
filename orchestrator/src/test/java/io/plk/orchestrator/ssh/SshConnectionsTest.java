package io.plk.orchestrator.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.sshd.client.config.hosts.KnownHostDigest;
import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConnectionsTest {

    private static final PassphraseSource NO_PASSPHRASE = file -> {
        throw new IdentityFileException("no passphrase expected for " + file);
    };

    @TempDir
    Path dir;
    private TestHosts hosts;

    @BeforeEach
    void startServers() throws IOException, GeneralSecurityException {
        hosts = new TestHosts(dir);
    }

    @AfterEach
    void stopServers() throws IOException {
        hosts.close();
    }

    @Test
    void runsCommandsOnTheBrokerThroughTheBastion() throws IOException {
        List<String> streamed = new CopyOnWriteArrayList<>();
        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            RemoteHost broker = ssh.host(hosts.brokerAddress());

            ExecResult result = broker.exec(Command.of("echo out-line; echo err-line >&2; exit 3")
                    .streamingTo(streamed::add));
            ExecResult echoed = broker.exec(Command.of("cat").withStdin("from stdin\n".getBytes(StandardCharsets.UTF_8)));

            assertEquals(3, result.exitCode());
            assertEquals("out-line\n", result.stdout());
            assertEquals("err-line\n", result.stderr());
            assertTrue(streamed.containsAll(List.of("[127.0.0.2] out-line", "[127.0.0.2] err-line")), streamed.toString());
            assertEquals("from stdin\n", echoed.stdout());
            assertSame(broker, ssh.host(hosts.brokerAddress()), "one session per host, reused");
        }
        assertEquals(List.of(new SshdSocketAddress(TestHosts.BROKER_IP, hosts.broker.getPort())), hosts.forwarded,
                "the broker was reached by one tunnel through the bastion");
        assertEquals(1, hosts.brokerSessions.get());
    }

    @Test
    void failedCommandReportsHostExitCodeAndStderrTail() throws IOException {
        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            ExecResult result = ssh.host(hosts.brokerAddress()).exec("echo kafka did not start >&2; exit 1");

            CommandFailedException failure = assertThrows(CommandFailedException.class, result::requireSuccess);
            assertTrue(failure.getMessage().contains(hosts.brokerAddress() + " exited with 1"), failure.getMessage());
            assertTrue(failure.getMessage().contains("| kafka did not start"), failure.getMessage());
        }
    }

    @Test
    void commandOutlivingItsTimeoutFails() throws IOException {
        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            RemoteHost broker = ssh.host(hosts.brokerAddress());
            long started = System.nanoTime();

            assertThrows(CommandTimeoutException.class,
                    () -> broker.exec(Command.of("sleep 5").withTimeout(Duration.ofMillis(500))));

            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 3000);
            assertEquals("still usable\n", broker.exec("echo still usable").stdout());
        }
    }

    @Test
    void knownHostsRecordsTheRealAddressesNotTheTunnel() throws IOException {
        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            ssh.host(hosts.brokerAddress()).exec("true");
        }
        List<String> lines = Files.readAllLines(hosts.knownHosts()).stream().filter(l -> !l.isBlank()).toList();

        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("[127.0.0.1]:" + hosts.bastion.getPort() + " ssh-ed25519 "), lines.get(0));
        assertTrue(lines.get(1).startsWith("[127.0.0.2]:" + hosts.broker.getPort() + " ssh-ed25519 "), lines.get(1));
    }

    @Test
    void changedBrokerKeyIsRefusedWithBothFingerprintsAndTheLineToRemove() throws Exception {
        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            ssh.host(hosts.brokerAddress()).exec("true");
        }
        String recorded = Files.readAllLines(hosts.knownHosts()).stream()
                .filter(l -> l.startsWith("[127.0.0.2]")).findFirst().orElseThrow();
        String oldFingerprint = HostKeys.fingerprint(hosts.broker.getKeyPairProvider().loadKeys(null)
                .iterator().next().getPublic());
        hosts.replaceBrokerHostKey();
        String newFingerprint = HostKeys.fingerprint(hosts.broker.getKeyPairProvider().loadKeys(null)
                .iterator().next().getPublic());

        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            HostKeyRejectedException refused = assertThrows(HostKeyRejectedException.class,
                    () -> ssh.host(hosts.brokerAddress()));

            String message = refused.getMessage();
            assertTrue(message.contains("HOST KEY CHANGED for [127.0.0.2]:" + hosts.broker.getPort()), message);
            assertTrue(message.contains(oldFingerprint) && oldFingerprint.startsWith("SHA256:"), message);
            assertTrue(message.contains(newFingerprint), message);
            assertTrue(message.contains("\n  " + recorded + "\n"), message);
            assertTrue(message.contains("(line 3)"), message);
            assertEquals(hosts.brokerAddress(), refused.host());
        }
        assertEquals(2, Files.readAllLines(hosts.knownHosts()).stream().filter(l -> !l.isBlank()).count(),
                "known_hosts is not changed");
    }

    @Test
    void aHostOfferingItsRecordedKeyTypeIsCheckedWithThatType() throws Exception {
        KeyPair rsa = TestHosts.rsaKey();
        hosts.setBrokerHostKeys(TestHosts.ed25519Key(), rsa);
        String recorded = TestHosts.knownHostsLine(hosts.bastionAddress(), hosts.bastionHostKey()) + "\n"
                + TestHosts.knownHostsLine(hosts.brokerAddress(), rsa.getPublic()) + "\n";
        writeKnownHosts(recorded);

        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            assertEquals(0, ssh.host(hosts.brokerAddress()).exec("true").exitCode());
        }
        assertEquals(recorded, Files.readString(hosts.knownHosts()), "the ed25519 key is not added beside the known RSA one");
    }

    @Test
    void anotherKeyOfARecordedTypeIsRefusedThoughTheHostAlsoHasAKeyOfANewType() throws Exception {
        KeyPair rsa = TestHosts.rsaKey();
        PublicKey recordedRsa = TestHosts.rsaKey().getPublic();
        hosts.setBrokerHostKeys(TestHosts.ed25519Key(), rsa);
        String brokerLine = TestHosts.knownHostsLine(hosts.brokerAddress(), recordedRsa);
        String recorded = TestHosts.knownHostsLine(hosts.bastionAddress(), hosts.bastionHostKey()) + "\n"
                + brokerLine + "\n";
        writeKnownHosts(recorded);

        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            HostKeyRejectedException refused = assertThrows(HostKeyRejectedException.class,
                    () -> ssh.host(hosts.brokerAddress()));

            String message = refused.getMessage();
            assertTrue(message.contains("HOST KEY CHANGED for [127.0.0.2]:" + hosts.broker.getPort()), message);
            assertTrue(message.contains("known_hosts has: ssh-rsa " + HostKeys.fingerprint(recordedRsa)), message);
            assertTrue(message.contains("host presented:  ssh-rsa " + HostKeys.fingerprint(rsa.getPublic())), message);
            assertTrue(message.contains("(line 2):\n  " + brokerLine + "\n"), message);
        }
        assertEquals(recorded, Files.readString(hosts.knownHosts()));
    }

    @Test
    void aKeyOfATypeTheHostNoLongerOffersIsNotAChangedKey() throws Exception {
        String rsaLine = TestHosts.knownHostsLine(hosts.brokerAddress(), TestHosts.rsaKey().getPublic());
        writeKnownHosts(rsaLine + "\n");

        SshSettings strict = hosts.settings().withKnownHosts(hosts.knownHosts(), StrictHostKeyChecking.YES);
        try (SshConnections ssh = new SshConnections(strict, NO_PASSPHRASE)) {
            assertThrows(SshConnectException.class, () -> ssh.host(hosts.brokerAddress()),
                    "strict checking treats it as unknown");
        }
        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            assertEquals(0, ssh.host(hosts.brokerAddress()).exec("true").exitCode());
        }
        List<String> brokerLines = Files.readAllLines(hosts.knownHosts()).stream()
                .filter(l -> l.startsWith("[127.0.0.2]")).toList();
        assertEquals(2, brokerLines.size(), brokerLines.toString());
        assertEquals(rsaLine, brokerLines.get(0), "the RSA line is kept");
        assertTrue(brokerLines.get(1).startsWith("[127.0.0.2]:" + hosts.broker.getPort() + " ssh-ed25519 "),
                "accept-new adds the new type beside the old: " + brokerLines);
    }

    @Test
    void acceptNewOnlyAppendsToKnownHosts() throws Exception {
        String before = "# written by hand\n"
                + "\t10.0.9.9   ssh-ed25519  " + PublicKeyEntry.toString(TestHosts.ed25519Key().getPublic()).split(" ")[1]
                + "   old laptop  \n"
                + hashedPattern(hosts.brokerAddress()) + " " + PublicKeyEntry.toString(TestHosts.rsaKey().getPublic())
                + " # hashed, of a type the broker no longer has\n"
                + "\n"
                + "# no newline at the end";
        writeKnownHosts(before);

        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            ssh.host(hosts.brokerAddress()).exec("true");
        }
        String after = Files.readString(hosts.knownHosts());

        assertTrue(after.startsWith(before), after);
        List<String> added = after.substring(before.length()).lines().filter(l -> !l.isBlank()).toList();
        assertEquals(2, added.size(), added.toString());
        assertTrue(added.get(0).startsWith("[127.0.0.1]:" + hosts.bastion.getPort() + " ssh-ed25519 "), added.get(0));
        assertTrue(added.get(1).startsWith("[127.0.0.2]:" + hosts.broker.getPort() + " ssh-ed25519 "), added.get(1));
    }

    private void writeKnownHosts(String content) throws IOException {
        Files.createDirectories(hosts.knownHosts().getParent());
        Files.writeString(hosts.knownHosts(), content);
    }

    private static String hashedPattern(HostAddress host) throws Exception {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        byte[] hash = KnownHostHashValue.calculateHashValue(host.host(), host.port(), KnownHostDigest.SHA1, salt);
        return KnownHostHashValue.append(new StringBuilder(), KnownHostDigest.SHA1, salt, hash).toString();
    }

    @Test
    void strictCheckingRefusesAnUnknownBastion() throws IOException {
        SshSettings strict = hosts.settings().withKnownHosts(hosts.knownHosts(), StrictHostKeyChecking.YES);
        try (SshConnections ssh = new SshConnections(strict, NO_PASSPHRASE)) {
            HostKeyRejectedException refused = assertThrows(HostKeyRejectedException.class, ssh::bastion);

            assertTrue(refused.getMessage().contains("[127.0.0.1]:" + hosts.bastion.getPort() + " is not in"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("strictHostKeyChecking is yes"), refused.getMessage());
        }
        assertFalse(Files.exists(hosts.knownHosts()) && Files.size(hosts.knownHosts()) > 0);
    }

    @Test
    void strictCheckingAcceptsKnownHosts() throws IOException {
        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            ssh.host(hosts.brokerAddress()).exec("true");
        }
        SshSettings strict = hosts.settings().withKnownHosts(hosts.knownHosts(), StrictHostKeyChecking.YES);
        try (SshConnections ssh = new SshConnections(strict, NO_PASSPHRASE)) {
            assertEquals("ok\n", ssh.host(hosts.brokerAddress()).exec("echo ok").stdout());
        }
    }

    @Test
    void brokerIsUnreachableWhenTheBastionRefusesToForward() throws IOException {
        hosts.bastion.setForwardingFilter(new org.apache.sshd.server.forward.RejectAllForwardingFilter());
        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            SshConnectException failure = assertThrows(SshConnectException.class,
                    () -> ssh.host(hosts.brokerAddress()));

            assertTrue(failure.getMessage().contains(hosts.brokerAddress() + " through bastion " + hosts.bastionAddress()),
                    failure.getMessage());
        }
        assertEquals(0, hosts.brokerSessions.get(), "no connection reached the broker");
    }

    @Test
    void uploadIsSkippedWhenTheRemoteFileHasTheSameSha256() throws IOException {
        Path local = dir.resolve("kafka.tgz");
        Files.write(local, new byte[300_000]);
        String remote = dir.resolve("remote/opt/kafka.tgz").toString();
        try (SshConnections ssh = new SshConnections(hosts.settings(), NO_PASSPHRASE)) {
            RemoteHost broker = ssh.host(hosts.brokerAddress());

            UploadResult first = broker.upload(local, remote);
            UploadResult second = broker.upload(local, remote);
            Files.writeString(local, "changed");
            UploadResult third = broker.upload(local, remote);

            assertTrue(first.sent());
            assertEquals(300_000, first.bytesSent());
            assertFalse(second.sent());
            assertEquals(0, second.bytesSent());
            assertEquals(first.sha256(), second.sha256());
            assertTrue(third.sent());
            assertEquals("changed", Files.readString(Path.of(remote)));
            assertFalse(Files.exists(Path.of(remote + ".part")));
            assertEquals(300_000 + 7, ssh.bytesUploaded());
        }
    }

    @Test
    void unansweringBastionFailsWithinTheConnectTimeout() throws IOException {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            HostAddress bastion = new HostAddress("127.0.0.1", silent.getLocalPort());
            SshSettings settings = new SshSettings(TestHosts.USER, hosts.identityFile, hosts.knownHosts(),
                    StrictHostKeyChecking.ACCEPT_NEW, bastion, TestHosts.USER, Duration.ofSeconds(1),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(15));
            try (SshConnections ssh = new SshConnections(settings, NO_PASSPHRASE)) {
                long started = System.nanoTime();
                SshConnectException failure = assertThrows(SshConnectException.class, ssh::bastion);
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

                assertTrue(millis >= 900 && millis < 2500, "took " + millis + " ms");
                assertTrue(failure.getMessage().contains("bastion 127.0.0.1:" + silent.getLocalPort()), failure.getMessage());
                assertTrue(failure.getMessage().contains("1s (connect timeout)"), failure.getMessage());
            }
        }
    }

    @Test
    void closedBastionPortFailsAtOnceNamingTheHost() throws IOException {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        SshSettings settings = SshSettings.of(TestHosts.USER, hosts.identityFile, new HostAddress("127.0.0.1", closedPort))
                .withKnownHosts(hosts.knownHosts(), StrictHostKeyChecking.ACCEPT_NEW);
        try (SshConnections ssh = new SshConnections(settings, NO_PASSPHRASE)) {
            long started = System.nanoTime();
            SshConnectException failure = assertThrows(SshConnectException.class, ssh::bastion);

            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2000);
            assertTrue(failure.getMessage().contains("bastion 127.0.0.1:" + closedPort), failure.getMessage());
            assertTrue(failure.getMessage().toLowerCase().contains("refused"), failure.getMessage());
        }
    }
}
