package io.plk.orchestrator.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.kex.KexProposalOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier's decision for a host whose known_hosts lines are all of another type than the key it presents. */
class HostKeysTest {

    private static final HostAddress HOST = new HostAddress("10.0.1.5", 22);
    private static final String CLIENT_ALGORITHMS = "ecdsa-sha2-nistp256,ssh-ed25519,rsa-sha2-512,rsa-sha2-256";

    @TempDir
    Path dir;
    private Path knownHosts;
    private PublicKey recordedRsa;
    private String recorded;
    private final AttributeRepository context = HostKeys.context(HOST);

    @BeforeEach
    void recordAnRsaKey() throws Exception {
        knownHosts = dir.resolve("known_hosts");
        recordedRsa = TestHosts.rsaKey().getPublic();
        recorded = "# ours\n" + TestHosts.knownHostsLine(HOST, recordedRsa) + "\n";
        Files.writeString(knownHosts, recorded);
    }

    @Test
    void aKeyOfAnotherTypeIsRefusedAsChangedWhenTheServerOffersTheRecordedType() throws Exception {
        PublicKey presented = TestHosts.ed25519Key().getPublic();

        assertFalse(verify(presented, "ssh-ed25519,rsa-sha2-512"));

        String reason = HostKeys.rejection(context);
        assertTrue(reason.startsWith("HOST KEY CHANGED for 10.0.1.5:"), reason);
        assertTrue(reason.contains("known_hosts has: ssh-rsa " + HostKeys.fingerprint(recordedRsa)), reason);
        assertTrue(reason.contains("host presented:  ssh-ed25519 " + HostKeys.fingerprint(presented)), reason);
        assertTrue(reason.contains("(line 2):\n  " + TestHosts.knownHostsLine(HOST, recordedRsa) + "\n"), reason);
        assertTrue(reason.contains("ssh-keygen -R '10.0.1.5'"), reason);
        assertEquals(recorded, Files.readString(knownHosts));
    }

    @Test
    void aKeyOfAnotherTypeIsNewWhenTheServerOffersNoneOfTheRecordedTypes() throws Exception {
        PublicKey presented = TestHosts.ed25519Key().getPublic();

        assertTrue(verify(presented, "ssh-ed25519,ssh-dss"));

        assertNull(HostKeys.rejection(context));
        String after = Files.readString(knownHosts);
        assertTrue(after.startsWith(recorded), after);
        assertEquals(TestHosts.knownHostsLine(HOST, presented), after.substring(recorded.length()).strip());
    }

    private boolean verify(PublicKey presented, String serverAlgorithms) {
        ClientSession session = session(serverAlgorithms);
        return new HostKeys(knownHosts, StrictHostKeyChecking.ACCEPT_NEW)
                .verifyServerKey(session, new InetSocketAddress("127.0.0.1", 40022), presented);
    }

    /** A session in key exchange: it knows its target and both sides' host-key algorithms, nothing else. */
    private ClientSession session(String serverAlgorithms) {
        Map<KexProposalOption, String> client = Map.of(KexProposalOption.SERVERKEYS, CLIENT_ALGORITHMS);
        Map<KexProposalOption, String> server = Map.of(KexProposalOption.SERVERKEYS, serverAlgorithms);
        return (ClientSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ClientSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnectionContext" -> context;
                    case "getClientKexProposals" -> client;
                    case "getServerKexProposals" -> server;
                    case "toString" -> "session to " + HOST;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> method.getReturnType() == boolean.class ? false : null;
                });
    }
}
