package io.plk.agent.auth;

import io.plk.agent.health.ClusterProbe;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.ScramUser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * The {@code users} command: every SCRAM user of the EXTERNAL listener authenticates with its
 * password. A user that does not (new, or its password changed in the inventory) gets its credential
 * written through the Admin client on the INTERNAL listener; Kafka keeps only a salted hash, in the
 * metadata log, so no file on the broker ever holds it. Users not in the request are left alone.
 */
public final class ScramUsers {
    static final int ITERATIONS = 8192;
    private final ScramProbe probe = new ScramProbe();

    public AgentResult ensure(AgentRequest request) throws Exception {
        List<ScramUser> users = request.require(request.scramUsers(), "scramUsers");
        InetSocketAddress external = new InetSocketAddress("127.0.0.1",
                request.require(request.externalPort(), "externalPort"));
        Duration timeout = Duration.ofSeconds(request.timeoutOr(60));
        List<ScramUser> stale = new ArrayList<>();
        for (ScramUser user : users) {
            if (!probe.authenticates(external, user, request.externalCa(), timeout)) {
                stale.add(user);
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("users", users.stream().map(ScramUser::name).toList());
        if (stale.isEmpty()) {
            return AgentResult.ok("users", "every user authenticates on EXTERNAL", facts);
        }
        try (ClusterProbe cluster = new ClusterProbe(request.require(request.bootstrap(), "bootstrap"), timeout)) {
            Set<String> known = cluster.admin().describeUserScramCredentials().users()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream().collect(Collectors.toSet());
            facts.put("created", stale.stream().map(ScramUser::name).filter(n -> !known.contains(n)).toList());
            facts.put("rotated", stale.stream().map(ScramUser::name).filter(known::contains).toList());
            if (request.isCheck()) {
                return AgentResult.changed("users", "would write the credentials of " + names(stale), facts);
            }
            List<UserScramCredentialAlteration> upserts = stale.stream().<UserScramCredentialAlteration>map(u ->
                    new UserScramCredentialUpsertion(u.name(), new ScramCredentialInfo(
                            ScramMechanism.fromMechanismName(u.mechanism()), ITERATIONS), u.password())).toList();
            cluster.admin().alterUserScramCredentials(upserts).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        awaitAuthentication(external, stale, request.externalCa(), timeout);
        return AgentResult.changed("users", "wrote the credentials of " + names(stale), facts);
    }

    /** The credential reaches this broker through the metadata log a moment after the controller took it. */
    private void awaitAuthentication(InetSocketAddress external, List<ScramUser> users, String externalCa,
            Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ScramUser user : users) {
            while (!probe.authenticates(external, user, externalCa, timeout)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(user.name() + " still does not authenticate on " + external
                            + " after its credential was written");
                }
                Thread.sleep(200);
            }
        }
    }

    private static String names(List<ScramUser> users) {
        return users.stream().map(ScramUser::toString).collect(Collectors.joining(", "));
    }
}
