package io.plk.orchestrator.plan;

import io.plk.agent.protocol.AccessProbe;
import io.plk.agent.protocol.UserAcl;
import io.plk.orchestrator.inventory.AclGrant;
import io.plk.orchestrator.inventory.ExternalAuth;
import io.plk.orchestrator.inventory.ScramUserSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The users' {@code acls} as the ACLs Kafka keeps, and what verify asks to prove them. For {@link Plan} only. */
final class AclBindings {
    static final List<String> CHANGEFEED_TOPIC = List.of("CREATE", "WRITE", "DESCRIBE", "DESCRIBE_CONFIGS");
    static final List<String> CHANGEFEED_CLUSTER = List.of("DESCRIBE", "DESCRIBE_CONFIGS");
    /** Kafka lets these describe a topic too (READ, WRITE, DELETE and ALTER imply DESCRIBE). */
    private static final Set<String> DESCRIBES = Set.of("DESCRIBE", "READ", "WRITE", "DELETE", "ALTER", "ALL");
    private static final String PROBE = "plk-verify";
    private static final String OUTSIDE = "plk-outside-acls";

    private AclBindings() {
    }

    static List<UserAcl> of(ExternalAuth auth) {
        if (!auth.authorizer()) {
            return List.of();
        }
        return auth.users().stream().flatMap(AclBindings::of).distinct().toList();
    }

    private static Stream<UserAcl> of(ScramUserSpec user) {
        Set<UserAcl> acls = new LinkedHashSet<>();
        for (AclGrant grant : user.acls()) {
            if (grant instanceof AclGrant.Changefeed preset) {
                String topic = preset.topicPrefix() == null ? "*" : preset.topicPrefix();
                String pattern = preset.topicPrefix() == null ? "LITERAL" : "PREFIXED";
                CHANGEFEED_TOPIC.forEach(op -> acls.add(new UserAcl(user.name(), "TOPIC", topic, pattern, op)));
                CHANGEFEED_CLUSTER.forEach(op -> acls.add(new UserAcl(user.name(), "CLUSTER", "kafka-cluster",
                        "LITERAL", op)));
            } else if (grant instanceof AclGrant.Entry entry) {
                entry.operations().forEach(op -> acls.add(new UserAcl(user.name(), entry.resource(), entry.name(),
                        entry.pattern(), op)));
            }
        }
        return acls.stream();
    }

    /**
     * For the first user: a topic it may describe, a topic and a group no ACL of its names (each absent
     * when there is none, e.g. no topic lies outside ACLs on every topic).
     */
    static Optional<AccessProbe> probe(ExternalAuth auth) {
        if (!auth.authorizer() || auth.users().isEmpty()) {
            return Optional.empty();
        }
        List<UserAcl> first = of(auth.users().get(0)).toList();
        List<UserAcl> topics = first.stream().filter(a -> a.resource().equals("TOPIC")).toList();
        List<UserAcl> groups = first.stream().filter(a -> a.resource().equals("GROUP")).toList();
        String allowed = topics.stream().filter(a -> DESCRIBES.contains(a.operation())).findFirst()
                .map(a -> a.pattern().equals("PREFIXED") ? a.name() + PROBE : a.name().equals("*") ? PROBE : a.name())
                .orElse(null);
        return Optional.of(new AccessProbe(allowed, outside(topics), outside(groups)));
    }

    /** A name none of {@code acls} matches, or null. */
    private static String outside(List<UserAcl> acls) {
        return Stream.concat(Stream.of(OUTSIDE), "abcdefghijklmnopqrstuvwxyz".chars().mapToObj(c -> (char) c + "-" + OUTSIDE))
                .filter(name -> acls.stream().noneMatch(a -> matches(a, name))).findFirst().orElse(null);
    }

    private static boolean matches(UserAcl acl, String name) {
        return acl.pattern().equals("PREFIXED") ? name.startsWith(acl.name())
                : acl.name().equals("*") || acl.name().equals(name);
    }
}
