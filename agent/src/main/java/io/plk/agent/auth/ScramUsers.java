package io.plk.agent.auth;

import io.plk.agent.health.ClusterProbe;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.BadRequestException;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;

/**
 * The {@code users} command: every SCRAM user of the EXTERNAL listener authenticates with its
 * password and, when the request carries ACLs, has exactly those. A user that does not authenticate
 * (new, or its password changed in the inventory) gets its credential written through the Admin
 * client on the INTERNAL listener; Kafka keeps only a salted hash, in the metadata log, so no file on
 * the broker ever holds it. Users the cluster has and the request lacks are listed, and deleted with
 * their ACLs only when the request says {@code removeUsers}. ACLs of other principals are left alone.
 */
public final class ScramUsers {
    static final int ITERATIONS = 8192;
    private final ScramProbe probe = new ScramProbe();

    public AgentResult ensure(AgentRequest request) throws Exception {
        List<ScramUser> users = request.require(request.scramUsers(), "scramUsers");
        List<String> names = users.stream().map(ScramUser::name).toList();
        if (request.acls() != null) {
            request.acls().stream().filter(a -> !names.contains(a.user())).findFirst().ifPresent(a -> {
                throw new BadRequestException("an ACL of " + a.user() + ", who is not in scramUsers");
            });
        }
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
        facts.put("users", names);
        Changes changes;
        try (ClusterProbe cluster = new ClusterProbe(request.require(request.bootstrap(), "bootstrap"), timeout)) {
            Admin admin = cluster.admin();
            Map<String, UserScramCredentialsDescription> known = admin.describeUserScramCredentials().all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> unlisted = known.keySet().stream().filter(n -> !names.contains(n)).sorted().toList();
            List<String> removed = request.isRemoveUsers() ? unlisted : List.of();
            UserAcls acls = new UserAcls(admin, timeout);
            List<String> managed = new ArrayList<>(names);
            managed.addAll(removed);
            AclDiff aclDiff = request.acls() == null ? new AclDiff(List.of(), List.of())
                    : acls.diff(request.acls(), managed);
            changes = new Changes(stale, known.keySet(), unlisted, removed, aclDiff, request.acls() != null);
            changes.report(facts);
            if (changes.isEmpty() || request.isCheck()) {
                return changes.result(request.isCheck(), facts);
            }
            List<UserScramCredentialAlteration> alterations = new ArrayList<>();
            stale.forEach(u -> alterations.add(new UserScramCredentialUpsertion(u.name(), new ScramCredentialInfo(
                    ScramMechanism.fromMechanismName(u.mechanism()), ITERATIONS), u.password())));
            removed.forEach(name -> known.get(name).credentialInfos().forEach(info ->
                    alterations.add(new UserScramCredentialDeletion(name, info.mechanism()))));
            if (!alterations.isEmpty()) {
                admin.alterUserScramCredentials(alterations).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (request.acls() != null) {
                acls.apply(aclDiff);
                acls.await(request.acls(), managed);
            }
        }
        awaitAuthentication(external, stale, request.externalCa(), timeout);
        return changes.result(false, facts);
    }

    /** What one run finds to do; the facts name users and ACLs, never a password. */
    private record Changes(List<ScramUser> stale, Set<String> known, List<String> unlisted, List<String> removed,
            AclDiff acls, boolean aclsManaged) {

        boolean isEmpty() {
            return stale.isEmpty() && removed.isEmpty() && acls.isEmpty();
        }

        void report(Map<String, Object> facts) {
            facts.put("created", stale.stream().map(ScramUser::name).filter(n -> !known.contains(n)).toList());
            facts.put("rotated", stale.stream().map(ScramUser::name).filter(known::contains).toList());
            facts.put("unlisted", unlisted);
            facts.put("removed", removed);
            if (aclsManaged) {
                facts.put("aclsAdded", acls.added());
                facts.put("aclsRemoved", acls.removed());
            }
        }

        AgentResult result(boolean check, Map<String, Object> facts) {
            List<String> done = new ArrayList<>();
            if (!stale.isEmpty()) {
                done.add((check ? "write" : "wrote") + " the credentials of " + stale.stream()
                        .map(ScramUser::toString).collect(Collectors.joining(", ")));
            }
            if (!removed.isEmpty()) {
                done.add((check ? "delete " : "deleted ") + String.join(", ", removed)
                        + (aclsManaged ? " and their ACLs" : ""));
            }
            if (!acls.isEmpty()) {
                done.add((check ? "add " : "added ") + acls.add().size() + " ACLs and " + (check ? "remove " : "removed ")
                        + acls.remove().size());
            }
            String left = unlisted.isEmpty() || !removed.isEmpty() ? "" : "; in the cluster but not in the request, "
                    + "left alone: " + String.join(", ", unlisted) + " (removeUsers deletes them)";
            if (done.isEmpty()) {
                return AgentResult.ok("users", "every user authenticates on EXTERNAL"
                        + (aclsManaged ? " and has its ACLs" : "") + left, facts);
            }
            return AgentResult.changed("users", (check ? "would " : "") + String.join("; ", done) + left, facts);
        }
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
}
